#pragma once
// What every handler may use besides its request: the database, the clock, the service's
// settings and caches, and a way to wake the scheduler. One per process.

#include "api/caches.hpp"
#include "common/time.hpp"
#include "store/database.hpp"
#include "store/quotas.hpp"

#include <functional>
#include <memory>

namespace rf::api {

// Who may create a team (SPEC §8): under `invite`, only the first registration on an
// empty database; everyone else joins with an invite code.
enum class registration_mode { invite, open };

// A session's progress fields together (path_taken, decisions, custom_steps,
// session_variables, notes) may hold at most this many bytes.
constexpr std::size_t max_progress_bytes = 256 * 1024;

struct context {
  store::database& db;
  const rf::clock& clock;
  registration_mode registration = registration_mode::invite;
  store::quota_limits quotas;
  std::function<void()> schedules_changed = [] {};
  millis token_ttl_ms = 30LL * 24 * 3600 * 1000;
  std::shared_ptr<auth_cache> auth = std::make_shared<auth_cache>();
  std::shared_ptr<list_cache> tree_lists = std::make_shared<list_cache>();
};

}  // namespace rf::api
