#pragma once
// What every handler needs: the database, the clock, and a way to wake the scheduler.
// Also authentication and the role checks, so each route states its access in one word.

#include "common/time.hpp"
#include "domain/models.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "store/quotas.hpp"

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace rf::api {

// Token lookups cached for a few seconds: authenticated reads then cost no database round
// trip for the token. Logout and role changes invalidate the entry in this process at once;
// other replicas see them within `ttl_ms` (documented in docs/decisions.md).
class auth_cache {
 public:
  explicit auth_cache(millis ttl_ms = 5000, std::size_t max_entries = 20'000) : ttl_ms_(ttl_ms), max_(max_entries) {}
  std::optional<domain::user> find(const std::string& token_hash, millis now) const;
  void put(const std::string& token_hash, const domain::user& u, millis now, millis token_expires_at);
  void erase_token(const std::string& token_hash);
  void erase_user(const std::string& user_id);

 private:
  struct entry {
    domain::user user;
    millis valid_until;
  };
  millis ttl_ms_;
  std::size_t max_;
  mutable std::shared_mutex mutex_;  // guards entries_
  std::unordered_map<std::string, entry> entries_;
};

// Serialised flow lists per (team, filter), valid while the team's trees_version (kept
// in the database, so edits on any replica count) is unchanged.
class list_cache {
 public:
  struct page {
    std::string body;  // the serialised array
    long long total;   // every match, for X-Total-Count
  };
  std::optional<page> find(const std::string& key, long long version) const;
  void put(const std::string& key, long long version, page p);

 private:
  struct entry {
    long long version;
    page value;
  };
  static constexpr std::size_t max_entries_ = 2'000;
  static constexpr std::size_t max_bytes_ = 32 * 1024 * 1024;
  mutable std::shared_mutex mutex_;  // guards entries_ and bytes_
  std::unordered_map<std::string, entry> entries_;
  std::size_t bytes_ = 0;
};

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

enum class access { read, write, admin };

struct principal {
  domain::user user;
  const std::string& team() const { return user.team_id; }
};

// The user behind the request's bearer token; throws 401 when there is none.
principal authenticate(context& ctx, store::lease& sql, const http::request& req);

using authed_fn =
    std::function<http::response(const http::request&, const http::path_params&, const principal&, store::lease&)>;
// Wraps a handler: leases a connection, authenticates, checks the role for `a`.
http::guarded_handler authed(context& ctx, access a, authed_fn fn);

// Records `n` new sessions against the team's rolling quota inside the caller's
// transaction; over it, throws 429 with Retry-After.
void reserve_sessions(context& ctx, store::lease& sql, const principal& who, long long n);

// Every route of the API, in one table.
void add_routes(http::router& r, context& ctx);

void add_account_routes(http::router& r, context& ctx);
void add_tree_routes(http::router& r, context& ctx);
void add_session_routes(http::router& r, context& ctx);
void add_target_list_routes(http::router& r, context& ctx);
void add_schedule_routes(http::router& r, context& ctx);

// Maps a response for any exception a handler let escape (see errors.hpp); never throws.
http::response invoke(const http::route& route, const http::request& req, const http::path_params& params);

}  // namespace rf::api
