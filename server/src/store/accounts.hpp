#pragma once
// Teams, users, tokens, invites and login throttling. Every function that reads or
// changes a team's data takes the team id.
//
// Error contract (the one of store/database.hpp, with store/result.hpp): outcomes that
// depend on input are values: std::optional when nothing matches, bool when nothing was
// revoked, result<T> or errc with not_found, duplicate, refused or limit as each function
// says. A lost connection or broken SQL throws soci::soci_error; the only catch here is
// the unique-key check of a registration, which turns that violation into duplicate and
// rethrows anything else.

#include "domain/models.hpp"
#include "store/database.hpp"
#include "store/result.hpp"

namespace rf::store {

struct new_user {
  std::string email;
  std::string name;
  std::string password_hash;
};

// True when no team exists yet (invite-only registration still lets the first one in).
bool no_team_yet(lease& sql);
// Creates a team and its first user, an admin. duplicate: the email is taken. refused:
// `first_only` is set and a team already exists (checked under a lock, so two first
// registrations at once make one team).
result<domain::user> create_team_with_admin(lease& sql, const std::string& team_name, const new_user& u, millis now,
                                            bool first_only = false);
// Joins the team of a valid invite with the invite's role. not_found: unknown or expired
// code. limit: the team has `max_members` members already.
result<domain::user> join_team(lease& sql, const std::string& invite_code, const new_user& u, millis now,
                               long long max_members);

struct credentials {
  domain::user user;
  std::string password_hash;
};
std::optional<credentials> find_credentials(lease& sql, const std::string& email);

void store_token(lease& sql, const std::string& token_hash, const std::string& user_id, millis now, millis expires_at);
// The active user a live token belongs to, and when the token expires.
struct token_owner {
  domain::user user;
  millis expires_at = 0;
};
std::optional<token_owner> user_for_token(lease& sql, const std::string& token_hash, millis now);
void delete_token(lease& sql, const std::string& token_hash);

std::optional<domain::team> get_team(lease& sql, const std::string& team_id);
struct invite {
  std::string code;
  domain::user_role role = domain::user_role::engineer;
  std::string created_by, created_by_name;
  millis created_at = 0, expires_at = 0;
};
// limit: the team already has `max_open` invites that have not expired.
result<invite> create_invite(lease& sql, const std::string& team_id, const std::string& user_id,
                             const std::string& code, domain::user_role role, millis now, millis expires_at,
                             long long max_open);
// Open (unexpired) invites, newest first.
std::vector<invite> list_invites(lease& sql, const std::string& team_id, millis now);
// false: no such invite in this team.
bool revoke_invite(lease& sql, const std::string& team_id, const std::string& code);

// refused: the change would leave the team without an admin. Changes of one team's
// members run one at a time (the team row is locked), so two admins demoting each other
// at once leave one admin.
result<domain::user> set_role(lease& sql, const std::string& team_id, const std::string& user_id, domain::user_role r);
// Removes a member: they leave the team's listing, their tokens are deleted and their
// e-mail is freed; their row stays so that sessions and batches keep their name.
// not_found: no such member; refused: they are the last admin.
errc remove_member(lease& sql, const std::string& team_id, const std::string& user_id, millis now);

// Login throttling: failures per email within a window.
struct throttle_state {
  long long failures = 0;
  millis window_start = 0;
};
throttle_state login_failures(lease& sql, const std::string& email_lower);
void record_login_failure(lease& sql, const std::string& email_lower, millis now, millis window);
void clear_login_failures(lease& sql, const std::string& email_lower);

std::string lower_ascii(std::string s);

}  // namespace rf::store
