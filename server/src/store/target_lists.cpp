#include "store/target_lists.hpp"

#include "store/sql.hpp"

#include <boost/json.hpp>

namespace rf::store {

using soci::into;
using soci::use;

std::string targets_to_json(const std::vector<domain::target>& targets) {
  boost::json::array a;
  a.reserve(targets.size());
  for (const auto& t : targets) a.push_back(boost::json::object{{"label", t.label}, {"notes", t.notes}});
  return boost::json::serialize(a);
}

std::vector<domain::target> targets_from_json(const std::string& text) {
  std::vector<domain::target> out;
  const auto v = boost::json::parse(text);
  for (const auto& e : v.as_array()) {
    const auto& o = e.as_object();
    out.push_back({std::string(o.at("label").as_string()), std::string(o.at("notes").as_string())});
  }
  return out;
}

namespace {

// The one mapper of a target list row. A summary leaves out the targets: a list can hold
// thousands of them, so a page of lists gives their count only.
void map_list(columns& c, domain::target_list& l, std::string* targets_json) {
  c("id", l.id)("team_id", l.team_id)("created_by", l.created_by)("name", l.name)("description", l.description);
  if (targets_json) c("targets", *targets_json);
  c("target_count", l.target_count)("created_at", l.created_at)("updated_at", l.updated_at);
}

}  // namespace

void insert_target_list(lease& sql, const domain::target_list& l) {
  const std::string targets = targets_to_json(l.targets);
  const long long count = static_cast<long long>(l.targets.size());
  sql << "INSERT INTO target_lists (id, team_id, created_by, name, description, targets, target_count, created_at,"
         " updated_at) VALUES (:id, :team, :by, :name, :descr, :targets, :count, :created, :updated)",
      use(l.id), use(l.team_id), use(l.created_by), use(l.name), use(l.description), use(targets), use(count),
      use(l.created_at), use(l.updated_at);
}

std::optional<domain::target_list> get_target_list(lease& sql, const std::string& team_id, const std::string& id) {
  std::string targets;
  auto l = select_one<domain::target_list>(
      sql, [&](columns& c, domain::target_list& row) { map_list(c, row, &targets); },
      "FROM target_lists WHERE id = :id AND team_id = :team", binds(id, team_id));
  if (l) l->targets = targets_from_json(targets);
  return l;
}

target_list_page list_target_lists(lease& sql, const std::string& team_id, long long limit, long long offset) {
  where_builder where;
  where.equals("team_id", team_id);
  target_list_page page;
  page.total = count_rows(sql, "FROM target_lists" + where.sql(), where.values());
  page.items = select_all<domain::target_list>(
      sql, [](columns& c, domain::target_list& l) { map_list(c, l, nullptr); },
      "FROM target_lists" + where.sql() + " ORDER BY lower(name), id LIMIT :limit OFFSET :offset",
      binds(where.values()).add(limit).add(offset));
  return page;
}

bool update_target_list(lease& sql, const domain::target_list& l) {
  const std::string targets = targets_to_json(l.targets);
  const long long count = static_cast<long long>(l.targets.size());
  return execute(sql,
                 "UPDATE target_lists SET name = :name, description = :descr, targets = :t,"
                 " target_count = :count, updated_at = :updated WHERE id = :id AND team_id = :team",
                 binds(l.name, l.description, targets, count, l.updated_at, l.id, l.team_id)) > 0;
}

errc delete_target_list(lease& sql, const std::string& team_id, const std::string& id) {
  transaction tx(sql);
  // Locked first, so a schedule created at the same moment either sees the list (and then
  // this delete sees the schedule) or finds it gone.
  if (!lock_row(sql, "target_lists", id)) return errc::not_found;
  if (count_rows(sql, "FROM maintenance_schedules WHERE target_list_id = :id AND team_id = :team", binds(id, team_id)) >
      0)
    return count_rows(sql, "FROM target_lists WHERE id = :id AND team_id = :team", binds(id, team_id)) > 0
               ? errc::in_use
               : errc::not_found;
  try {
    const bool gone =
        execute(sql, "DELETE FROM target_lists WHERE id = :id AND team_id = :team", binds(id, team_id)) > 0;
    tx.commit();
    return gone ? errc::ok : errc::not_found;
  } catch (const soci::soci_error& e) {
    // A schedule that refers to the list committed in between (the key refuses the delete).
    if (is_foreign_key_violation(e)) return errc::in_use;
    throw;
  }
}

}  // namespace rf::store
