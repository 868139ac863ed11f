// The scheduler driven by a fake clock against the real database of this run: due
// occurrences fire once, downtime is caught up or recorded as missed per the grace, DST
// days fire as the cron engine says.

#include "fixture.hpp"

#include "cron/cron.hpp"
#include "scheduler/scheduler.hpp"
#include "store/schedules.hpp"
#include "store/sessions.hpp"
#include "store/target_lists.hpp"
#include "store/trees.hpp"

namespace rf {
namespace {

using testing::fake_clock;
using testing::make_team;
using testing::shared_db;

millis at(const char* rfc3339) { return *parse_instant(rfc3339); }

class scheduler_test : public ::testing::Test {
 protected:
  void SetUp() override {
    store::lease sql(shared_db().pool());
    // Only this test's schedules may be due.
    sql << "UPDATE maintenance_schedules SET is_active = 0";
    user_ = make_team(sql);
    tree_ = domain::tree{new_uuid(),
                         user_.team_id,
                         user_.id,
                         "Patch",
                         "",
                         domain::tree_type::maintenance,
                         R"({"steps":[{"id":"s1","type":"procedure_step","title":"Patch"}]})",
                         1,
                         1};
    store::insert_tree(sql, tree_);
  }

  // Creates an active schedule whose next run is computed, as the API does, from the clock.
  domain::schedule make_schedule(const std::string& cron_text, const std::string& tz, long long grace = 3600,
                                 std::optional<std::string> list = std::nullopt) {
    auto expr = std::get<cron::expression>(cron::expression::parse(cron_text));
    const auto next =
        expr.next_after(cron::instant{std::chrono::seconds(clock_.now_ms() / 1000)}, *cron::find_zone(tz));
    domain::schedule s{
        new_uuid(),      user_.team_id,
        tree_.id,        user_.id,
        cron_text,       tz,
        std::move(list), true,
        grace,           std::chrono::duration_cast<std::chrono::milliseconds>(next->time_since_epoch()).count(),
        std::nullopt,    std::nullopt,
        clock_.now_ms(), clock_.now_ms()};
    store::lease sql(shared_db().pool());
    EXPECT_EQ(store::insert_schedule(sql, s), store::errc::ok);
    return s;
  }

  domain::schedule reload(const domain::schedule& s) {
    store::lease sql(shared_db().pool());
    return *store::get_schedule(sql, user_.team_id, s.id);
  }

  std::vector<domain::history_entry> history() {
    store::lease sql(shared_db().pool());
    return store::run_history(sql, user_.team_id, tree_.id);
  }

  std::vector<millis> fired_occurrences() {
    std::vector<millis> out;
    for (const auto& e : history())
      if (!e.missed && !e.skipped && e.scheduled_for) out.push_back(*e.scheduled_for);
    std::sort(out.begin(), out.end());
    return out;
  }

  fake_clock clock_{at("2026-03-01T00:00:00Z")};
  scheduler::scheduler sched_{shared_db(), clock_};
  domain::user user_;
  domain::tree tree_;
};

TEST_F(scheduler_test, fires_each_occurrence_once_when_due) {
  auto s = make_schedule("*/5 * * * *", "UTC");
  EXPECT_EQ(*s.next_run_at, at("2026-03-01T00:05:00Z"));
  clock_.set(at("2026-03-01T00:04:59Z"));
  EXPECT_EQ(sched_.tick().fired, 0);
  clock_.set(at("2026-03-01T00:05:00.250Z"));
  EXPECT_EQ(sched_.tick().fired, 1);
  EXPECT_EQ(sched_.tick().fired, 0);
  auto after = reload(s);
  EXPECT_EQ(*after.next_run_at, at("2026-03-01T00:10:00Z"));
  EXPECT_EQ(*after.last_run_at, at("2026-03-01T00:05:00.250Z"));
  auto h = history();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].source, domain::batch_source::schedule);
  EXPECT_EQ(*h[0].scheduled_for, at("2026-03-01T00:05:00Z"));
  EXPECT_EQ(h[0].id, *after.last_batch_id);
  // No target list: one session labelled Unassigned, attributed to the schedule's creator.
  store::lease sql(shared_db().pool());
  auto b = store::get_batch(sql, user_.team_id, h[0].id);
  ASSERT_EQ(b->sessions.size(), 1u);
  EXPECT_EQ(b->sessions[0].target_label, "Unassigned");
  EXPECT_EQ(b->sessions[0].user_id, user_.id);
}

