// GET /health: the load balancer's check. It answers 503 instead of throwing when the
// database is unreachable.

#include "api/call.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace rf::api {

namespace {

http::response answer(bool ok) {
  return http::response::json(ok ? 200 : 503, boost::json::object{{"status", ok ? "ok" : "degraded"},
                                                                  {"database", ok ? "ok" : "unavailable"},
                                                                  {"version", RF_VERSION}});
}

http::response unavailable() { return answer(false); }

http::response health(const call& c) {
  bool ok = true;
  try {
    int one = 0;
    c.sql << "SELECT 1", soci::into(one);
    ok = one == 1;
  } catch (const std::exception& e) {
    spdlog::warn("health: database unavailable: {}", e.what());
    store::recover(c.sql);
    ok = false;
  }
  return answer(ok);
}

constexpr route_def routes[] = {
    {http::verb::get, "/api/v1/health", access::public_, health, false, unavailable},
};

}  // namespace

std::span<const route_def> health_routes() { return routes; }

}  // namespace rf::api
