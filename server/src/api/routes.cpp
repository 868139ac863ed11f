#include "api/routes.hpp"

#include "api/call.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"

#include <spdlog/spdlog.h>

#include <optional>

namespace rf::api {

std::string_view to_string(access a) {
  switch (a) {
    case access::public_: return "public";
    case access::read: return "read";
    case access::write: return "write";
    case access::admin: return "admin";
  }
  return "admin";
}

const std::string& call::param(std::string_view name) const {
  // The n-th "{...}" of the pattern is the n-th captured value.
  std::size_t index = 0;
  for (std::size_t pos = route.path.find('{'); pos != std::string_view::npos; pos = route.path.find('{', pos + 1)) {
    const auto close = route.path.find('}', pos);
    if (route.path.substr(pos + 1, close - pos - 1) == name) return values.at(index);
    ++index;
  }
  throw std::logic_error("route " + std::string(route.path) + " has no parameter " + std::string(name));
}

std::string call::id(std::string_view name, std::string_view what) const { return path_uuid(param(name), what); }

namespace {

// Leases a connection, authenticates and checks the role, then runs the handler.
http::handler bind(context& ctx, const route_def& def) {
  return [&ctx, &def](const http::request& req, const http::path_params& params) {
    std::optional<store::lease> leased;
    try {
      leased.emplace(ctx.db.pool());
    } catch (const soci::soci_error&) {
      if (def.on_outage) return def.on_outage();
      throw;
    }
    store::lease& sql = *leased;
    try {
      std::optional<principal> who;
      if (def.level != access::public_) {
        who = authenticate(ctx, sql, req);
        if (def.level != access::read && who->user.role == domain::user_role::viewer)
          forbidden("Viewers can read but not change anything");
        if (def.level == access::admin && who->user.role != domain::user_role::admin)
          forbidden("Only a team admin can do this");
      }
      return def.fn(call{req, ctx, sql, who ? &*who : nullptr, def, params});
    } catch (const soci::soci_error&) {
      store::recover(sql);
      throw;
    }
  };
}

}  // namespace

void add_routes(http::router& r, context& ctx) {
  for (auto table : {health_routes(), account_routes(), tree_routes(), session_routes(), target_list_routes(),
                     schedule_routes()})
    for (const auto& def : table)
      r.add(http::route{def.method, std::string(def.path), bind(ctx, def), def.offload, std::string(to_string(def.level))});
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
