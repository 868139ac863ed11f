#include "store/schedules.hpp"

#include "store/conversions.hpp"

#include "common/ids.hpp"

namespace rf::store {

using soci::indicator;
using soci::into;
using soci::use;

namespace {

constexpr const char* schedule_columns =
    "id, team_id, tree_id, created_by, cron_expression, timezone, target_list_id, is_active,"
    " misfire_grace_seconds, next_run_at, last_run_at, last_batch_id, created_at, updated_at";

struct schedule_into {
  domain::schedule s;
  std::string list_id, last_batch;
  long long active = 1, next = 0, last = 0;
  indicator list_ind = soci::i_ok, next_ind = soci::i_ok, last_ind = soci::i_ok, batch_ind = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(into(s.id));
    st.exchange(into(s.team_id));
    st.exchange(into(s.tree_id));
    st.exchange(into(s.created_by));
    st.exchange(into(s.cron_expression));
    st.exchange(into(s.timezone));
    st.exchange(into(list_id, list_ind));
    st.exchange(into(active));
    st.exchange(into(s.misfire_grace_seconds));
    st.exchange(into(next, next_ind));
    st.exchange(into(last, last_ind));
    st.exchange(into(last_batch, batch_ind));
    st.exchange(into(s.created_at));
    st.exchange(into(s.updated_at));
  }
  domain::schedule get() const {
    domain::schedule out = s;
    out.target_list_id = if_set(list_id, list_ind);
    out.is_active = active != 0;
    out.next_run_at = if_set(next, next_ind);
    out.last_run_at = if_set(last, last_ind);
    out.last_batch_id = if_set(last_batch, batch_ind);
    return out;
  }
};

std::vector<domain::schedule> select_schedules(lease& sql, const std::string& where, std::vector<std::string> params,
                                               std::size_t limit = 0) {
  std::vector<domain::schedule> out;
  schedule_into row;
  soci::statement st(sql);
  st.alloc();
  row.bind(st);
  for (auto& p : params) st.exchange(use(p));
  st.prepare(std::string("SELECT ") + schedule_columns + " FROM maintenance_schedules " + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    out.push_back(row.get());
    if (limit && out.size() >= limit) break;
  }
  return out;
}

}  // namespace

errc insert_schedule(lease& sql, const domain::schedule& s) {
  const std::string list_id = s.target_list_id.value_or("");
  indicator list_ind = s.target_list_id ? soci::i_ok : soci::i_null;
  const long long next = s.next_run_at.value_or(0);
  indicator next_ind = s.next_run_at ? soci::i_ok : soci::i_null;
  const long long active = s.is_active ? 1 : 0;
  try {
    sql << "INSERT INTO maintenance_schedules (id, team_id, tree_id, created_by, cron_expression, timezone,"
           " target_list_id, is_active, misfire_grace_seconds, next_run_at, created_at, updated_at)"
           " VALUES (:id, :team, :tree, :by, :cron, :tz, :list, :active, :grace, :next, :created, :updated)",
        use(s.id), use(s.team_id), use(s.tree_id), use(s.created_by), use(s.cron_expression), use(s.timezone),
        use(list_id, list_ind), use(active), use(s.misfire_grace_seconds), use(next, next_ind), use(s.created_at),
        use(s.updated_at);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return errc::duplicate;
    // The target list was deleted in between.
    if (is_foreign_key_violation(e)) return errc::not_found;
    throw;
  }
  return errc::ok;
}

