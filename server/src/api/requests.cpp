#include "api/requests.hpp"

#include "api/errors.hpp"
#include "api/input.hpp"
#include "domain/validation.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;

namespace {

constexpr long long max_grace_seconds = 7 * 24 * 3600;
constexpr std::size_t max_notes = 20'000;

// A light check: something@something.something, no spaces. Deliverability is not ours to judge.
bool plausible_email(const std::string& e) {
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  const auto dot = e.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == e.size()) return false;
  return e.find_first_of(" \t\r\n") == std::string::npos;
}

void add_problems(body_reader& in, const std::vector<domain::problem>& problems) {
  for (const auto& p : problems) {
    json::array loc{"body"};
    for (const auto& part : p.loc) loc.push_back(part);
    in.add(std::move(loc), p.msg, p.type);
  }
}

// "description": absent → nullopt; null → ""; a string → checked.
std::optional<std::string> description_field(body_reader& in) {
  if (!in.has("description")) return std::nullopt;
  if (in.is_null("description")) return std::string();
  auto d = in.string("description", false, {0, domain::max_description});
  return d ? d : std::optional<std::string>(std::string());
}

std::optional<std::vector<domain::target>> targets_field(body_reader& in, bool required, std::size_t max) {
  auto* v = in.raw("targets");
  if (!v) {
    if (required) in.add({"body", "targets"}, "Field required", "missing");
    return std::nullopt;
  }
  std::vector<domain::target> out;
  auto problems = domain::validate_targets(*v, 1, max, out);
  add_problems(in, problems);
  if (!problems.empty()) return std::nullopt;
  return out;
}

// Parses the cron expression and zone, adding a 422 entry for each that is wrong.
void check_cron(body_reader& in, const std::optional<std::string>& text, const std::optional<std::string>& tz,
                schedule_fields& out, std::string_view where) {
  if (text) {
    auto parsed = cron::expression::parse(*text);
    if (auto* msg = std::get_if<std::string>(&parsed))
      in.add({json::string(where), "cron_expression"}, "Invalid cron expression: " + *msg, "value_error");
    else
      out.expr = std::get<cron::expression>(std::move(parsed));
  }
  if (tz) {
    out.zone = cron::find_zone(*tz);
    if (!out.zone)
      in.add({json::string(where), "timezone"},
             "Unknown time zone '" + *tz + "' (use an IANA name such as Europe/Berlin)", "value_error");
  }
}

}  // namespace

register_request read_register(const http::request& req) {
  body_reader in(req);
  auto email = in.string("email", true, {3, 254});
  if (email && !plausible_email(*email)) in.add({"body", "email"}, "Value is not a valid email address", "value_error");
  auto password = in.string("password", true, {8, 128});
  auto name = in.string("name", true, {1, 255});
  register_request r;
  if (in.has("invite_code") && !in.is_null("invite_code")) {
    r.invite_code = in.string("invite_code", true, {1, 64});
  } else {
    r.team_name = in.string("team_name", true, {1, 255});
  }
  in.finish();
  r.email = *email;
  r.password = *password;
  r.name = *name;
  return r;
}

login_request read_login(const http::request& req) {
  body_reader in(req);
  auto email = in.string("email", true, {1, 254});
  auto password = in.string("password", true, {1, 128});
  in.finish();
  return {*email, *password};
}

domain::user_role read_member_role(const http::request& req) {
  body_reader in(req);
  auto role = in.enumeration<domain::user_role>("role", true);
  in.finish();
  return *role;
}

domain::user_role read_invite_create(const http::request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return domain::user_role::engineer;
  body_reader in(req);
  auto role = in.enumeration<domain::user_role>("role", false);
  in.finish();
  return role.value_or(domain::user_role::engineer);
}

tree_create read_tree_create(const http::request& req) {
  body_reader in(req);
  auto name = in.string("name", true, {1, domain::max_name});
  auto description = description_field(in);
  auto type = in.enumeration<domain::tree_type>("tree_type", true);
  const json::value* structure = in.raw("tree_structure");
  if (!structure) in.add({"body", "tree_structure"}, "Field required", "missing");
  if (type && structure) add_problems(in, domain::validate_tree_structure(*type, *structure));
  in.finish();
  return {*name, description.value_or(""), *type, *structure};
}

