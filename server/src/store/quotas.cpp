#include "store/quotas.hpp"

#include <algorithm>

namespace rf::store {

using soci::indicator;
using soci::into;
using soci::use;

namespace {

constexpr millis bucket_ms = 60 * 1000;

long long count(lease& sql, const char* query, const std::string& team_id) {
  long long n = 0;
  sql << query, use(team_id), into(n);
  return n;
}

}  // namespace

void lock_team(lease& sql, const std::string& team_id) { lock_row(sql, "teams", team_id); }

long long count_flows(lease& sql, const std::string& team_id) {
  return count(sql, "SELECT COUNT(*) FROM trees WHERE team_id = :team", team_id);
}

long long count_target_lists(lease& sql, const std::string& team_id) {
  return count(sql, "SELECT COUNT(*) FROM target_lists WHERE team_id = :team", team_id);
}

long long count_members(lease& sql, const std::string& team_id) {
  return count(sql, "SELECT COUNT(*) FROM users WHERE team_id = :team AND removed_at IS NULL", team_id);
}

long long count_open_invites(lease& sql, const std::string& team_id, millis now) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM invites WHERE team_id = :team AND expires_at > :now", use(team_id), use(now), into(n);
  return n;
}

session_allowance reserve_sessions(lease& sql, const std::string& team_id, long long n, millis now,
                                   const quota_limits& limits) {
  lock_team(sql, team_id);
  const millis bucket = now - now % bucket_ms;
  // The window is whole minutes: the current one and the ones before it that started
  // within the window.
  const millis window_start = bucket - limits.session_window_ms + bucket_ms;
  long long used = 0, oldest = 0;
  indicator used_ind = soci::i_null, oldest_ind = soci::i_null;
  sql << "SELECT SUM(sessions_created), MIN(bucket) FROM team_usage WHERE team_id = :team AND bucket >= :start",
      use(team_id), use(window_start), into(used, used_ind), into(oldest, oldest_ind);
  if (used_ind != soci::i_ok) used = 0;
  if (used + n > limits.sessions_per_window) {
    // Refused: say when the oldest minute leaves the window (at least a second).
    const millis frees_at = (oldest_ind == soci::i_ok ? oldest : bucket) + limits.session_window_ms;
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