TEST_F(scheduler_test, short_downtime_fires_the_latest_and_records_the_rest_as_missed) {
  auto s = make_schedule("*/5 * * * *", "UTC", 600);
  clock_.set(at("2026-03-01T00:32:00Z"));
  auto r = sched_.tick();
  EXPECT_EQ(r.fired, 1);
  EXPECT_EQ(r.missed_entries, 1);
  EXPECT_EQ(fired_occurrences(), std::vector<millis>{at("2026-03-01T00:30:00Z")});
  auto h = history();
  auto missed = std::find_if(h.begin(), h.end(), [](auto& e) { return e.missed; });
  ASSERT_NE(missed, h.end());
  EXPECT_EQ(missed->missed_count, 5);  // 00:05 .. 00:25
  EXPECT_EQ(missed->first_missed_at, at("2026-03-01T00:05:00Z"));
  EXPECT_EQ(missed->last_missed_at, at("2026-03-01T00:25:00Z"));
  EXPECT_EQ(*reload(s).next_run_at, at("2026-03-01T00:35:00Z"));
}

TEST_F(scheduler_test, downtime_beyond_the_grace_fires_nothing_and_keeps_the_schedule) {
  auto s = make_schedule("0 * * * *", "UTC", 60);
  clock_.set(at("2026-03-01T03:30:00Z"));
  auto r = sched_.tick();
  EXPECT_EQ(r.fired, 0);
  EXPECT_EQ(r.missed_entries, 1);
  auto h = history();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_TRUE(h[0].missed);
  EXPECT_EQ(h[0].missed_count, 3);  // 01:00, 02:00, 03:00
  auto after = reload(s);
  EXPECT_TRUE(after.is_active);
  EXPECT_EQ(*after.next_run_at, at("2026-03-01T04:00:00Z"));
  clock_.set(at("2026-03-01T04:00:01Z"));
  EXPECT_EQ(sched_.tick().fired, 1);
}

TEST_F(scheduler_test, a_paused_schedule_does_not_fire) {
  auto s = make_schedule("*/5 * * * *", "UTC");
  s.is_active = false;
  store::lease sql(shared_db().pool());
  ASSERT_EQ(store::update_schedule(sql, s), store::errc::ok);
  clock_.set(at("2026-03-01T01:00:00Z"));
  EXPECT_EQ(sched_.tick().fired, 0);
  EXPECT_TRUE(history().empty());
}

TEST_F(scheduler_test, the_target_list_is_read_at_fire_time) {
  domain::target_list l{new_uuid(), user_.team_id, user_.id, "Farm", "", {{"old-01", ""}}, 1, 1, 1};
  {
    store::lease sql(shared_db().pool());
    store::insert_target_list(sql, l);
  }
  make_schedule("0 2 * * *", "UTC", 3600, l.id);
  {
    store::lease sql(shared_db().pool());
    l.targets = {{"rds-01", "primary"}, {"rds-02", ""}};
    ASSERT_TRUE(store::update_target_list(sql, l));
  }
  clock_.set(at("2026-03-01T02:00:00Z"));
  ASSERT_EQ(sched_.tick().fired, 1);
  store::lease sql(shared_db().pool());
  auto b = store::get_batch(sql, user_.team_id, history()[0].id);
  ASSERT_EQ(b->sessions.size(), 2u);
  EXPECT_EQ(b->sessions[0].target_label, "rds-01");
  EXPECT_EQ(b->sessions[0].target_notes, "primary");
}

TEST_F(scheduler_test, run_now_beside_a_scheduled_fire) {
  auto s = make_schedule("0 2 * * *", "UTC");
  {
    // "Run now": a manual batch of the schedule, no occurrence.
    store::lease sql(shared_db().pool());
    store::new_batch b{user_.team_id, tree_,        user_.id,        domain::batch_source::manual,
                       s.id,          std::nullopt, {{"now-01", ""}}};
    ASSERT_TRUE(rf::testing::create_batch(sql, b, at("2026-03-01T01:59:59Z")));
  }
  EXPECT_EQ(*reload(s).next_run_at, at("2026-03-01T02:00:00Z"));
  clock_.set(at("2026-03-01T02:00:00Z"));
  EXPECT_EQ(sched_.tick().fired, 1);
  auto h = history();
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].source == domain::batch_source::schedule ? h[1].source : h[0].source, domain::batch_source::manual);
}

