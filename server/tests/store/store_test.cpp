#include "fixture.hpp"

#include "store/accounts.hpp"
#include "store/migrations.hpp"
#include "store/quotas.hpp"
#include "store/schedules.hpp"
#include "store/sessions.hpp"
#include "store/target_lists.hpp"
#include "store/trees.hpp"

#include <boost/json.hpp>

#include <filesystem>

namespace rf {
namespace {

using testing::make_team;
using testing::shared_db;

domain::tree make_tree(store::lease& sql, const domain::user& owner, std::string type = "maintenance",
                       std::string name = "Patch the RDS farm", millis at = 1'700'000'000'000) {
  domain::tree t{new_uuid(),
                 owner.team_id,
                 owner.id,
                 std::move(name),
                 "",
                 *domain::parse<domain::tree_type>(type),
                 R"({"steps":[{"id":"s1","type":"procedure_step","title":"Drain"}]})",
                 at,
                 at};
  store::insert_tree(sql, t);
  return t;
}

TEST(store, migrations_are_idempotent) { EXPECT_EQ(shared_db().migrate(), 0); }

TEST(store, email_is_unique_case_insensitively) {
  store::lease sql(shared_db().pool());
  const std::string email = "Someone-" + new_uuid() + "@Example.com";
  auto first = store::create_team_with_admin(sql, "A", {email, "A", "h"}, 1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first.value->role, domain::user_role::admin);
  std::string upper = email;
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  auto second = store::create_team_with_admin(sql, "B", {upper, "B", "h"}, 1);
  EXPECT_EQ(second.code, store::errc::duplicate);
  auto cred = store::find_credentials(sql, store::lower_ascii(email));
  ASSERT_TRUE(cred);
  EXPECT_EQ(cred->user.id, first.value->id);
}

TEST(store, tokens_expire_and_can_be_revoked) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  const std::string live = hash_token(new_token()), old = hash_token(new_token());
  store::store_token(sql, live, u.id, 1000, 5000);
  store::store_token(sql, old, u.id, 1000, 2000);
  EXPECT_TRUE(store::user_for_token(sql, live, 3000));
  EXPECT_FALSE(store::user_for_token(sql, old, 3000));
  store::delete_token(sql, live);
  EXPECT_FALSE(store::user_for_token(sql, live, 3000));
}

TEST(store, invite_joins_as_engineer_until_it_expires) {
  store::lease sql(shared_db().pool());
  auto admin = make_team(sql);
  const std::string code = new_invite_code();
  ASSERT_TRUE(store::create_invite(sql, admin.team_id, admin.id, code, domain::user_role::engineer, 1000, 2000, 100));
  auto joined = store::join_team(sql, code, {"j-" + new_uuid() + "@example.com", "J", "h"}, 1500, 500);
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined.value->team_id, admin.team_id);
  EXPECT_EQ(joined.value->role, domain::user_role::engineer);
  auto late = store::join_team(sql, code, {"k-" + new_uuid() + "@example.com", "K", "h"}, 2500, 500);
  EXPECT_EQ(late.code, store::errc::not_found);
}

TEST(store, the_last_admin_cannot_be_demoted) {
  store::lease sql(shared_db().pool());
  auto admin = make_team(sql);
  EXPECT_EQ(store::set_role(sql, admin.team_id, admin.id, domain::user_role::viewer).code, store::errc::refused);
  auto other = make_team(sql);
  EXPECT_EQ(store::set_role(sql, other.team_id, admin.id, domain::user_role::viewer).code, store::errc::not_found);
}

TEST(store, another_teams_tree_does_not_exist) {
  store::lease sql(shared_db().pool());
  auto mine = make_team(sql), theirs = make_team(sql);
  auto t = make_tree(sql, mine);
  EXPECT_TRUE(store::get_tree(sql, mine.team_id, t.id));
  EXPECT_FALSE(store::get_tree(sql, theirs.team_id, t.id));
  domain::tree changed = t;
  changed.team_id = theirs.team_id;
  changed.name = "hijacked";
  EXPECT_FALSE(store::update_tree(sql, changed));
  EXPECT_FALSE(store::delete_tree(sql, theirs.team_id, t.id));
  EXPECT_EQ(store::get_tree(sql, mine.team_id, t.id)->name, t.name);
  EXPECT_TRUE(store::list_trees(sql, theirs.team_id, {}).items.empty());
}

