// Fuzzes the JSON request decoding of every write endpoint: arbitrary bytes as a request
// body, then the same body_reader calls, in the same order, that each handler in
// server/src/api/ makes before it touches the store (trees, target lists, schedules,
// sessions, batches, accounts, member roles), domain validation included.
//
// KEEP IN STEP with the handlers: each read_* function below mirrors the reading part of
// one handler. When a handler's reading changes, change its mirror.
//
// Expected outcome: a value, or rf::api::error (a 4xx whose response is valid JSON with
// at most 50 problems and 128 KiB).
// A bug: any other exception, a crash, a sanitizer report, or a handler precondition
// that does not hold after in.finish() — each handler dereferences its required fields
// once finish() has passed, so a missing one would be undefined behaviour there.
#include "api/errors.hpp"
#include "api/input.hpp"
#include "cron/cron.hpp"
#include "domain/models.hpp"
#include "domain/validation.hpp"
#include "fuzz_support.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <string>

namespace json = boost::json;
using rf::api::body_reader;
namespace domain = rf::domain;

namespace {

// A returned string must satisfy what the reader promised: no NUL, at most `max` code points.
void check_text(const std::optional<std::string>& s, std::size_t min, std::size_t max) {
  if (!s) return;
  RF_FUZZ_CHECK(!rf::fuzz::has_nul(*s), "a reader returned a string with a NUL");
  const std::size_t n = rf::api::utf8_length(*s);
  RF_FUZZ_CHECK(n >= min && n <= max, "a reader returned a string outside its length bounds");
}

void add_problems(body_reader& in, const std::vector<domain::problem>& problems) {
  for (const auto& p : problems) {
    json::array loc{"body"};
    for (const auto& part : p.loc) loc.push_back(part);
    in.add(std::move(loc), p.msg, p.type);
  }
}

// api/accounts.cpp: plausible_email, copied because it is file-local there.
bool plausible_email(const std::string& e) {
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  const auto dot = e.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == e.size()) return false;
  return e.find_first_of(" \t\r\n") == std::string::npos;
}

// POST /api/v1/auth/register
void read_register(const rf::http::request& req) {
  body_reader in(req);
  auto email = in.string("email", true, {3, 254});
  if (email && !plausible_email(*email)) in.add({"body", "email"}, "Value is not a valid email address", "value_error");
  auto password = in.string("password", true, {8, 128});
  auto name = in.string("name", true, {1, 255});
  std::optional<std::string> invite, team_name;
  if (in.has("invite_code") && !in.is_null("invite_code")) {
    invite = in.string("invite_code", true, {1, 64});
  } else {
    team_name = in.string("team_name", true, {1, 255});
  }
  in.finish();
  RF_FUZZ_CHECK(email && password && name && (invite || team_name),
                "register: a required field is missing after finish()");
  check_text(email, 3, 254);
  check_text(password, 8, 128);
  check_text(name, 1, 255);
}

// POST /api/v1/auth/login
void read_login(const rf::http::request& req) {
  body_reader in(req);
  auto email = in.string("email", true, {1, 254});
  auto password = in.string("password", true, {1, 128});
  in.finish();
  RF_FUZZ_CHECK(email && password, "login: a required field is missing after finish()");
}

// PATCH /api/v1/teams/members/{user_id}
void read_member_role(const rf::http::request& req) {
  body_reader in(req);
  auto role = in.choice("role", true, {"admin", "engineer", "viewer"});
  in.finish();
  RF_FUZZ_CHECK(role && domain::parse_role(*role), "member role: the role does not parse after finish()");
}

// POST /api/v1/trees
void read_tree_create(const rf::http::request& req) {
  body_reader in(req);
  auto name = in.string("name", true, {1, domain::max_name});
  std::optional<std::string> description;
  if (!in.is_null("description")) description = in.string("description", false, {0, domain::max_description});
  auto type = in.choice("tree_type", true, {"troubleshooting", "procedural", "maintenance"});
  const json::value* structure = in.raw("tree_structure");
  if (!structure) in.add({"body", "tree_structure"}, "Field required", "missing");
  if (type && structure) add_problems(in, domain::validate_tree_structure(*type, *structure));
  in.finish();
  RF_FUZZ_CHECK(name && type && structure, "tree create: a required field is missing after finish()");
  check_text(name, 1, domain::max_name);
  check_text(description, 0, domain::max_description);
  (void)json::serialize(*structure);
}

// PUT /api/v1/trees/{id}: the stored flow's type stands in for `stored_type` when the
// body does not change it.
void read_tree_update(const rf::http::request& req, std::string_view stored_type) {
  body_reader in(req);
  auto name = in.string("name", false, {1, domain::max_name});
  std::optional<std::string> description;
  if (!in.is_null("description")) description = in.string("description", false, {0, domain::max_description});
  auto type = in.choice("tree_type", false, {"troubleshooting", "procedural", "maintenance"});
  const json::value* structure = in.raw("tree_structure");
  in.finish();
  check_text(name, 1, domain::max_name);
  // The handler re-validates the stored structure when only the type changes; the
  // stored one came through here before, so only a given structure is of interest.
  if (structure) {
    add_problems(in, domain::validate_tree_structure(type ? std::string_view(*type) : stored_type, *structure));
    in.finish();
    (void)json::serialize(*structure);
  }
}

