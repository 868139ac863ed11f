#pragma once
// Teams, users, tokens, invites and login throttling. Every function that reads or
// changes a team's data takes the team id.

#include "domain/models.hpp"
#include "store/database.hpp"
#include "store/result.hpp"

namespace rf::store {

struct new_user {
  std::string email;
  std::string name;
  std::string password_hash;
};

// Creates a team and its first user, an admin. duplicate: the email is taken.
result<domain::user> create_team_with_admin(lease& sql, const std::string& team_name, const new_user& u, millis now);
// Joins the team of a valid invite as an engineer. not_found: unknown or expired code.
result<domain::user> join_team(lease& sql, const std::string& invite_code, const new_user& u, millis now);

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
void create_invite(lease& sql, const std::string& team_id, const std::string& user_id, const std::string& code,
                   millis now, millis expires_at);
// refused: the change would leave the team without an admin.
result<domain::user> set_role(lease& sql, const std::string& team_id, const std::string& user_id, domain::user_role r);

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