tree_update read_tree_update(const http::request& req) {
  body_reader in(req);
  tree_update u;
  u.name = in.string("name", false, {1, domain::max_name});
  u.description = description_field(in);
  u.tree_type = in.enumeration<domain::tree_type>("tree_type", false);
  if (auto* s = in.raw("tree_structure")) u.structure = *s;
  in.finish();
  return u;
}

json::value checked_structure(const tree_update& u, domain::tree_type resulting_type, const json::value& current) {
  const json::value& structure = u.structure ? *u.structure : current;
  auto problems = domain::validate_tree_structure(resulting_type, structure);
  if (!problems.empty()) {
    body_reader in;
    add_problems(in, problems);
    in.finish();
  }
  return structure;
}

target_list_fields read_target_list(const http::request& req, bool create) {
  body_reader in(req);
  target_list_fields f;
  f.name = in.string("name", create, {1, domain::max_name});
  f.description = description_field(in);
  f.targets = targets_field(in, create, domain::max_targets_per_list);
  in.finish();
  return f;
}

session_create read_session_create(const http::request& req) {
  body_reader in(req);
  auto tree_id = in.uuid("tree_id", true);
  session_create s;
  if (!in.is_null("target_label")) s.target_label = in.string("target_label", false, {1, domain::max_target_label});
  if (!in.is_null("target_notes")) s.target_notes = in.string("target_notes", false, {0, domain::max_target_notes});
  in.finish();
  s.tree_id = *tree_id;
  if (!s.target_label) s.target_notes.reset();  // notes describe a target
  return s;
}

session_progress read_session_progress(const http::request& req) {
  body_reader in(req);
  auto json_field = [&](std::string_view key, bool want_array) -> std::optional<std::string> {
    auto* v = in.raw(key);
    if (!v) return std::nullopt;
    if (want_array ? !v->is_array() : !v->is_object()) {
      in.add({"body", key}, want_array ? "Input should be a valid list" : "Input should be a valid dictionary",
             want_array ? "list_type" : "dict_type");
      return std::nullopt;
    }
    return json::serialize(*v);
  };
  session_progress p;
  p.path_taken = json_field("path_taken", true);
  p.decisions = json_field("decisions", false);
  p.custom_steps = json_field("custom_steps", true);
  p.session_variables = json_field("session_variables", false);
  p.notes = in.string("notes", false, {0, max_notes});
  in.finish();
  return p;
}

batch_request read_batch(const http::request& req) {
  body_reader in(req);
  auto tree_id = in.uuid("tree_id", true);
  auto targets = targets_field(in, true, domain::max_targets_per_batch);
  in.finish();
  return {*tree_id, std::move(*targets)};
}

schedule_fields read_schedule(const http::request& req, bool create) {
  body_reader in(req);
  schedule_fields f;
  if (create) f.tree_id = in.uuid("tree_id", true);
  f.cron_expression = in.string("cron_expression", create, {1, 255});
  if (create) {
    f.timezone = "UTC";
    if (in.has("timezone") && !in.is_null("timezone")) f.timezone = in.string("timezone", true, {1, 64});
  } else {
    f.timezone = in.string("timezone", false, {1, 64});
  }
  f.clear_target_list = in.is_null("target_list_id");
  if (!f.clear_target_list) f.target_list_id = in.uuid("target_list_id", false);
  f.misfire_grace_seconds = in.integer("misfire_grace_seconds", false, 0, max_grace_seconds);
  f.is_active = in.boolean("is_active", false);
  check_cron(in, f.cron_expression, f.timezone, f, "body");
  in.finish();
  return f;
}

preview_request read_preview(const http::request& req) {
  const std::string* text = req.query_param("cron_expression");
  if (!text) unprocessable({"query", "cron_expression"}, "Field required", "missing");
  const std::string* tz_param = req.query_param("timezone");
  const std::string tz = tz_param && !tz_param->empty() ? *tz_param : "UTC";
  const auto count = query_int(req, "count", 1, 50).value_or(5);
  body_reader in;
  schedule_fields f;
  check_cron(in, *text, tz, f, "query");
  in.finish();
  return {std::move(*f.expr), f.zone, int(count)};
}

}  // namespace rf::api