// api/target_lists.cpp: read_targets
std::optional<std::vector<domain::target>> read_targets(body_reader& in, bool required) {
  auto* v = in.raw("targets");
  if (!v) {
    if (required) in.add({"body", "targets"}, "Field required", "missing");
    return std::nullopt;
  }
  std::vector<domain::target> out;
  auto problems = domain::validate_targets(*v, 1, domain::max_targets_per_list, out);
  add_problems(in, problems);
  if (!problems.empty()) return std::nullopt;
  return out;
}

void check_targets(const std::vector<domain::target>& targets, std::size_t max) {
  RF_FUZZ_CHECK(!targets.empty() && targets.size() <= max, "targets: count outside 1..max after finish()");
  for (const auto& t : targets) {
    check_text(t.label, 1, domain::max_target_label);
    check_text(t.notes, 0, domain::max_target_notes);
  }
}

// POST /api/v1/target-lists
void read_target_list_create(const rf::http::request& req) {
  body_reader in(req);
  auto name = in.string("name", true, {1, domain::max_name});
  std::optional<std::string> description;
  if (!in.is_null("description")) description = in.string("description", false, {0, domain::max_description});
  auto targets = read_targets(in, true);
  in.finish();
  RF_FUZZ_CHECK(name && targets, "target list create: a required field is missing after finish()");
  check_targets(*targets, domain::max_targets_per_list);
}

// PUT /api/v1/target-lists/{id}
void read_target_list_update(const rf::http::request& req) {
  body_reader in(req);
  auto name = in.string("name", false, {1, domain::max_name});
  std::optional<std::string> description;
  if (!in.is_null("description")) description = in.string("description", false, {0, domain::max_description});
  auto targets = read_targets(in, false);
  in.finish();
  if (targets) check_targets(*targets, domain::max_targets_per_list);
}

// api/schedules.cpp: check_cron
struct checked_cron {
  std::optional<rf::cron::expression> expr;
  const date::time_zone* zone = nullptr;
};

void check_cron(body_reader& in, const std::optional<std::string>& text, const std::optional<std::string>& tz,
                checked_cron& out) {
  if (text) {
    auto parsed = rf::cron::expression::parse(*text);
    if (auto* msg = std::get_if<std::string>(&parsed))
      in.add({"body", "cron_expression"}, "Invalid cron expression: " + *msg, "value_error");
    else
      out.expr = std::get<rf::cron::expression>(std::move(parsed));
  }
  if (tz) {
    out.zone = rf::cron::find_zone(*tz);
    if (!out.zone)
      in.add({"body", "timezone"}, "Unknown time zone '" + *tz + "' (use an IANA name such as Europe/Berlin)",
             "value_error");
  }
}

constexpr std::int64_t max_grace_seconds = 7 * 24 * 3600;
// 2026-03-07T12:00:00Z: "now" for next_run_at, the day before New York springs forward.
const rf::cron::instant fuzz_now{std::chrono::seconds{1772884800}};

// POST /api/v1/maintenance-schedules
void read_schedule_create(const rf::http::request& req) {
  body_reader in(req);
  auto tree_id = in.uuid("tree_id", true);
  auto text = in.string("cron_expression", true, {1, 255});
  std::optional<std::string> tz = "UTC";
  if (in.has("timezone") && !in.is_null("timezone")) tz = in.string("timezone", true, {1, 64});
  std::optional<std::string> list_id;
  if (!in.is_null("target_list_id")) list_id = in.uuid("target_list_id", false);
  auto grace = in.integer("misfire_grace_seconds", false, 0, max_grace_seconds);
  auto active = in.boolean("is_active", false);
  checked_cron c;
  check_cron(in, text, tz, c);
  in.finish();
  RF_FUZZ_CHECK(tree_id && text && tz, "schedule create: a required field is missing after finish()");
  RF_FUZZ_CHECK(c.expr && c.zone, "schedule create: no parsed expression or zone after finish()");
  RF_FUZZ_CHECK(!grace || (*grace >= 0 && *grace <= max_grace_seconds), "schedule create: grace out of range");
  if (active.value_or(true)) (void)c.expr->next_after(fuzz_now, *c.zone);
  (void)c.expr->describe();
}