TEST_F(scheduler_test, new_york_spring_forward_fires_a_fixed_time_job_after_the_gap) {
  clock_.set(at("2026-03-07T12:00:00Z"));
  auto s = make_schedule("30 2 * * *", "America/New_York");
  EXPECT_EQ(*s.next_run_at, at("2026-03-08T07:00:00Z"));  // 03:00 EDT
  clock_.set(at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(sched_.tick().fired, 1);
  EXPECT_EQ(*reload(s).next_run_at, at("2026-03-09T06:30:00Z"));  // 02:30 EDT
}

TEST_F(scheduler_test, new_york_fall_back_fixed_fires_once_wildcard_fires_both_hours) {
  clock_.set(at("2026-11-01T04:00:00Z"));
  auto fixed = make_schedule("30 1 * * *", "America/New_York");
  EXPECT_EQ(*fixed.next_run_at, at("2026-11-01T05:30:00Z"));  // 01:30 EDT only
  clock_.set(at("2026-11-01T05:30:00Z"));
  EXPECT_EQ(sched_.tick().fired, 1);
  EXPECT_EQ(*reload(fixed).next_run_at, at("2026-11-02T06:30:00Z"));

  // A second flow for the wildcard schedule (one schedule per flow).
  store::lease sql(shared_db().pool());
  sql << "UPDATE maintenance_schedules SET is_active = 0";
  tree_.id = new_uuid();
  store::insert_tree(sql, tree_);
  clock_.set(at("2026-11-01T04:30:00Z"));
  make_schedule("0 * * * *", "America/New_York", 60);
  for (const char* t : {"2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z"}) {
    clock_.set(at(t));
    EXPECT_EQ(sched_.tick().fired, 1) << t;
  }
  // 01:00 EDT, 01:00 EST, 02:00 EST.
  EXPECT_EQ(fired_occurrences(),
            (std::vector<millis>{at("2026-11-01T05:00:00Z"), at("2026-11-01T06:00:00Z"), at("2026-11-01T07:00:00Z")}));
}

TEST_F(scheduler_test, a_fire_over_the_session_quota_is_a_visible_skipped_entry) {
  scheduler::options opts;
  opts.quotas.sessions_per_window = 3;
  scheduler::scheduler limited(shared_db(), clock_, opts);
  store::lease sql(shared_db().pool());
  domain::target_list list{new_uuid(), user_.team_id, user_.id, "Pair", "", {{"a", ""}, {"b", ""}}, 2, 1, 1};
  store::insert_target_list(sql, list);
  auto s = make_schedule("*/5 * * * *", "UTC", 3600, list.id);
  clock_.set(at("2026-03-01T00:05:00Z"));
  EXPECT_EQ(limited.tick().fired, 1);  // 2 of 3
  clock_.set(at("2026-03-01T00:10:00Z"));
  auto r = limited.tick();
  EXPECT_EQ(r.fired, 0);  // 2 more would make 4
  EXPECT_EQ(r.skipped, 1);
  auto h = history();
  auto skipped = std::find_if(h.begin(), h.end(), [](auto& e) { return e.skipped; });
  ASSERT_NE(skipped, h.end());
  EXPECT_EQ(skipped->reason, "quota");
  EXPECT_EQ(*skipped->scheduled_for, at("2026-03-01T00:10:00Z"));
  EXPECT_EQ(skipped->total, 2);
  // The schedule goes on: the next occurrence is planned, nothing was fired twice, and
  // once the window has passed the team's sessions fit again.
  EXPECT_EQ(*reload(s).next_run_at, at("2026-03-01T00:15:00Z"));
  EXPECT_EQ(fired_occurrences(), std::vector<millis>{at("2026-03-01T00:05:00Z")});
  clock_.set(at("2026-03-01T00:20:00Z"));
  EXPECT_EQ(limited.tick().fired, 1);
}

TEST_F(scheduler_test, a_list_grown_past_the_batch_limit_is_skipped_not_fired) {
  store::lease sql(shared_db().pool());
  std::vector<domain::target> many;
  for (int i = 0; i < 1001; ++i) many.push_back({"srv-" + std::to_string(i), ""});
  domain::target_list list{new_uuid(), user_.team_id, user_.id, "Huge", "", many, 1001, 1, 1};
  store::insert_target_list(sql, list);
  make_schedule("*/5 * * * *", "UTC", 3600, list.id);
  clock_.set(at("2026-03-01T00:05:00Z"));
  auto r = sched_.tick();
  EXPECT_EQ(r.fired, 0);
  EXPECT_EQ(r.skipped, 1);
  auto h = history();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_TRUE(h[0].skipped);
  EXPECT_EQ(h[0].reason, "batch_limit");
  EXPECT_EQ(h[0].total, 1001);
}

TEST_F(scheduler_test, a_refused_duplicate_inside_one_transaction_keeps_the_others) {
  // Two schedules fire in one claim transaction; the first one's occurrence already has a
  // batch (as after a crash between commit and bookkeeping on another replica), so its
  // savepoint rolls back; the second still fires and commits with it.
  auto first = make_schedule("*/5 * * * *", "UTC");
  tree_.id = new_uuid();
  store::lease sql(shared_db().pool());
  store::insert_tree(sql, tree_);
  auto second = make_schedule("*/5 * * * *", "UTC");
  store::new_batch b{user_.team_id, tree_, user_.id, domain::batch_source::schedule, first.id,
                     at("2026-03-01T00:05:00Z"), {{"x", ""}}};
  ASSERT_TRUE(rf::testing::create_batch(sql, b, 1));
  clock_.set(at("2026-03-01T00:05:00Z"));
  auto r = sched_.tick();
  EXPECT_EQ(r.fired, 1);
  EXPECT_EQ(*reload(first).next_run_at, at("2026-03-01T00:10:00Z"));
  EXPECT_TRUE(reload(second).last_batch_id);
}

}  // namespace
}  // namespace rf
