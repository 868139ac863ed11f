#include "api/auth.hpp"

#include "api/errors.hpp"
#include "common/ids.hpp"
#include "store/accounts.hpp"

namespace rf::api {

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

}  // namespace rf::api
