#pragma once
// One API call as a handler sees it, and the shape of a route table entry.
//
// A handler is a free function `http::response f(const call&)`. Each resource file ends
// with its table of {verb, path, access, handler}; routes.cpp binds every table to the
// router, leasing a connection, authenticating and checking the role before the handler
// runs. A handler that writes opens one `store::transaction` on `c.sql` for its whole use
// case (docs/adr/0007-unit-of-work.md).

#include "api/auth.hpp"
#include "api/context.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

#include <span>
#include <string>
#include <string_view>

namespace rf::api {

// Who may call a route: anyone, or a signed-in member of at least this role.
enum class access { public_, read, write, admin };
std::string_view to_string(access a);

struct route_def;

struct call {
  const http::request& req;
  context& ctx;
  store::lease& sql;
  const principal* caller;  // null on public routes
  const route_def& route;
  const http::path_params& values;

  // The signed-in caller (only on routes that are not public).
  const principal& who() const { return *caller; }
  const std::string& team() const { return caller->team(); }
  millis now() const { return ctx.clock.now_ms(); }
  // The path parameter `{name}` of the route's pattern, as sent.
  const std::string& param(std::string_view name) const;
  // The same, as a UUID; anything else cannot name an object and answers "<what> not found".
  std::string id(std::string_view name, std::string_view what) const;
};

using handler = http::response (*)(const call&);

struct route_def {
  http::verb method;
  std::string_view path;  // "/api/v1/trees/{id}"
  access level;
  handler fn;
  bool offload = false;  // CPU-heavy (password hashing): run on the worker pool
  // The answer when no database connection can be leased (the health check says so in its
  // own body instead of the generic 503).
  http::response (*on_outage)() = nullptr;
};

// The tables of the resource files.
std::span<const route_def> health_routes();
std::span<const route_def> account_routes();
std::span<const route_def> tree_routes();
std::span<const route_def> session_routes();
std::span<const route_def> target_list_routes();
std::span<const route_def> schedule_routes();

// Records `n` new sessions against the team's rolling quota inside the caller's
// transaction; over it, throws 429 with Retry-After.
void reserve_sessions(const call& c, long long n);

}  // namespace rf::api