// PATCH /api/v1/maintenance-schedules/{id}
void read_schedule_update(const rf::http::request& req) {
  body_reader in(req);
  auto text = in.string("cron_expression", false, {1, 255});
  auto tz = in.string("timezone", false, {1, 64});
  std::optional<std::string> list_id;
  const bool clear_list = in.is_null("target_list_id");
  if (!clear_list) list_id = in.uuid("target_list_id", false);
  auto grace = in.integer("misfire_grace_seconds", false, 0, max_grace_seconds);
  auto active = in.boolean("is_active", false);
  checked_cron c;
  check_cron(in, text, tz, c);
  in.finish();
  RF_FUZZ_CHECK(!text || c.expr, "schedule update: a given expression did not parse but finish() passed");
  RF_FUZZ_CHECK(!tz || c.zone, "schedule update: a given zone was not found but finish() passed");
  RF_FUZZ_CHECK(!grace || (*grace >= 0 && *grace <= max_grace_seconds), "schedule update: grace out of range");
  if (c.expr && c.zone && active.value_or(true)) (void)c.expr->next_after(fuzz_now, *c.zone);
}

// POST /api/v1/sessions
void read_session_create(const rf::http::request& req) {
  body_reader in(req);
  auto tree_id = in.uuid("tree_id", true);
  std::optional<std::string> label, notes;
  if (!in.is_null("target_label")) label = in.string("target_label", false, {1, domain::max_target_label});
  if (!in.is_null("target_notes")) notes = in.string("target_notes", false, {0, domain::max_target_notes});
  in.finish();
  RF_FUZZ_CHECK(tree_id.has_value(), "session create: tree_id is missing after finish()");
  RF_FUZZ_CHECK(tree_id->size() == 36, "session create: tree_id is not a canonical UUID");
}

// PATCH /api/v1/sessions/{id}
void read_session_progress(const rf::http::request& req) {
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
  auto path_taken = json_field("path_taken", true);
  auto decisions = json_field("decisions", false);
  auto custom_steps = json_field("custom_steps", true);
  auto variables = json_field("session_variables", false);
  auto notes = in.string("notes", false, {0, 20'000});
  in.finish();
  // What is stored must read back: the session page parses these again.
  for (const auto* s : {&path_taken, &decisions, &custom_steps, &variables})
    if (*s) {
      json::error_code ec;
      (void)json::parse(**s, ec);
      RF_FUZZ_CHECK(!ec, "session progress: a serialised field does not parse back");
    }
}

// POST /api/v1/sessions/batch
void read_batch(const rf::http::request& req) {
  body_reader in(req);
  auto tree_id = in.uuid("tree_id", true);
  std::vector<domain::target> targets;
  if (auto* t = in.raw("targets")) {
    add_problems(in, domain::validate_targets(*t, 1, domain::max_targets_per_batch, targets));
  } else {
    in.add({"body", "targets"}, "Field required", "missing");
  }
  in.finish();
  RF_FUZZ_CHECK(tree_id.has_value(), "batch: tree_id is missing after finish()");
  check_targets(targets, domain::max_targets_per_batch);
}

template <class F>
void run(const rf::http::request& req, F&& read) {
  try {
    read(req);
  } catch (const rf::api::error& e) {
    // What the router does with it: the response must serialise, and be a 4xx.
    const auto r = e.to_response();
    RF_FUZZ_CHECK(r.status >= 400 && r.status < 500, "a reader threw a non-4xx api::error");
    json::error_code ec;
    const json::value body = json::parse(r.body, ec);
    RF_FUZZ_CHECK(!ec && body.is_object() && body.get_object().contains("detail"),
                  "an error response is not valid JSON {\"detail\": ...}");
    // A hostile body must not make the answer many times its own size (body_reader
    // keeps at most 50 problems; each names a field and quotes at most an id).
    const json::value& detail = body.get_object().at("detail");
    RF_FUZZ_CHECK(!detail.is_array() || detail.get_array().size() <= 50, "a 422 lists more than 50 problems");
    RF_FUZZ_CHECK(r.body.size() <= 128 * 1024, "an error response is larger than 128 KiB");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rf::http::request req;
  req.method = rf::http::verb::post;
  req.content_type = "application/json";
  req.body.assign(reinterpret_cast<const char*>(data), size);

  // The body is parsed the same way by every handler: when it is not a JSON object
  // without NULs, all of them answer the same 422, so one is enough.
  bool object = true;
  run(req, [&](const rf::http::request& r) {
    object = false;
    body_reader in(r);
    object = true;
  });
  if (!object) return 0;

  run(req, read_register);
  run(req, read_login);
  run(req, read_member_role);
  run(req, read_tree_create);
  for (const char* stored : {"troubleshooting", "procedural", "maintenance"})
    run(req, [&](const rf::http::request& r) { read_tree_update(r, stored); });
  run(req, read_target_list_create);
  run(req, read_target_list_update);
  run(req, read_schedule_create);
  run(req, read_schedule_update);
  run(req, read_session_create);
  run(req, read_session_progress);
  run(req, read_batch);
  return 0;
}
