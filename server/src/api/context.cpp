#include "api/context.hpp"

#include "api/errors.hpp"
#include "common/ids.hpp"
#include "store/accounts.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace rf::api {

std::optional<domain::user> auth_cache::find(const std::string& token_hash, millis now) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end() || it->second.valid_until <= now) return std::nullopt;
  return it->second.user;
}

void auth_cache::put(const std::string& token_hash, const domain::user& u, millis now, millis token_expires_at) {
  std::unique_lock lock(mutex_);
  if (entries_.size() >= max_) entries_.clear();  // crude but bounded; refills within seconds
  entries_[token_hash] = entry{u, std::min(now + ttl_ms_, token_expires_at)};
}

void auth_cache::erase_token(const std::string& token_hash) {
  std::unique_lock lock(mutex_);
  entries_.erase(token_hash);
}

void auth_cache::erase_user(const std::string& user_id) {
  std::unique_lock lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.user.id == user_id; });
}

std::optional<list_cache::page> list_cache::find(const std::string& key, long long version) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return std::nullopt;
  return it->second.value;
}

void list_cache::put(const std::string& key, long long version, page p) {
  std::unique_lock lock(mutex_);
  // Bounded in entries and in bytes; clearing is crude but the cache refills in one read.
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.value.body.size() + key.size();
    entries_.erase(it);
  }
  if (entries_.size() >= max_entries_ || bytes_ + p.body.size() + key.size() > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (p.body.size() + key.size() > max_bytes_) return;
  bytes_ += p.body.size() + key.size();
  entries_[key] = entry{version, std::move(p)};
}

principal authenticate(context& ctx, store::lease& sql, const http::request& req) {
  std::string_view h = req.authorization;
  constexpr std::string_view scheme = "bearer ";
  auto unauthorized = [](std::string detail) {
    throw error(401, std::move(detail)).with_header("WWW-Authenticate", "Bearer");
  };
  if (h.empty()) unauthorized("Not authenticated");
  if (h.size() <= scheme.size() || store::lower_ascii(std::string(h.substr(0, scheme.size()))) != scheme)
    unauthorized("Invalid authentication credentials");
  const auto token = h.substr(scheme.size());
  if (token.size() > 256) unauthorized("Invalid authentication credentials");
  const std::string hash = hash_token(token);
  const millis now = ctx.clock.now_ms();
  if (auto cached = ctx.auth->find(hash, now)) return principal{std::move(*cached)};
  auto found = store::user_for_token(sql, hash, now);
  if (!found) unauthorized("Invalid or expired token");
  ctx.auth->put(hash, found->user, now, found->expires_at);
  return principal{std::move(found->user)};
}

http::guarded_handler authed(context& ctx, access a, authed_fn fn) {
  const char* level = a == access::read ? "read" : a == access::write ? "write" : "admin";
  return {[&ctx, a, fn = std::move(fn)](const http::request& req, const http::path_params& params) {
            store::lease sql(ctx.db.pool());
            try {
              const principal who = authenticate(ctx, sql, req);
              if (a != access::read && who.user.role == domain::user_role::viewer)
                forbidden("Viewers can read but not change anything");
              if (a == access::admin && who.user.role != domain::user_role::admin)
                forbidden("Only a team admin can do this");
              return fn(req, params, who, sql);
            } catch (const soci::soci_error&) {
              store::recover(sql);
              throw;
            }
          },
          level};
}

void reserve_sessions(context& ctx, store::lease& sql, const principal& who, long long n) {
  const auto allowance = store::reserve_sessions(sql, who.team(), n, ctx.clock.now_ms(), ctx.quotas);
  if (allowance.ok) return;
  const auto minutes = ctx.quotas.session_window_ms / 60'000;
  throw error(429, "Your team has created its limit of " + thousands(ctx.quotas.sessions_per_window) +
                       " sessions in " + std::to_string(minutes) + " minutes; try again in " +
                       std::to_string(allowance.retry_after_s) + " s")
      .with_header("Retry-After", std::to_string(allowance.retry_after_s));
}

void add_routes(http::router& r, context& ctx) {
  r.add(http::verb::get, "/api/v1/health", [&ctx](const http::request&, const http::path_params&) {
    bool ok = true;
    try {
      store::lease sql(ctx.db.pool());
      try {
        int one = 0;
        sql << "SELECT 1", soci::into(one);
        ok = one == 1;
      } catch (const soci::soci_error&) {
        store::recover(sql);
        throw;
      }
    } catch (const std::exception& e) {
      spdlog::warn("health: database unavailable: {}", e.what());
      ok = false;
    }
    return http::response::json(ok ? 200 : 503, boost::json::object{{"status", ok ? "ok" : "degraded"},
                                                                    {"database", ok ? "ok" : "unavailable"},
                                                                    {"version", RF_VERSION}});
  });
  add_account_routes(r, ctx);
  add_tree_routes(r, ctx);
  add_session_routes(r, ctx);
  add_target_list_routes(r, ctx);
  add_schedule_routes(r, ctx);
}

http::response invoke(const http::route& route, const http::request& req, const http::path_params& params) {
  try {
    return route.fn(req, params);
  } catch (const error& e) {
    return e.to_response();
  } catch (const soci::soci_error& e) {
    if (store::is_connection_error(e)) {
      spdlog::error("{} {}: database unavailable: {}", http::to_string(req.method), req.path, e.what());
      auto r = detail_response(503, "The database is unavailable; try again shortly");
      r.headers.emplace_back("Retry-After", "5");
      return r;
    }
    spdlog::error("{} {}: database error: {}", http::to_string(req.method), req.path, e.what());
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", http::to_string(req.method), req.path, e.what());
  } catch (...) {
    spdlog::error("{} {}: unhandled non-standard exception", http::to_string(req.method), req.path);
  }
  return detail_response(500, "Internal Server Error");
}

}  // namespace rf::api
