#include "store/target_lists.hpp"

#include "store/conversions.hpp"

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

void insert_target_list(lease& sql, const domain::target_list& l) {
  const std::string targets = targets_to_json(l.targets);
  const long long count = static_cast<long long>(l.targets.size());
  sql << "INSERT INTO target_lists (id, team_id, created_by, name, description, targets, target_count, created_at,"
         " updated_at) VALUES (:id, :team, :by, :name, :descr, :targets, :count, :created, :updated)",
      use(l.id), use(l.team_id), use(l.created_by), use(l.name), use(l.description), use(targets), use(count),
      use(l.created_at), use(l.updated_at);
}

namespace {
constexpr const char* list_columns =
    "id, team_id, created_by, name, description, targets, target_count, created_at, updated_at";
}

std::optional<domain::target_list> get_target_list(lease& sql, const std::string& team_id, const std::string& id) {
  domain::target_list l;
  std::string targets;
  sql << "SELECT " << list_columns << " FROM target_lists WHERE id = :id AND team_id = :team", use(id), use(team_id),
      into(l.id), into(l.team_id), into(l.created_by), into(l.name), into(l.description), into(targets),
      into(l.target_count), into(l.created_at), into(l.updated_at);
  if (!sql.got_data()) return std::nullopt;
  l.targets = targets_from_json(targets);
  return l;
}

target_list_page list_target_lists(lease& sql, const std::string& team_id, long long limit, long long offset) {
  target_list_page page;
  sql << "SELECT COUNT(*) FROM target_lists WHERE team_id = :team", use(team_id), into(page.total);
  domain::target_list l;
  // Summaries: a list can hold thousands of targets, so a page of lists leaves them out.
  soci::statement st =
      (sql.prepare << "SELECT id, team_id, created_by, name, description, target_count, created_at, updated_at"
                      " FROM target_lists WHERE team_id = :team ORDER BY lower(name), id LIMIT :limit OFFSET :offset",
       use(team_id), use(limit), use(offset), into(l.id), into(l.team_id), into(l.created_by), into(l.name),
       into(l.description), into(l.target_count), into(l.created_at), into(l.updated_at));
  st.execute();
  while (st.fetch()) page.items.push_back(l);
  return page;
}

bool update_target_list(lease& sql, const domain::target_list& l) {
  const std::string targets = targets_to_json(l.targets);
  const long long count = static_cast<long long>(l.targets.size());
  soci::statement st =
      (sql.prepare << "UPDATE target_lists SET name = :name, description = :descr, targets = :t,"
                      " target_count = :count, updated_at = :updated WHERE id = :id AND team_id = :team",
       use(l.name), use(l.description), use(targets), use(count), use(l.updated_at), use(l.id), use(l.team_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

errc delete_target_list(lease& sql, const std::string& team_id, const std::string& id) {
  transaction tx(sql);
  // Locked first, so a schedule created at the same moment either sees the list (and then
  // this delete sees the schedule) or finds it gone.
  if (!lock_row(sql, "target_lists", id)) return errc::not_found;
  long long users = 0;
  sql << "SELECT COUNT(*) FROM maintenance_schedules WHERE target_list_id = :id AND team_id = :team", use(id),
      use(team_id), into(users);
  if (users > 0) {
    long long exists = 0;
    sql << "SELECT COUNT(*) FROM target_lists WHERE id = :id AND team_id = :team", use(id), use(team_id), into(exists);
    return exists ? errc::in_use : errc::not_found;
  }
  try {
    soci::statement st =
        (sql.prepare << "DELETE FROM target_lists WHERE id = :id AND team_id = :team", use(id), use(team_id));
    st.execute(true);
    const bool gone = st.get_affected_rows() > 0;
    tx.commit();
    return gone ? errc::ok : errc::not_found;
  } catch (const soci::soci_error& e) {
    // A schedule that refers to the list committed in between (the key refuses the delete).
    if (is_foreign_key_violation(e)) return errc::in_use;
    throw;
  }
}

}  // namespace rf::store
