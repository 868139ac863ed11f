#include "store/quotas.hpp"

#include "store/sql.hpp"

#include <algorithm>

namespace rf::store {

using soci::into;
using soci::use;

namespace {

constexpr millis bucket_ms = 60 * 1000;

}  // namespace

void lock_team(lease& sql, const std::string& team_id) { lock_row(sql, "teams", team_id); }

long long count_flows(lease& sql, const std::string& team_id) {
  return count_rows(sql, "FROM trees WHERE team_id = :team", binds(team_id));
}

long long count_target_lists(lease& sql, const std::string& team_id) {
  return count_rows(sql, "FROM target_lists WHERE team_id = :team", binds(team_id));
}

long long count_members(lease& sql, const std::string& team_id) {
  return count_rows(sql, "FROM users WHERE team_id = :team AND removed_at IS NULL", binds(team_id));
}

long long count_open_invites(lease& sql, const std::string& team_id, millis now) {
  return count_rows(sql, "FROM invites WHERE team_id = :team AND expires_at > :now", binds(team_id, now));
}

session_allowance reserve_sessions(lease& sql, const std::string& team_id, long long n, millis now,
                                   const quota_limits& limits) {
  lock_team(sql, team_id);
  const millis bucket = now - now % bucket_ms;
  // The window is whole minutes: the current one and the ones before it that started
  // within the window.
  const millis window_start = bucket - limits.session_window_ms + bucket_ms;
  std::optional<long long> used, oldest;  // NULL when the window has no minute yet
  sql << "SELECT SUM(sessions_created), MIN(bucket) FROM team_usage WHERE team_id = :team AND bucket >= :start",
      use(team_id), use(window_start), into(used), into(oldest);
  if (used.value_or(0) + n > limits.sessions_per_window) {
    // Refused: say when the oldest minute leaves the window (at least a second).
    const millis frees_at = oldest.value_or(bucket) + limits.session_window_ms;
    return {false, std::max<long long>(1, (frees_at - now + 999) / 1000)};
  }
  sql << "INSERT INTO team_usage (team_id, bucket, sessions_created) VALUES (:team, :bucket, :n)"
         " ON CONFLICT (team_id, bucket) DO UPDATE SET sessions_created = team_usage.sessions_created + :n2",
      use(team_id), use(bucket), use(n), use(n);
  // Minutes that left the window are of no further use.
  sql << "DELETE FROM team_usage WHERE team_id = :team AND bucket < :start", use(team_id), use(window_start);
  return {true, 0};
}

}  // namespace rf::store
