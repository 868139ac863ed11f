#pragma once
// Per-team quotas (SPEC §8). They are counted in the database, inside the write's own
// transaction and after locking the team's row, so every replica enforces the same limit
// and two members creating at the same moment cannot both slip past it.
//
// Error contract (the one of store/database.hpp): a quota refused is a value (a count the
// caller compares, or a session_allowance that is not ok); a lost connection or broken SQL
// throws soci::soci_error, and nothing here catches it.

#include "common/time.hpp"
#include "store/database.hpp"

#include <string>

namespace rf::store {

// The limits, each a `serve` flag (docs/decisions.md lists them with their defaults).
struct quota_limits {
  long long sessions_per_window = 20'000;     // sessions created per team in the rolling window
  millis session_window_ms = 10 * 60 * 1000;  // ten minutes
  long long flows = 5'000;
  long long target_lists = 1'000;
  long long members = 500;
  long long open_invites = 100;
};

// Locks the team's row until the transaction ends: the team's quota checks and writes
// then run one at a time. Call inside a transaction.
void lock_team(lease& sql, const std::string& team_id);

// The counts the limits apply to; call after lock_team, in the same transaction.
long long count_flows(lease& sql, const std::string& team_id);
long long count_target_lists(lease& sql, const std::string& team_id);
long long count_members(lease& sql, const std::string& team_id);  // not removed
long long count_open_invites(lease& sql, const std::string& team_id, millis now);

// Sessions are counted per minute in team_usage; the window sums its last minutes.
struct session_allowance {
  bool ok = true;
  long long retry_after_s = 0;  // when refused: seconds until enough of the window has passed
};
// Locks the team and, when `n` more sessions fit the window, records them. Call inside the
// transaction that creates them, so a rollback gives the allowance back.
session_allowance reserve_sessions(lease& sql, const std::string& team_id, long long n, millis now,
                                   const quota_limits& limits);

}  // namespace rf::store
