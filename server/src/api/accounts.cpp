// Accounts and teams: registration, sign-in, the caller's account, the team, invites and
// members.

#include "api/call.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/requests.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"
#include "store/accounts.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace rf::api {

namespace json = boost::json;
using http::verb;

namespace {

constexpr int max_login_failures = 5;
constexpr millis login_window_ms = 15 * 60 * 1000;
constexpr millis invite_ttl_ms = 7LL * 24 * 3600 * 1000;
constexpr std::string_view last_admin = "The team must keep at least one admin";

http::response token_response(const call& c, const domain::user& u, unsigned status) {
  const std::string token = new_token();
  const millis now = c.now();
  store::store_token(c.sql, hash_token(token), u.id, now, now + c.ctx.token_ttl_ms);
  return http::response::json(status,
                              json::object{{"access_token", token}, {"token_type", "bearer"}, {"user", user_json(u)}});
}

json::object invite_json(const store::invite& i) {
  return {{"code", i.code},
          {"role", domain::to_string(i.role)},
          {"created_by", i.created_by},
          {"created_by_name", i.created_by_name},
          {"created_at", format_instant(i.created_at)},
          {"expires_at", format_instant(i.expires_at)}};
}

// Invite codes are base64url (common/ids.hpp); anything else cannot name one.
bool plausible_invite_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (unsigned char ch : code)
    if (!std::isalnum(ch) && ch != '-' && ch != '_') return false;
  return true;
}

std::string dummy_hash() {
  // Verifying against this when the email is unknown keeps login time the same either way.
  static const std::string h = hash_password("resolutionflow-timing-equaliser");
  return h;
}

http::response registration(const call& c) {
  // Public: the sign-up page asks whether to offer "create a team" at all.
  const bool open = c.ctx.registration == registration_mode::open;
  return http::response::json(
      200, json::object{{"mode", open ? "open" : "invite"}, {"can_create_team", open || store::no_team_yet(c.sql)}});
}

http::response register_account(const call& c) {
  const auto in = read_register(c.req);
  const bool first_only = !in.invite_code && c.ctx.registration == registration_mode::invite;
  constexpr std::string_view invite_only = "Registration is by invitation only";
  // Refuse before hashing: a refused sign-up must not cost an argon2 run.
  if (first_only && !store::no_team_yet(c.sql)) forbidden(std::string(invite_only));
  store::new_user u{in.email, in.name, hash_password(in.password)};
  store::transaction tx(c.sql);
  auto created = in.invite_code ? store::join_team(c.sql, *in.invite_code, u, c.now(), c.ctx.quotas.members)
                                : store::create_team_with_admin(c.sql, *in.team_name, u, c.now(), first_only);
  switch (created.code) {
    case store::errc::ok: break;
    case store::errc::duplicate: fail(created.code, "An account with this email already exists");
    case store::errc::not_found: not_found("Invite code");
    case store::errc::limit: over_limit(c.ctx.quotas.members, "members");
    default: forbidden(std::string(invite_only));  // another first registration won
  }
  auto answer = token_response(c, *created.value, 201);
  tx.commit();
  return answer;
}

// Not one transaction: a failed attempt must be counted even though the answer is an
// error, and each of its writes is a single statement.
http::response login(const call& c) {
  const auto in = read_login(c.req);
  const std::string key = email_key(in.email);
  const millis now = c.now();
  const auto throttle = store::login_failures(c.sql, key);
  if (throttle.failures >= max_login_failures && throttle.window_start + login_window_ms > now) {
    const auto wait_s = (throttle.window_start + login_window_ms - now + 999) / 1000;
    throw error(429, "Too many failed sign-in attempts; try again in " + std::to_string((wait_s + 59) / 60) +
                         " minute(s)")
        .with_header("Retry-After", std::to_string(wait_s));
  }
  auto cred = store::find_credentials(c.sql, in.email);
  const bool ok = cred ? verify_password(cred->password_hash, in.password) && cred->user.is_active
                       : (verify_password(dummy_hash(), in.password), false);
  if (!ok) {
    store::record_login_failure(c.sql, key, now, login_window_ms);
    throw error(401, "Incorrect email or password").with_header("WWW-Authenticate", "Bearer");
  }
  if (throttle.failures) store::clear_login_failures(c.sql, key);
  return token_response(c, cred->user, 200);
}

