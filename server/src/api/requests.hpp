#pragma once
// The decoding of every write endpoint's body (and the schedule preview's query): one
// function per request, returning a plain struct or throwing the 422 that names each bad
// field. Handlers call these and then talk to the store; the fuzzers call the very same
// functions, so what is fuzzed is what serves.
//
// Contract: when a function returns, every field documented as required is present.

#include "cron/cron.hpp"
#include "domain/models.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace rf::api {

struct register_request {
  std::string email, password, name;
  std::optional<std::string> team_name;  // exactly one of team_name and invite_code
  std::optional<std::string> invite_code;
};
register_request read_register(const http::request& req);

struct login_request {
  std::string email, password;
};
login_request read_login(const http::request& req);

domain::user_role read_member_role(const http::request& req);
// POST /teams/invites: an optional body {"role"}; engineer when absent.
domain::user_role read_invite_create(const http::request& req);

struct tree_create {
  std::string name, description;
  domain::tree_type tree_type;
  boost::json::value structure;  // validated for tree_type
};
tree_create read_tree_create(const http::request& req);

struct tree_update {
  std::optional<std::string> name;
  std::optional<std::string> description;  // set when the body has the field ("" for null)
  std::optional<domain::tree_type> tree_type;
  std::optional<boost::json::value> structure;
};
tree_update read_tree_update(const http::request& req);
// The structure a PUT leaves the flow with must fit the type it leaves it with; `current`
// is the stored structure. Returns the structure to store, or throws 422.
boost::json::value checked_structure(const tree_update& u, domain::tree_type resulting_type,
                                     const boost::json::value& current);

struct target_list_fields {
  std::optional<std::string> name;
  std::optional<std::string> description;  // set when the body has the field
  std::optional<std::vector<domain::target>> targets;
};
// Create: name and targets required. Update: every field optional.
target_list_fields read_target_list(const http::request& req, bool create);

struct session_create {
  std::string tree_id;
  std::optional<std::string> target_label, target_notes;
};
session_create read_session_create(const http::request& req);

struct session_progress {
  std::optional<std::string> path_taken, decisions, custom_steps, session_variables;  // JSON text
  std::optional<std::string> notes;
};
session_progress read_session_progress(const http::request& req);

struct batch_request {
  std::string tree_id;
  std::vector<domain::target> targets;  // 1..1,000
};
batch_request read_batch(const http::request& req);

struct schedule_fields {
  std::optional<std::string> tree_id;  // required on create
  std::optional<std::string> cron_expression;
  std::optional<std::string> timezone;
  std::optional<std::string> target_list_id;
  bool clear_target_list = false;  // "target_list_id": null
  std::optional<long long> misfire_grace_seconds;
  std::optional<bool> is_active;
  std::optional<cron::expression> expr;   // parsed cron_expression, when given
  const date::time_zone* zone = nullptr;  // resolved timezone, when given
};
// Create: tree_id and cron_expression required, timezone defaults to UTC.
schedule_fields read_schedule(const http::request& req, bool create);

struct preview_request {
  cron::expression expr;
  const date::time_zone* zone;
  int count;
};
preview_request read_preview(const http::request& req);

}  // namespace rf::api
