#pragma once
// Every route of the API, in one table, and the boundary where a request's exceptions
// become answers.

#include "api/context.hpp"
#include "http/router.hpp"

namespace rf::api {

// Binds every resource table (api/call.hpp) to `r`.
void add_routes(http::router& r, context& ctx);

// Runs a route's handler and maps any exception it let escape (see errors.hpp): an
// api::error becomes its answer, an unreachable database 503, anything else a logged,
// bare 500. Never throws.
http::response invoke(const http::route& route, const http::request& req, const http::path_params& params);

}  // namespace rf::api