TEST(store, trees_list_newest_first_with_filters) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  make_tree(sql, u, "maintenance", "Rotate 100% of certs", 1000);
  make_tree(sql, u, "procedural", "Onboard a user", 2000);
  make_tree(sql, u, "maintenance", "Patch servers", 3000);
  auto all = store::list_trees(sql, u.team_id, {}).items;
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "Patch servers");
  EXPECT_EQ(all[2].name, "Rotate 100% of certs");
  EXPECT_EQ(store::list_trees(sql, u.team_id, {domain::tree_type::maintenance, std::nullopt}).items.size(), 2u);
  // LIKE wildcards in the query are literal characters.
  auto pct = store::list_trees(sql, u.team_id, {std::nullopt, std::string("100%")}).items;
  ASSERT_EQ(pct.size(), 1u);
  EXPECT_TRUE(store::list_trees(sql, u.team_id, {std::nullopt, std::string("_atch")}).items.empty());
  EXPECT_EQ(store::list_trees(sql, u.team_id, {std::nullopt, std::string("PATCH")}).items.size(), 1u);
  // A page: the total counts every match, the items only the page.
  auto page = store::list_trees(sql, u.team_id, {std::nullopt, std::nullopt, 2, 1});
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].name, "Onboard a user");
  EXPECT_TRUE(page.items[0].tree_structure.empty());
  auto c = store::count_trees(sql, u.team_id);
  EXPECT_EQ(c.total, 3);
  EXPECT_EQ(c.maintenance, 2);
  EXPECT_EQ(c.procedural, 1);
  EXPECT_EQ(c.troubleshooting, 0);
}

TEST(store, a_batch_creates_one_session_per_target_in_order) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  auto t = make_tree(sql, u);
  store::new_batch b{u.team_id, t, u.id, domain::batch_source::manual, std::nullopt, std::nullopt, {}};
  for (int i = 0; i < 1000; ++i) b.targets.push_back({"srv-" + std::to_string(i), i % 2 ? "odd" : ""});
  auto created = rf::testing::create_batch(sql, b, 5000);
  ASSERT_TRUE(created);
  EXPECT_EQ(created.value->session_ids.size(), 1000u);
  auto detail = store::get_batch(sql, u.team_id, created.value->batch_id);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->sessions.size(), 1000u);
  EXPECT_EQ(detail->sessions[0].target_label, "srv-0");
  EXPECT_EQ(detail->sessions[999].target_label, "srv-999");
  EXPECT_EQ(detail->sessions[1].target_notes, "odd");
  EXPECT_EQ(detail->summary.total, 1000);
  EXPECT_EQ(detail->summary.not_started, 1000);
  auto other = make_team(sql);
  EXPECT_FALSE(store::get_batch(sql, other.team_id, created.value->batch_id));
}

