#pragma once
// Maintenance schedules. Every function that serves the API takes the team id; the
// scheduler's functions work across teams by design and are marked so.
//
// Error contract (the one of store/database.hpp, with store/result.hpp): outcomes that
// depend on input are values: std::optional when nothing matches, bool when nothing was
// deleted, errc with duplicate, not_found or in_use as each function says. A lost
// connection or broken SQL throws soci::soci_error; the only catches here are the
// unique-key and foreign-key checks of insert_schedule and update_schedule, which turn
// those violations into their errc and rethrow anything else.

#include "domain/models.hpp"
#include "store/database.hpp"
#include "store/result.hpp"

#include <optional>
#include <vector>

namespace rf::store {

// duplicate: the flow already has a schedule (the unique key on tree_id decides, so
// concurrent creates yield exactly one). not_found: its target list was deleted meanwhile.
errc insert_schedule(lease& sql, const domain::schedule& s);
std::optional<domain::schedule> get_schedule(lease& sql, const std::string& team_id, const std::string& id);
std::optional<domain::schedule> get_schedule_for_tree(lease& sql, const std::string& team_id,
                                                      const std::string& tree_id);
std::vector<domain::schedule> list_schedules(lease& sql, const std::string& team_id);
// Writes every mutable field of `s` (matched by id and team). not_found: the schedule is
// gone; in_use: its new target list was deleted meanwhile.
errc update_schedule(lease& sql, const domain::schedule& s);
bool delete_schedule(lease& sql, const std::string& team_id, const std::string& id);

// --- Scheduler (all teams) ---
// The earliest next_run_at of an active schedule, if any.
std::optional<millis> earliest_due(lease& sql);
// Locks up to `limit` due schedules inside the caller's transaction, earliest first; rows
// another replica holds are skipped (PostgreSQL: FOR UPDATE SKIP LOCKED; on SQLite the
// caller's BEGIN IMMEDIATE already excludes other writers).
std::vector<domain::schedule> claim_due_schedules(lease& sql, dialect d, millis now, int limit);
void record_fire(lease& sql, const std::string& schedule_id, millis fired_at,
                 const std::optional<std::string>& batch_id, std::optional<millis> next_run_at);
// A run-history entry for an occurrence that did not fire because `reason` ("quota": the
// team's session quota; "batch_limit": the list is larger than a batch may be).
void insert_skipped_event(lease& sql, const domain::schedule& s, const std::string& reason, millis scheduled_for,
                          long long target_count, millis now);
void insert_missed_event(lease& sql, const domain::schedule& s, long long count, millis first, millis last, millis now);

}  // namespace rf::store
