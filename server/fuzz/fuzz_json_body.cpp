// Fuzzes the JSON request decoding of every write endpoint: arbitrary bytes as a request
// body, decoded by the very functions the handlers call (server/src/api/requests.hpp:
// accounts, member roles, flows, target lists, schedules, sessions, batches), domain
// validation included.
//
// Expected outcome: a value, or rf::api::error (a 4xx whose response is valid JSON with
// at most 50 problems and 128 KiB).
// A bug: any other exception, a crash, a sanitizer report, or a returned value that
// breaks the readers' contract (requests.hpp: required fields present, strings within
// their bounds, JSON that reads back) — handlers rely on it without checking again.

#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/requests.hpp"
#include "cron/cron.hpp"
#include "domain/models.hpp"
#include "domain/validation.hpp"
#include "fuzz_support.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <string>

namespace json = boost::json;
using rf::api::body_reader;
namespace api = rf::api;
namespace domain = rf::domain;

namespace {

// 2026-03-07T12:00:00Z: "now" for next_run_at, the day before New York springs forward.
const rf::cron::instant fuzz_now{std::chrono::seconds{1'772'884'800}};

// A returned string must satisfy what the reader promised: no NUL, valid length in code points.
void check_text(const std::optional<std::string>& s, std::size_t min, std::size_t max) {
  if (!s) return;
  RF_FUZZ_CHECK(!rf::fuzz::has_nul(*s), "a reader returned a string with a NUL");
  const std::size_t n = rf::api::utf8_length(*s);
  RF_FUZZ_CHECK(n >= min && n <= max, "a reader returned a string outside its length bounds");
}

void check_targets(const std::vector<domain::target>& targets, std::size_t max) {
  RF_FUZZ_CHECK(!targets.empty() && targets.size() <= max, "targets: count outside 1..max");
  for (const auto& t : targets) {
    check_text(t.label, 1, domain::max_target_label);
    check_text(t.notes, 0, domain::max_target_notes);
  }
}

void read_register(const rf::http::request& req) {
  const auto r = api::read_register(req);
  check_text(r.email, 3, 254);
  check_text(r.password, 8, 128);
  check_text(r.name, 1, 255);
  RF_FUZZ_CHECK(r.team_name.has_value() != r.invite_code.has_value(), "register: not exactly one of team or invite");
  check_text(r.team_name, 1, 255);
  check_text(r.invite_code, 1, 64);
}

void read_login(const rf::http::request& req) {
  const auto r = api::read_login(req);
  check_text(r.email, 1, 254);
  check_text(r.password, 1, 128);
}

void read_member_role(const rf::http::request& req) { (void)api::read_member_role(req); }

void read_tree_create(const rf::http::request& req) {
  const auto t = api::read_tree_create(req);
  check_text(t.name, 1, domain::max_name);
  check_text(t.description, 0, domain::max_description);
  RF_FUZZ_CHECK(domain::validate_tree_structure(t.tree_type, t.structure).empty(),
                "tree create: an invalid structure passed");
  json::error_code ec;
  (void)json::parse(json::serialize(t.structure), ec);
  RF_FUZZ_CHECK(!ec, "tree create: the stored structure does not read back");
}

// PUT /api/v1/trees/{id}: `stored_type` stands in for the flow's type when the body does
// not change it; the stored structure is a minimal valid one of that type.
void read_tree_update(const rf::http::request& req, std::string_view stored_type) {
  const auto u = api::read_tree_update(req);
  check_text(u.name, 1, domain::max_name);
  check_text(u.description, 0, domain::max_description);
  const auto type = u.tree_type.value_or(*domain::parse<domain::tree_type>(stored_type));
  const json::value current =
      json::parse(type == domain::tree_type::troubleshooting ? R"({"root":"s","nodes":[{"id":"s","type":"solution","title":"Done"}]})"
                                            : R"({"steps":[{"id":"a","type":"procedure_step","title":"A"}]})");
  if (u.structure || u.tree_type) {
    const json::value stored = api::checked_structure(u, type, current);
    RF_FUZZ_CHECK(domain::validate_tree_structure(type, stored).empty(), "tree update: an invalid structure passed");
  }
}

void read_target_list_create(const rf::http::request& req) {
  const auto l = api::read_target_list(req, true);
  RF_FUZZ_CHECK(l.name && l.targets, "target list create: a required field is missing");
  check_text(l.name, 1, domain::max_name);
  check_text(l.description, 0, domain::max_description);
  check_targets(*l.targets, domain::max_targets_per_list);
}

void read_target_list_update(const rf::http::request& req) {
  const auto l = api::read_target_list(req, false);
  check_text(l.name, 1, domain::max_name);
  check_text(l.description, 0, domain::max_description);
  if (l.targets) check_targets(*l.targets, domain::max_targets_per_list);
}

void check_schedule(const api::schedule_fields& f) {
  RF_FUZZ_CHECK(!f.cron_expression || f.expr, "schedule: a given expression did not parse but passed");
  RF_FUZZ_CHECK(!f.timezone || f.zone, "schedule: a given zone was not found but passed");
  RF_FUZZ_CHECK(
      !f.misfire_grace_seconds || (*f.misfire_grace_seconds >= 0 && *f.misfire_grace_seconds <= 7 * 24 * 3600),
      "schedule: grace out of range");
  RF_FUZZ_CHECK(!(f.clear_target_list && f.target_list_id), "schedule: list both cleared and set");
  if (f.expr && f.zone) (void)f.expr->next_after(fuzz_now, *f.zone);
}

void read_schedule_create(const rf::http::request& req) {
  const auto f = api::read_schedule(req, true);
  RF_FUZZ_CHECK(f.tree_id && f.cron_expression && f.timezone && f.expr && f.zone,
                "schedule create: a required field is missing");
  check_schedule(f);
}

void read_schedule_update(const rf::http::request& req) { check_schedule(api::read_schedule(req, false)); }

void read_session_create(const rf::http::request& req) {
  const auto s = api::read_session_create(req);
  RF_FUZZ_CHECK(s.tree_id.size() == 36, "session create: tree_id is not a canonical UUID");
  check_text(s.target_label, 1, domain::max_target_label);
  check_text(s.target_notes, 0, domain::max_target_notes);
}

void read_session_progress(const rf::http::request& req) {
  const auto p = api::read_session_progress(req);
  check_text(p.notes, 0, 20'000);
  // What is stored must read back: the session page parses these again.
  for (const auto* s : {&p.path_taken, &p.decisions, &p.custom_steps, &p.session_variables})
    if (*s) {
      json::error_code ec;
      (void)json::parse(**s, ec);
      RF_FUZZ_CHECK(!ec, "session progress: a serialised field does not parse back");
    }
}

void read_batch(const rf::http::request& req) {
  const auto b = api::read_batch(req);
  RF_FUZZ_CHECK(b.tree_id.size() == 36, "batch: tree_id is not a canonical UUID");
  check_targets(b.targets, domain::max_targets_per_batch);
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