TEST(store, a_scheduled_occurrence_makes_one_batch_only) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  auto t = make_tree(sql, u);
  const std::string schedule_id = new_uuid();
  store::new_batch b{
      u.team_id, t, u.id, domain::batch_source::schedule, schedule_id, millis{60'000}, {{"a", ""}, {"b", ""}}};
  ASSERT_TRUE(rf::testing::create_batch(sql, b, 61'000));
  auto again = rf::testing::create_batch(sql, b, 62'000);
  EXPECT_EQ(again.code, store::errc::duplicate);
  // All or nothing: the refused batch left no sessions behind.
  store::session_filter f;
  f.tree_id = t.id;
  EXPECT_EQ(store::list_sessions(sql, u.team_id, f).total, 2);
}

TEST(store, run_history_counts_progress_in_the_database) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  auto t = make_tree(sql, u);
  store::new_batch b{
      u.team_id, t, u.id, domain::batch_source::manual, std::nullopt, std::nullopt, {{"a", ""}, {"b", ""}, {"c", ""}}};
  auto created = rf::testing::create_batch(sql, b, 10'000);
  ASSERT_TRUE(created);
  ASSERT_TRUE(store::complete_session(sql, u.team_id, created.value->session_ids[0], 11'000));
  store::progress_patch started;
  started.notes = "started";
  auto patched = store::patch_session_progress(sql, u.team_id, created.value->session_ids[1], started, 12'000, 1024);
  ASSERT_TRUE(patched);
  EXPECT_EQ(patched.value->status, domain::session_status::in_progress);
  auto history = store::run_history(sql, u.team_id, t.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].total, 3);
  EXPECT_EQ(history[0].completed, 1);
  EXPECT_EQ(history[0].in_progress, 1);
  EXPECT_EQ(history[0].not_started, 1);
  EXPECT_EQ(history[0].created_by_name, "Test User");
  // A completed session no longer changes.
  EXPECT_EQ(store::patch_session_progress(sql, u.team_id, created.value->session_ids[0], started, 13'000, 1024).code,
            store::errc::refused);
  // Progress over the cap is refused and nothing is written.
  store::progress_patch big;
  big.notes = std::string(2000, 'x');
  EXPECT_EQ(store::patch_session_progress(sql, u.team_id, created.value->session_ids[2], big, 13'000, 1024).code,
            store::errc::limit);
  EXPECT_EQ(store::get_session(sql, u.team_id, created.value->session_ids[2])->notes, "");
}

TEST(store, one_schedule_per_flow) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  auto t = make_tree(sql, u);
  domain::schedule s{new_uuid(), u.team_id, t.id,         u.id,         "0 2 * * *",  "UTC", std::nullopt,
                     true,       3600,      millis{1000}, std::nullopt, std::nullopt, 1,     1};
  EXPECT_EQ(store::insert_schedule(sql, s), store::errc::ok);
  s.id = new_uuid();
  EXPECT_EQ(store::insert_schedule(sql, s), store::errc::duplicate);
  EXPECT_EQ(store::list_schedules(sql, u.team_id).size(), 1u);
  // Deleting the flow takes its schedule with it.
  EXPECT_TRUE(store::delete_tree(sql, u.team_id, t.id));
  EXPECT_TRUE(store::list_schedules(sql, u.team_id).empty());
}

TEST(store, a_target_list_in_use_cannot_be_deleted) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  auto t = make_tree(sql, u);
  domain::target_list l{new_uuid(), u.team_id, u.id, "RDS farm", "", {{"rds-01", "primary"}, {"rds-02", ""}}, 2, 1, 1};
  store::insert_target_list(sql, l);
  auto got = store::get_target_list(sql, u.team_id, l.id);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->targets.size(), 2u);
  EXPECT_EQ(got->targets[0].notes, "primary");
  domain::schedule s{new_uuid(), u.team_id, t.id,         u.id,         "0 2 * * *",  "UTC", l.id,
                     true,       3600,      millis{1000}, std::nullopt, std::nullopt, 1,     1};
  ASSERT_EQ(store::insert_schedule(sql, s), store::errc::ok);
  EXPECT_EQ(store::delete_target_list(sql, u.team_id, l.id), store::errc::in_use);
  auto other = make_team(sql);
  EXPECT_EQ(store::delete_target_list(sql, other.team_id, l.id), store::errc::not_found);
  ASSERT_TRUE(store::delete_schedule(sql, u.team_id, s.id));
  EXPECT_EQ(store::delete_target_list(sql, u.team_id, l.id), store::errc::ok);
}

TEST(store, a_transaction_inside_a_transaction_is_a_savepoint) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql);
  auto count = [&] { return store::count_target_lists(sql, u.team_id); };
  auto list = [&](const char* name) {
    return domain::target_list{new_uuid(), u.team_id, u.id, name, "", {{"a", ""}}, 1, 1, 1};
  };
  {
    store::transaction outer(sql);
    store::insert_target_list(sql, list("kept"));
    {
      store::transaction inner(sql);
      store::insert_target_list(sql, list("undone"));
      // Left without commit: only its own write goes.
    }
    {
      store::transaction inner(sql);
      store::insert_target_list(sql, list("kept too"));
      inner.commit();
    }
    outer.commit();
  }
  EXPECT_EQ(count(), 2);
  {
    store::transaction outer(sql);
    store::transaction inner(sql);
    store::insert_target_list(sql, list("gone with the outer one"));
    inner.commit();
  }
  EXPECT_EQ(count(), 2);
  // The connection is usable for a new outermost transaction afterwards.
  store::transaction again(sql);
  store::insert_target_list(sql, list("after"));
  again.commit();
  EXPECT_EQ(count(), 3);
}

TEST(store, session_quota_counts_per_team_and_window) {
  store::lease sql(shared_db().pool());
  auto u = make_team(sql), other = make_team(sql);
  store::quota_limits limits;
  limits.sessions_per_window = 10;
  limits.session_window_ms = 10 * 60'000;
  const millis t0 = 1'800'000'000'000;
  auto reserve = [&](const domain::user& who, long long n, millis at) {
    store::transaction tx(sql);
    auto r = store::reserve_sessions(sql, who.team_id, n, at, limits);
    tx.commit();
    return r;
  };
  EXPECT_TRUE(reserve(u, 6, t0).ok);
  EXPECT_TRUE(reserve(u, 4, t0 + 60'000).ok);
  auto refused = reserve(u, 1, t0 + 120'000);
  EXPECT_FALSE(refused.ok);
  // The first minute's six leave the window ten minutes after that minute began.
  EXPECT_EQ(refused.retry_after_s, (t0 - t0 % 60'000 + 600'000 - (t0 + 120'000) + 999) / 1000);
  EXPECT_TRUE(reserve(other, 10, t0).ok);
  EXPECT_TRUE(reserve(u, 6, t0 + 600'000).ok);  // the first minute has left the window
  EXPECT_FALSE(reserve(u, 1, t0 + 600'000).ok);
}

TEST(store, a_removed_member_frees_the_address_and_keeps_the_row) {
  store::lease sql(shared_db().pool());
  auto admin = make_team(sql);
  const std::string code = new_invite_code();
  ASSERT_TRUE(store::create_invite(sql, admin.team_id, admin.id, code, domain::user_role::viewer, 1, 1e15, 100));
  const std::string email = "gone-" + new_uuid() + "@example.com";
  auto member = *store::join_team(sql, code, {email, "Gone", "h"}, 2, 500).value;
  EXPECT_EQ(member.role, domain::user_role::viewer);
  EXPECT_EQ(store::remove_member(sql, admin.team_id, member.id, 3), store::errc::ok);
  EXPECT_EQ(store::remove_member(sql, admin.team_id, member.id, 3), store::errc::not_found);
  EXPECT_EQ(store::remove_member(sql, admin.team_id, admin.id, 3), store::errc::refused);
  EXPECT_FALSE(store::find_credentials(sql, email));
  auto team = *store::get_team(sql, admin.team_id);
  EXPECT_EQ(team.members.size(), 1u);
  auto again = store::join_team(sql, code, {email, "Back", "h"}, 4, 500);
  ASSERT_TRUE(again);
  EXPECT_NE(again.value->id, member.id);
}

TEST(store, migration_0002_rekeys_emails_and_trims_cron_expressions) {
  // A database as version 1 left it, with rows that the new rules read differently.
  const auto path = std::filesystem::temp_directory_path() / ("rf-migrate-" + new_uuid() + ".db");
  {
    store::database old("sqlite:" + path.string(), 1);
    soci::session sql(old.pool());
    sql << "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    const auto& first = store::sqlite_migrations().front();
    std::string text(first.sql);
    for (std::size_t start = 0, end; (end = text.find(";\n", start)) != std::string::npos; start = end + 2)
      sql << text.substr(start, end - start + 1);
    sql << "INSERT INTO schema_migrations VALUES (1, 'initial', 0)";
    sql << "INSERT INTO teams (id, name, created_at) VALUES ('t', 'T', 0)";
    sql << "INSERT INTO users (id, team_id, email, email_lower, name, role, password_hash, is_active, created_at)"
           " VALUES ('u1', 't', 'Straße@Example.com', 'straße@example.com', 'A', 'admin', 'h', 1, 1)";
    sql << "INSERT INTO trees (id, team_id, created_by, name, tree_type, tree_structure, created_at, updated_at)"
           " VALUES ('r', 't', 'u1', 'F', 'maintenance',"
           " '{\"steps\":[{\"id\":\"a\",\"type\":\"procedure_step\",\"title\":\"A\"},"
           "{\"id\":\"z\",\"type\":\"procedure_end\",\"title\":\"Z\"}]}', 0, 0)";
    sql << "INSERT INTO maintenance_schedules (id, team_id, tree_id, created_by, cron_expression, timezone,"
           " is_active, misfire_grace_seconds, created_at, updated_at)"
           " VALUES ('s', 't', 'r', 'u1', '0 9 * * *' || char(10), 'UTC', 1, 3600, 0, 0)";
  }
  store::database db("sqlite:" + path.string(), 1);
  EXPECT_GE(db.migrate(), 1);
  store::lease sql(db.pool());
  auto cred = store::find_credentials(sql, "STRASSE@example.com");
  ASSERT_TRUE(cred);
  EXPECT_EQ(cred->user.id, "u1");
  EXPECT_EQ(store::get_schedule(sql, "t", "s")->cron_expression, "0 9 * * *");
  EXPECT_EQ(store::get_tree(sql, "t", "r")->step_count, 1);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rf

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
