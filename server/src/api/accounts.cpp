// Accounts and teams: register, login, logout, me, team, invites, member roles.

#include "api/context.hpp"
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

http::response token_response(context& ctx, store::lease& sql, const domain::user& u, unsigned status) {
  const std::string token = new_token();
  const millis now = ctx.clock.now_ms();
  store::store_token(sql, hash_token(token), u.id, now, now + ctx.token_ttl_ms);
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
  for (unsigned char c : code)
    if (!std::isalnum(c) && c != '-' && c != '_') return false;
  return true;
}

std::string dummy_hash() {
  // Verifying against this when the email is unknown keeps login time the same either way.
  static const std::string h = hash_password("resolutionflow-timing-equaliser");
  return h;
}

}  // namespace

void add_account_routes(http::router& r, context& ctx) {
  r.add(verb::get, "/api/v1/auth/registration", [&ctx](const http::request&, const http::path_params&) {
    // Public: the sign-up page asks whether to offer "create a team" at all.
    bool can_create = ctx.registration == registration_mode::open;
    if (!can_create) {
      store::lease sql(ctx.db.pool());
      try {
        can_create = store::no_team_yet(sql);
      } catch (const soci::soci_error&) {
        store::recover(sql);
        throw;
      }
    }
    return http::response::json(
        200, json::object{{"mode", ctx.registration == registration_mode::open ? "open" : "invite"},
                          {"can_create_team", can_create}});
  });

  r.add(
      verb::post, "/api/v1/auth/register",
      [&ctx](const http::request& req, const http::path_params&) {
        const auto in = read_register(req);
        const auto& invite = in.invite_code;
        const bool first_only = !invite && ctx.registration == registration_mode::invite;
        store::lease sql(ctx.db.pool());
        try {
          // Refuse before hashing: a refused sign-up must not cost an argon2 run.
          if (first_only && !store::no_team_yet(sql)) forbidden("Registration is by invitation only");
          store::new_user u{in.email, in.name, hash_password(in.password)};
          const millis now = ctx.clock.now_ms();
          auto created = invite ? store::join_team(sql, *invite, u, now, ctx.quotas.members)
                                : store::create_team_with_admin(sql, *in.team_name, u, now, first_only);
          switch (created.code) {
            case store::errc::duplicate: conflict("An account with this email already exists");
            case store::errc::not_found: not_found("Invite code not found or expired");
            case store::errc::refused: forbidden("Registration is by invitation only");
            case store::errc::limit: over_limit(ctx.quotas.members, "members");
            default: break;
          }
          return token_response(ctx, sql, *created.value, 201);
        } catch (const soci::soci_error&) {
          store::recover(sql);
          throw;
        }
      },
      /*offload=*/true);

  r.add(
      verb::post, "/api/v1/auth/login",
      [&ctx](const http::request& req, const http::path_params&) {
        const auto in = read_login(req);
        store::lease sql(ctx.db.pool());
        try {
          const std::string key = email_key(in.email);
          const millis now = ctx.clock.now_ms();
          const auto throttle = store::login_failures(sql, key);
          if (throttle.failures >= max_login_failures && throttle.window_start + login_window_ms > now) {
            const auto wait_s = (throttle.window_start + login_window_ms - now + 999) / 1000;
            throw error(429, "Too many failed sign-in attempts; try again in " + std::to_string((wait_s + 59) / 60) +
                                 " minute(s)")
                .with_header("Retry-After", std::to_string(wait_s));
          }
          auto cred = store::find_credentials(sql, in.email);
          const bool ok = cred ? verify_password(cred->password_hash, in.password) && cred->user.is_active
                               : (verify_password(dummy_hash(), in.password), false);
          if (!ok) {
            store::record_login_failure(sql, key, now, login_window_ms);
            throw error(401, "Incorrect email or password").with_header("WWW-Authenticate", "Bearer");
          }
          if (throttle.failures) store::clear_login_failures(sql, key);
          return token_response(ctx, sql, cred->user, 200);
        } catch (const soci::soci_error&) {
          store::recover(sql);
          throw;
        }
      },
      /*offload=*/true);

  r.add(verb::get, "/api/v1/auth/me",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params&, const principal& who, store::lease&) {
                 return http::response::json(200, user_json(who.user));
               }));

  // Any signed-in user, viewers included, may end their own session.
  r.add(verb::post, "/api/v1/auth/logout",
        authed(ctx, access::read,
               [&ctx](const http::request& req, const http::path_params&, const principal&, store::lease& sql) {
                 const std::string hash = hash_token(std::string_view(req.authorization).substr(7));
                 store::delete_token(sql, hash);
                 ctx.auth->erase_token(hash);
                 return http::response::no_content();
               }));

  r.add(verb::get, "/api/v1/teams/me",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params&, const principal& who, store::lease& sql) {
                 auto team = store::get_team(sql, who.team());
                 if (!team) not_found("Team not found");
                 json::array members;
                 for (const auto& m : team->members) members.push_back(user_json(m));
                 return http::response::json(200, json::object{{"id", team->id},
                                                               {"name", team->name},
                                                               {"created_at", format_instant(team->created_at)},
                                                               {"members", std::move(members)}});
               }));

  r.add(verb::post, "/api/v1/teams/invites",
        authed(ctx, access::admin,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 const auto role = read_invite_create(req);
                 const millis now = ctx.clock.now_ms();
                 auto created = store::create_invite(sql, who.team(), who.user.id, new_invite_code(), role, now,
                                                     now + invite_ttl_ms, ctx.quotas.open_invites);
                 if (created.code == store::errc::limit) over_limit(ctx.quotas.open_invites, "open invites");
                 created.value->created_by_name = who.user.name;
                 return http::response::json(201, invite_json(*created.value));
               }));

  r.add(verb::get, "/api/v1/teams/invites",
        authed(ctx, access::admin,
               [&ctx](const http::request&, const http::path_params&, const principal& who, store::lease& sql) {
                 json::array out;
                 for (const auto& i : store::list_invites(sql, who.team(), ctx.clock.now_ms()))
                   out.push_back(invite_json(i));
                 return http::response::json(200, out);
               }));

  r.add(verb::del, "/api/v1/teams/invites/{code}",
        authed(ctx, access::admin,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 if (!plausible_invite_code(p[0]) || !store::revoke_invite(sql, who.team(), p[0]))
                   not_found("Invite not found");
                 return http::response::no_content();
               }));

  r.add(verb::patch, "/api/v1/teams/members/{user_id}",
        authed(ctx, access::admin,
               [&ctx](const http::request& req, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string user_id = path_uuid(p[0], "User");
                 const auto role = read_member_role(req);
                 auto r = store::set_role(sql, who.team(), user_id, role);
                 if (r.code == store::errc::not_found) not_found("User not found");
                 if (r.code == store::errc::refused) bad_request("The team must keep at least one admin");
                 ctx.auth->erase_user(user_id);
                 return http::response::json(200, user_json(*r.value));
               }));

  r.add(verb::del, "/api/v1/teams/members/{user_id}",
        authed(ctx, access::admin,
               [&ctx](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string user_id = path_uuid(p[0], "User");
                 switch (store::remove_member(sql, who.team(), user_id, ctx.clock.now_ms())) {
                   case store::errc::not_found: not_found("User not found");
                   case store::errc::refused: bad_request("The team must keep at least one admin");
                   default: break;
                 }
                 // Their tokens stop at once here; other replicas drop cached ones within the
                 // token cache's few seconds (the tokens are gone from the database already).
                 ctx.auth->erase_user(user_id);
                 return http::response::no_content();
               }));
}

}  // namespace rf::api