std::optional<domain::schedule> get_schedule(lease& sql, const std::string& team_id, const std::string& id) {
  auto v = select_schedules(sql, "WHERE id = :id AND team_id = :team", {id, team_id}, 1);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<domain::schedule> get_schedule_for_tree(lease& sql, const std::string& team_id,
                                                      const std::string& tree_id) {
  auto v = select_schedules(sql, "WHERE tree_id = :tree AND team_id = :team", {tree_id, team_id}, 1);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<domain::schedule> list_schedules(lease& sql, const std::string& team_id) {
  return select_schedules(sql, "WHERE team_id = :team ORDER BY created_at DESC, id", {team_id});
}

errc update_schedule(lease& sql, const domain::schedule& s) {
  const std::string list_id = s.target_list_id.value_or("");
  indicator list_ind = s.target_list_id ? soci::i_ok : soci::i_null;
  const long long next = s.next_run_at.value_or(0);
  indicator next_ind = s.next_run_at ? soci::i_ok : soci::i_null;
  const long long active = s.is_active ? 1 : 0;
  soci::statement st =
      (sql.prepare
           << "UPDATE maintenance_schedules SET cron_expression = :cron, timezone = :tz, target_list_id = :list,"
              " is_active = :active, misfire_grace_seconds = :grace, next_run_at = :next, updated_at = :updated"
              " WHERE id = :id AND team_id = :team",
       use(s.cron_expression), use(s.timezone), use(list_id, list_ind), use(active), use(s.misfire_grace_seconds),
       use(next, next_ind), use(s.updated_at), use(s.id), use(s.team_id));
  try {
    st.execute(true);
  } catch (const soci::soci_error& e) {
    // The new target list was deleted in between.
    if (is_foreign_key_violation(e)) return errc::in_use;
    throw;
  }
  return st.get_affected_rows() > 0 ? errc::ok : errc::not_found;
}

bool delete_schedule(lease& sql, const std::string& team_id, const std::string& id) {
  soci::statement st =
      (sql.prepare << "DELETE FROM maintenance_schedules WHERE id = :id AND team_id = :team", use(id), use(team_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<millis> earliest_due(lease& sql) {
  long long next = 0;
  indicator ind = soci::i_null;
  sql << "SELECT MIN(next_run_at) FROM maintenance_schedules WHERE is_active = 1", into(next, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return next;
}

std::vector<domain::schedule> claim_due_schedules(lease& sql, dialect d, millis now, int limit) {
  // The partial index on next_run_at (WHERE is_active = 1) serves this query.
  std::string where = "WHERE is_active = 1 AND next_run_at <= " + std::to_string(now) +
                      " ORDER BY next_run_at, id LIMIT " + std::to_string(limit);
  if (d == dialect::postgresql) where += " FOR UPDATE SKIP LOCKED";
  return select_schedules(sql, where, {});
}

void record_fire(lease& sql, const std::string& schedule_id, millis fired_at,
                 const std::optional<std::string>& batch_id, std::optional<millis> next_run_at) {
  const std::string batch = batch_id.value_or("");
  indicator batch_ind = batch_id ? soci::i_ok : soci::i_null;
  const long long next = next_run_at.value_or(0);
  indicator next_ind = next_run_at ? soci::i_ok : soci::i_null;
  if (batch_id) {
    sql << "UPDATE maintenance_schedules SET last_run_at = :fired, last_batch_id = :batch, next_run_at = :next"
           " WHERE id = :id",
        use(fired_at), use(batch, batch_ind), use(next, next_ind), use(schedule_id);
  } else {
    sql << "UPDATE maintenance_schedules SET next_run_at = :next WHERE id = :id", use(next, next_ind), use(schedule_id);
  }
}

void insert_skipped_event(lease& sql, const domain::schedule& s, const std::string& reason, millis scheduled_for,
                          long long target_count, millis now) {
  const std::string id = new_uuid();
  sql << "INSERT INTO schedule_events (id, team_id, schedule_id, tree_id, kind, missed_count, first_missed_at,"
         " last_missed_at, created_at, reason, scheduled_for, target_count)"
         " VALUES (:id, :team, :sched, :tree, 'skipped', 1, :first, :last, :now, :reason, :for, :count)",
      use(id), use(s.team_id), use(s.id), use(s.tree_id), use(scheduled_for), use(scheduled_for), use(now), use(reason),
      use(scheduled_for), use(target_count);
}

void insert_missed_event(lease& sql, const domain::schedule& s, long long count, millis first, millis last,
                         millis now) {
  const std::string id = new_uuid();
  sql << "INSERT INTO schedule_events (id, team_id, schedule_id, tree_id, kind, missed_count, first_missed_at,"
         " last_missed_at, created_at) VALUES (:id, :team, :sched, :tree, 'missed', :count, :first, :last, :now)",
      use(id), use(s.team_id), use(s.id), use(s.tree_id), use(count), use(first), use(last), use(now);
}

}  // namespace rf::store