http::response me(const call& c) { return http::response::json(200, user_json(c.who().user)); }

// Any signed-in user, viewers included, may end their own session.
http::response logout(const call& c) {
  const std::string hash = hash_token(std::string_view(c.req.authorization).substr(7));
  store::delete_token(c.sql, hash);
  c.ctx.auth->erase_token(hash);
  return http::response::no_content();
}

http::response get_team(const call& c) {
  auto team = store::get_team(c.sql, c.team());
  if (!team) not_found("Team");
  json::array members;
  for (const auto& m : team->members) members.push_back(user_json(m));
  return http::response::json(200, json::object{{"id", team->id},
                                                {"name", team->name},
                                                {"created_at", format_instant(team->created_at)},
                                                {"members", std::move(members)}});
}

http::response create_invite(const call& c) {
  const auto role = read_invite_create(c.req);
  const millis now = c.now();
  store::transaction tx(c.sql);
  auto created = store::create_invite(c.sql, c.team(), c.who().user.id, new_invite_code(), role, now,
                                      now + invite_ttl_ms, c.ctx.quotas.open_invites);
  if (!created) over_limit(c.ctx.quotas.open_invites, "open invites");
  tx.commit();
  created.value->created_by_name = c.who().user.name;
  return http::response::json(201, invite_json(*created.value));
}

http::response list_invites(const call& c) {
  json::array out;
  for (const auto& i : store::list_invites(c.sql, c.team(), c.now())) out.push_back(invite_json(i));
  return http::response::json(200, out);
}

http::response revoke_invite(const call& c) {
  const auto& code = c.param("code");
  if (!plausible_invite_code(code) || !store::revoke_invite(c.sql, c.team(), code)) not_found("Invite");
  return http::response::no_content();
}

http::response patch_member(const call& c) {
  const std::string user_id = c.id("user_id", "User");
  const auto role = read_member_role(c.req);
  store::transaction tx(c.sql);
  auto r = store::set_role(c.sql, c.team(), user_id, role);
  if (r.code == store::errc::not_found) not_found("User");
  if (!r) fail(r.code, std::string(last_admin));
  tx.commit();
  c.ctx.auth->erase_user(user_id);
  return http::response::json(200, user_json(*r.value));
}

http::response remove_member(const call& c) {
  const std::string user_id = c.id("user_id", "User");
  store::transaction tx(c.sql);
  const auto code = store::remove_member(c.sql, c.team(), user_id, c.now());
  if (code == store::errc::not_found) not_found("User");
  if (code != store::errc::ok) fail(code, std::string(last_admin));
  tx.commit();
  // Their tokens stop at once here; other replicas drop cached ones within the token
  // cache's few seconds (the tokens are gone from the database already).
  c.ctx.auth->erase_user(user_id);
  return http::response::no_content();
}

constexpr route_def routes[] = {
    {verb::get, "/api/v1/auth/registration", access::public_, registration},
    {verb::post, "/api/v1/auth/register", access::public_, register_account, /*offload=*/true},
    {verb::post, "/api/v1/auth/login", access::public_, login, /*offload=*/true},
    {verb::get, "/api/v1/auth/me", access::read, me},
    {verb::post, "/api/v1/auth/logout", access::read, logout},
    {verb::get, "/api/v1/teams/me", access::read, get_team},
    {verb::post, "/api/v1/teams/invites", access::admin, create_invite},
    {verb::get, "/api/v1/teams/invites", access::admin, list_invites},
    {verb::del, "/api/v1/teams/invites/{code}", access::admin, revoke_invite},
    {verb::patch, "/api/v1/teams/members/{user_id}", access::admin, patch_member},
    {verb::del, "/api/v1/teams/members/{user_id}", access::admin, remove_member},
};

}  // namespace

std::span<const route_def> account_routes() { return routes; }

}  // namespace rf::api
