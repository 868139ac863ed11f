#include "store/schedules.hpp"

#include "store/sql.hpp"

#include "common/ids.hpp"

namespace rf::store {

using soci::into;
using soci::use;

namespace {

// The one mapper of a schedule row.
void map_schedule(columns& c, domain::schedule& s) {
  c("id", s.id)("team_id", s.team_id)("tree_id", s.tree_id)("created_by", s.created_by);
  c("cron_expression", s.cron_expression)("timezone", s.timezone)("target_list_id", s.target_list_id);
  c("is_active", s.is_active)("misfire_grace_seconds", s.misfire_grace_seconds)("next_run_at", s.next_run_at);
  c("last_run_at", s.last_run_at)("last_batch_id", s.last_batch_id)("created_at", s.created_at);
  c("updated_at", s.updated_at);
}

std::optional<domain::schedule> select_schedule(lease& sql, const where_builder& where) {
  return select_one<domain::schedule>(sql, map_schedule, "FROM maintenance_schedules" + where.sql(), where.values());
}

}  // namespace

errc insert_schedule(lease& sql, const domain::schedule& s) {
  try {
    sql << "INSERT INTO maintenance_schedules (id, team_id, tree_id, created_by, cron_expression, timezone,"
           " target_list_id, is_active, misfire_grace_seconds, next_run_at, created_at, updated_at)"
           " VALUES (:id, :team, :tree, :by, :cron, :tz, :list, :active, :grace, :next, :created, :updated)",
        use(s.id), use(s.team_id), use(s.tree_id), use(s.created_by), use(s.cron_expression), use(s.timezone),
        use(s.target_list_id), use(s.is_active), use(s.misfire_grace_seconds), use(s.next_run_at), use(s.created_at),
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
  return select_schedule(sql, where_builder().equals("id", id).equals("team_id", team_id));
}

std::optional<domain::schedule> get_schedule_for_tree(lease& sql, const std::string& team_id,
                                                      const std::string& tree_id) {
  return select_schedule(sql, where_builder().equals("tree_id", tree_id).equals("team_id", team_id));
}

std::vector<domain::schedule> list_schedules(lease& sql, const std::string& team_id) {
  return select_all<domain::schedule>(sql, map_schedule,
                                      "FROM maintenance_schedules WHERE team_id = :team ORDER BY created_at DESC, id",
                                      binds(team_id));
}

errc update_schedule(lease& sql, const domain::schedule& s) {
  long long changed = 0;
  try {
    changed =
        execute(sql,
                "UPDATE maintenance_schedules SET cron_expression = :cron, timezone = :tz, target_list_id = :list,"
                " is_active = :active, misfire_grace_seconds = :grace, next_run_at = :next, updated_at = :updated"
                " WHERE id = :id AND team_id = :team",
                binds(s.cron_expression, s.timezone, s.target_list_id, s.is_active, s.misfire_grace_seconds,
                      s.next_run_at, s.updated_at, s.id, s.team_id));
  } catch (const soci::soci_error& e) {
    // The new target list was deleted in between.
    if (is_foreign_key_violation(e)) return errc::in_use;
    throw;
  }
  return changed > 0 ? errc::ok : errc::not_found;
}

bool delete_schedule(lease& sql, const std::string& team_id, const std::string& id) {
  return execute(sql, "DELETE FROM maintenance_schedules WHERE id = :id AND team_id = :team", binds(id, team_id)) > 0;
}

std::optional<millis> earliest_due(lease& sql) {
  std::optional<millis> next;
  sql << "SELECT MIN(next_run_at) FROM maintenance_schedules WHERE is_active = 1", into(next);
  return next;
}

std::vector<domain::schedule> claim_due_schedules(lease& sql, dialect d, millis now, int limit) {
  // The partial index on next_run_at (WHERE is_active = 1) serves this query.
  return select_all<domain::schedule>(sql, map_schedule,
                                      d == dialect::postgresql
                                          ? "FROM maintenance_schedules WHERE is_active = 1 AND next_run_at <= :now"
                                            " ORDER BY next_run_at, id LIMIT :limit FOR UPDATE SKIP LOCKED"
                                          : "FROM maintenance_schedules WHERE is_active = 1 AND next_run_at <= :now"
                                            " ORDER BY next_run_at, id LIMIT :limit",
                                      binds(now, limit));
}

void record_fire(lease& sql, const std::string& schedule_id, millis fired_at,
                 const std::optional<std::string>& batch_id, std::optional<millis> next_run_at) {
  if (batch_id) {
    sql << "UPDATE maintenance_schedules SET last_run_at = :fired, last_batch_id = :batch, next_run_at = :next"
           " WHERE id = :id",
        use(fired_at), use(*batch_id), use(next_run_at), use(schedule_id);
  } else {
    sql << "UPDATE maintenance_schedules SET next_run_at = :next WHERE id = :id", use(next_run_at), use(schedule_id);
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
