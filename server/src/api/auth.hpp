#pragma once
// Who is calling: the bearer token of a request, resolved to its user.

#include "api/context.hpp"
#include "domain/models.hpp"
#include "http/message.hpp"

namespace rf::api {

struct principal {
  domain::user user;
  const std::string& team() const { return user.team_id; }
};

// The user behind the request's bearer token; throws 401 when there is none.
principal authenticate(context& ctx, store::lease& sql, const http::request& req);

}  // namespace rf::api
