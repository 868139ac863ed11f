#pragma once
// Sessions, batches and run history. Every function takes the team id.
//
// Error contract (the one of store/database.hpp, with store/result.hpp): outcomes that
// depend on input are values: std::optional when nothing matches, bool when nothing was
// completed, result<T> with not_found, refused, limit or duplicate as each function says.
// A lost connection or broken SQL throws soci::soci_error; the only catch here is
// insert_batch's unique-key check, which turns that violation into duplicate and rethrows
// anything else.

#include "domain/models.hpp"
#include "store/database.hpp"
#include "store/result.hpp"

#include <optional>
#include <vector>

namespace rf::store {

void insert_session(lease& sql, const domain::session& s);
std::optional<domain::session> get_session(lease& sql, const std::string& team_id, const std::string& id);

struct session_filter {
  std::optional<std::string> tree_id;
  std::optional<std::string> batch_id;
  std::optional<domain::session_status> status;
  long long page = 1;
  long long size = 50;
};
struct session_page {
  std::vector<domain::session> items;  // summaries: no tree_snapshot, path_taken, decisions, ...
  long long total = 0;
};
session_page list_sessions(lease& sql, const std::string& team_id, const session_filter& f);

// The progress fields a PATCH names (JSON text, or the notes); absent ones stay as stored.
struct progress_patch {
  std::optional<std::string> path_taken, decisions, custom_steps, session_variables, notes;
};
// Writes only the named fields and derives the status from the result, in one
// transaction. not_found: no such session; refused: it is completed; limit: the progress
// fields together would exceed `max_bytes` (nothing is written).
result<domain::session> patch_session_progress(lease& sql, const std::string& team_id, const std::string& id,
                                               const progress_patch& p, millis now, std::size_t max_bytes);
bool complete_session(lease& sql, const std::string& team_id, const std::string& id, millis now);

struct new_batch {
  std::string team_id;
  domain::tree tree;  // the flow as it is now: its structure becomes each session's snapshot
  std::string created_by;
  domain::batch_source source = domain::batch_source::manual;
  std::optional<std::string> schedule_id;
  std::optional<millis> scheduled_for;
  std::vector<domain::target> targets;
};
struct created_batch {
  std::string batch_id;
  std::vector<std::string> session_ids;  // in target order
};
// Inserts the batch row and one session per target. Call it inside the use case's
// transaction, so the batch is all sessions or none (the scheduler commits it together
// with the schedule's bookkeeping). duplicate: this schedule already fired for this
// occurrence.
result<created_batch> insert_batch(lease& sql, const new_batch& b, millis now);

std::vector<domain::history_entry> run_history(lease& sql, const std::string& team_id, const std::string& tree_id);
std::optional<domain::batch_detail> get_batch(lease& sql, const std::string& team_id, const std::string& batch_id);

}  // namespace rf::store
