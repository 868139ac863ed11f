#include "store/accounts.hpp"

#include "store/sql.hpp"

#include "common/ids.hpp"
#include "common/text.hpp"

namespace rf::store {

using soci::into;
using soci::use;

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

namespace {

// The key that makes e-mail addresses unique: NFKC case folding (common/text.hpp), so
// "Straße@x.com" and "STRASSE@x.com" are one account.
std::string email_key_of(const std::string& email) { return email_key(email); }

// The one mapper of a user row (FROM users u).
void map_user(columns& c, domain::user& u) {
  c("u.id", u.id)("u.team_id", u.team_id)("u.email", u.email)("u.name", u.name)("u.role", u.role);
  c("u.is_active", u.is_active)("u.created_at", u.created_at);
}

// The one mapper of an invite (FROM invites i LEFT JOIN users u on its creator).
void map_invite(columns& c, invite& i) {
  c("i.code", i.code)("i.role", i.role)("i.created_by", i.created_by)("COALESCE(u.name, '')", i.created_by_name);
  c("i.created_at", i.created_at)("i.expires_at", i.expires_at);
}

result<domain::user> insert_user(lease& sql, const std::string& team_id, const new_user& u, domain::user_role r,
                                 millis now) {
  domain::user out{new_uuid(), team_id, u.email, u.name, r, true, now};
  const std::string lower = email_key_of(u.email);
  sql << "INSERT INTO users (id, team_id, email, email_lower, name, role, password_hash, is_active, created_at) "
         "VALUES (:id, :team, :email, :lower, :name, :role, :hash, 1, :now)",
      use(out.id), use(team_id), use(u.email), use(lower), use(u.name), use(r), use(u.password_hash), use(now);
  return result<domain::user>::ok(out);
}

bool email_taken(lease& sql, const std::string& email) {
  return count_rows(sql, "FROM users WHERE email_lower = :e", binds(email_key_of(email))) > 0;
}

}  // namespace

bool no_team_yet(lease& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM (SELECT 1 FROM teams LIMIT 1) t", into(n);
  return n == 0;
}

result<domain::user> create_team_with_admin(lease& sql, const std::string& team_name, const new_user& u, millis now,
                                            bool first_only) {
  transaction tx(sql);
  if (first_only) {
    // Two "first" registrations at once: the lock makes the second see the first's team.
    // SQLite's IMMEDIATE transaction serialises them already.
    if (dialect_of(sql) == dialect::postgresql) sql << "SELECT pg_advisory_xact_lock(7207050102)";
    if (!no_team_yet(sql)) return result<domain::user>::fail(errc::refused);
  }
  if (email_taken(sql, u.email)) return result<domain::user>::fail(errc::duplicate);
  const std::string team_id = new_uuid();
  sql << "INSERT INTO teams (id, name, created_at) VALUES (:id, :name, :now)", use(team_id), use(team_name), use(now);
  try {
    auto r = insert_user(sql, team_id, u, domain::user_role::admin, now);
    tx.commit();
    return r;
  } catch (const soci::soci_error& e) {
    // Two registrations of one email racing: the unique index decides.
    if (is_unique_violation(e)) return result<domain::user>::fail(errc::duplicate);
    throw;
  }
}

result<domain::user> join_team(lease& sql, const std::string& invite_code, const new_user& u, millis now,
                               long long max_members) {
  transaction tx(sql);
  std::string team_id;
  domain::user_role role = domain::user_role::engineer;
  sql << "SELECT team_id, role FROM invites WHERE code = :c AND expires_at > :now", use(invite_code), use(now),
      into(team_id), into(role);
  if (!sql.got_data()) return result<domain::user>::fail(errc::not_found);
  lock_row(sql, "teams", team_id);
  if (email_taken(sql, u.email)) return result<domain::user>::fail(errc::duplicate);
  if (count_rows(sql, "FROM users WHERE team_id = :t AND removed_at IS NULL", binds(team_id)) >= max_members)
    return result<domain::user>::fail(errc::limit);
  try {
    auto r = insert_user(sql, team_id, u, role, now);
    tx.commit();
    return r;
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return result<domain::user>::fail(errc::duplicate);
    throw;
  }
}

std::optional<credentials> find_credentials(lease& sql, const std::string& email) {
  return select_one<credentials>(
      sql,
      [](columns& c, credentials& r) {
        map_user(c, r.user);
        c("u.password_hash", r.password_hash);
      },
      "FROM users u WHERE u.email_lower = :e", binds(email_key_of(email)));
}

void store_token(lease& sql, const std::string& token_hash, const std::string& user_id, millis now, millis expires_at) {
  sql << "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :c, :e)",
      use(token_hash), use(user_id), use(now), use(expires_at);
}

std::optional<token_owner> user_for_token(lease& sql, const std::string& token_hash, millis now) {
  return select_one<token_owner>(
      sql,
      [](columns& c, token_owner& o) {
        map_user(c, o.user);
        c("t.expires_at", o.expires_at);
      },
      "FROM auth_tokens t JOIN users u ON u.id = t.user_id"
      " WHERE t.token_hash = :h AND t.expires_at > :now AND u.is_active = 1",
      binds(token_hash, now));
}

void delete_token(lease& sql, const std::string& token_hash) {
  sql << "DELETE FROM auth_tokens WHERE token_hash = :h", use(token_hash);
}

std::optional<domain::team> get_team(lease& sql, const std::string& team_id) {
  auto t = select_one<domain::team>(
      sql, [](columns& c, domain::team& t) { c("id", t.id)("name", t.name)("created_at", t.created_at); },
      "FROM teams WHERE id = :id", binds(team_id));
  if (!t) return std::nullopt;
  t->members = select_all<domain::user>(
      sql, map_user, "FROM users u WHERE u.team_id = :t AND u.removed_at IS NULL ORDER BY u.created_at, u.id",
      binds(team_id));
  return t;
}

result<invite> create_invite(lease& sql, const std::string& team_id, const std::string& user_id,
                             const std::string& code, domain::user_role role, millis now, millis expires_at,
                             long long max_open) {
  transaction tx(sql);
  lock_row(sql, "teams", team_id);
  if (count_rows(sql, "FROM invites WHERE team_id = :t AND expires_at > :now", binds(team_id, now)) >= max_open)
    return result<invite>::fail(errc::limit);
  // Expired invites are of no use to anyone: drop them while the team is locked anyway.
  sql << "DELETE FROM invites WHERE team_id = :t AND expires_at <= :now", use(team_id), use(now);
  sql << "INSERT INTO invites (code, team_id, created_by, created_at, expires_at, role)"
         " VALUES (:c, :t, :u, :n, :e, :r)",
      use(code), use(team_id), use(user_id), use(now), use(expires_at), use(role);
  tx.commit();
  return result<invite>::ok(invite{code, role, user_id, "", now, expires_at});
}

std::vector<invite> list_invites(lease& sql, const std::string& team_id, millis now) {
  return select_all<invite>(sql, map_invite,
                            "FROM invites i LEFT JOIN users u ON u.id = i.created_by"
                            " WHERE i.team_id = :t AND i.expires_at > :now ORDER BY i.created_at DESC, i.code",
                            binds(team_id, now));
}

bool revoke_invite(lease& sql, const std::string& team_id, const std::string& code) {
  return execute(sql, "DELETE FROM invites WHERE code = :c AND team_id = :t", binds(code, team_id)) > 0;
}

namespace {

// The member's current row, with the team locked; nullopt when not a (current) member.
std::optional<domain::user> locked_member(lease& sql, const std::string& team_id, const std::string& user_id) {
  lock_row(sql, "teams", team_id);
  return select_one<domain::user>(sql, map_user,
                                  "FROM users u WHERE u.id = :id AND u.team_id = :t AND u.removed_at IS NULL",
                                  binds(user_id, team_id));
}

long long active_admins(lease& sql, const std::string& team_id) {
  return count_rows(sql, "FROM users WHERE team_id = :t AND role = 'admin' AND is_active = 1 AND removed_at IS NULL",
                    binds(team_id));
}

}  // namespace

result<domain::user> set_role(lease& sql, const std::string& team_id, const std::string& user_id, domain::user_role r) {
  transaction tx(sql);
  auto member = locked_member(sql, team_id, user_id);
  if (!member) return result<domain::user>::fail(errc::not_found);
  if (member->role == domain::user_role::admin && r != domain::user_role::admin && active_admins(sql, team_id) <= 1)
    return result<domain::user>::fail(errc::refused);
  sql << "UPDATE users SET role = :r WHERE id = :id AND team_id = :t", use(r), use(user_id), use(team_id);
  tx.commit();
  member->role = r;
  return result<domain::user>::ok(*member);
}

errc remove_member(lease& sql, const std::string& team_id, const std::string& user_id, millis now) {
  transaction tx(sql);
  auto member = locked_member(sql, team_id, user_id);
  if (!member) return errc::not_found;
  if (member->role == domain::user_role::admin && member->is_active && active_admins(sql, team_id) <= 1)
    return errc::refused;
  // The unique e-mail key is freed (a removed member may be invited again); the row stays.
  const std::string freed = "removed:" + user_id;
  sql << "UPDATE users SET removed_at = :now, is_active = 0, email_lower = :freed WHERE id = :id AND team_id = :t",
      use(now), use(freed), use(user_id), use(team_id);
  sql << "DELETE FROM auth_tokens WHERE user_id = :id", use(user_id);
  tx.commit();
  return errc::ok;
}

throttle_state login_failures(lease& sql, const std::string& email_lower) {
  return select_one<throttle_state>(
             sql, [](columns& c, throttle_state& s) { c("failures", s.failures)("window_start", s.window_start); },
             "FROM login_failures WHERE email_lower = :e", binds(email_lower))
      .value_or(throttle_state{});
}

void record_login_failure(lease& sql, const std::string& email_lower, millis now, millis window) {
  // One statement, so concurrent failures for one email count correctly on both backends.
  const millis stale = now - window;
  sql << "INSERT INTO login_failures (email_lower, failures, window_start) VALUES (:e, 1, :now) "
         "ON CONFLICT (email_lower) DO UPDATE SET "
         "failures = CASE WHEN login_failures.window_start < :stale THEN 1 ELSE login_failures.failures + 1 END, "
         "window_start = CASE WHEN login_failures.window_start < :stale2 THEN :now2 ELSE login_failures.window_start "
         "END",
      use(email_lower), use(now), use(stale), use(stale), use(now);
}

void clear_login_failures(lease& sql, const std::string& email_lower) {
  sql << "DELETE FROM login_failures WHERE email_lower = :e", use(email_lower);
}

}  // namespace rf::store
