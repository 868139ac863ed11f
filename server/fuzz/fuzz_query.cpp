// Fuzzes the request target: rf::http::parse_target (path + query string, Boost.URL),
// then what the server does with the result — the route table match, path ids
// (api::path_uuid), and the query readers of the list endpoints and of the schedule
// preview (query_uuid, query_int, status and tree_type filters, cron_expression +
// timezone + count through the cron engine).
//
// The route patterns below are the server's (server/src/api/*.cpp); keep them in step.
//
// Contracts checked: an accepted target is origin-form (starts with '/'), its decoded
// path starts with '/', and the path and every query key and value are UTF-8 without NUL
// (rf::valid_utf8 agrees with a reference validator on the raw bytes; fold_case, used
// for searches, keeps valid text valid, keeps its length in code points, and is
// idempotent); captured path segments are non-empty and hold no
// '/'; readers either return or throw rf::api::error with a serialisable 4xx response;
// query_int stays within its bounds.
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/requests.hpp"
#include "common/text.hpp"
#include "cron/cron.hpp"
#include "domain/models.hpp"
#include "domain/validation.hpp"
#include "fuzz_support.hpp"
#include "http/router.hpp"
#include "http/target.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <string>

namespace json = boost::json;
using rf::http::verb;

namespace {

const rf::http::router& routes() {
  static const rf::http::router r = [] {
    rf::http::router t;
    const rf::http::handler none = [](const rf::http::request&, const rf::http::path_params&) {
      return rf::http::response{};
    };
    const std::pair<verb, const char*> table[] = {
        {verb::post, "/api/v1/auth/register"},
        {verb::post, "/api/v1/auth/login"},
        {verb::get, "/api/v1/auth/me"},
        {verb::post, "/api/v1/auth/logout"},
        {verb::get, "/api/v1/teams/me"},
        {verb::post, "/api/v1/teams/invites"},
        {verb::patch, "/api/v1/teams/members/{user_id}"},
        {verb::get, "/api/v1/maintenance-schedules/preview"},
        {verb::post, "/api/v1/maintenance-schedules"},
        {verb::get, "/api/v1/maintenance-schedules"},
        {verb::get, "/api/v1/maintenance-schedules/tree/{tree_id}"},
        {verb::get, "/api/v1/maintenance-schedules/{id}"},
        {verb::patch, "/api/v1/maintenance-schedules/{id}"},
        {verb::del, "/api/v1/maintenance-schedules/{id}"},
        {verb::post, "/api/v1/maintenance-schedules/{id}/run"},
        {verb::post, "/api/v1/sessions"},
        {verb::get, "/api/v1/sessions"},
        {verb::get, "/api/v1/sessions/{id}"},
        {verb::patch, "/api/v1/sessions/{id}"},
        {verb::post, "/api/v1/sessions/{id}/complete"},
        {verb::post, "/api/v1/sessions/batch"},
        {verb::get, "/api/v1/trees/{id}/batches"},
        {verb::get, "/api/v1/batches/{id}"},
        {verb::get, "/api/v1/batches/{id}/report.csv"},
        {verb::get, "/api/v1/target-lists"},
        {verb::post, "/api/v1/target-lists"},
        {verb::get, "/api/v1/target-lists/{id}"},
        {verb::put, "/api/v1/target-lists/{id}"},
        {verb::del, "/api/v1/target-lists/{id}"},
        {verb::get, "/api/v1/trees"},
        {verb::get, "/api/v1/trees/counts"},
        {verb::post, "/api/v1/trees"},
        {verb::get, "/api/v1/trees/{id}"},
        {verb::put, "/api/v1/trees/{id}"},
        {verb::del, "/api/v1/trees/{id}"},
        {verb::get, "/api/v1/health"},
    };
    for (const auto& [method, pattern] : table) t.add(method, pattern, none);
    return t;
  }();
  return r;
}

// 2026-03-07T12:00:00Z stands in for the injected clock's "now".
const rf::cron::instant fuzz_now{std::chrono::seconds{1772884800}};

void check_error(const rf::api::error& e) {
  const auto r = e.to_response();
  RF_FUZZ_CHECK(r.status >= 400 && r.status < 500, "a reader threw a non-4xx api::error");
  json::error_code ec;
  const json::value body = json::parse(r.body, ec);
  RF_FUZZ_CHECK(!ec && body.is_object() && body.get_object().contains("detail"),
                "an error response is not valid JSON {\"detail\": ...}");
}

template <class F>
void run(F&& f) {
  try {
    f();
  } catch (const rf::api::error& e) {
    check_error(e);
  }
}

// GET /api/v1/maintenance-schedules/preview, up to the response: the handler's own decoder.
void preview(const rf::http::request& req) {
  const auto p = rf::api::read_preview(req);
  RF_FUZZ_CHECK(p.count >= 1 && p.count <= 50, "preview: count outside its bounds");
  RF_FUZZ_CHECK(p.zone != nullptr, "preview: no zone after decoding");
  json::array runs;
  for (auto t : rf::cron::next_runs(p.expr, *p.zone, fuzz_now, p.count))
    runs.push_back(json::string(rf::cron::format_utc(t)));
  json::array notes;
  for (auto& n : rf::cron::dst_notes(p.expr, *p.zone, fuzz_now, p.count)) notes.push_back(json::string(n));
  (void)json::serialize(
      json::object{{"description", p.expr.describe()}, {"next_runs", std::move(runs)}, {"notes", std::move(notes)}});
}

void check_text_helpers(std::string_view bytes) {
  const bool valid = rf::valid_utf8(bytes);
  RF_FUZZ_CHECK(valid == rf::fuzz::well_formed_utf8(bytes), "valid_utf8() disagrees with Table 3-7 of Unicode");
  if (!valid) return;
  const std::string folded = rf::fold_case(bytes);
  RF_FUZZ_CHECK(rf::fuzz::well_formed_utf8(folded), "fold_case() made valid UTF-8 invalid");
  RF_FUZZ_CHECK(rf::api::utf8_length(folded) == rf::api::utf8_length(bytes), "fold_case() changed the length");
  RF_FUZZ_CHECK(rf::fold_case(folded) == folded, "fold_case() is not idempotent");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  check_text_helpers(target);
  rf::http::request req;
  if (!rf::http::parse_target(target, req)) return 0;

  RF_FUZZ_CHECK(!target.empty() && target[0] == '/', "parse_target accepted a target that is not origin-form");
  RF_FUZZ_CHECK(!req.path.empty() && req.path[0] == '/', "the decoded path does not start with '/'");
  RF_FUZZ_CHECK(!rf::fuzz::has_nul(req.path) && rf::fuzz::well_formed_utf8(req.path),
                "the decoded path holds a NUL or is not UTF-8");
  for (const auto& [key, value] : req.query) {
    RF_FUZZ_CHECK(!rf::fuzz::has_nul(key) && rf::fuzz::well_formed_utf8(key) && !rf::fuzz::has_nul(value) &&
                      rf::fuzz::well_formed_utf8(value),
                  "a decoded query key or value holds a NUL or is not UTF-8");
    check_text_helpers(value);
  }

  for (verb method : {verb::get, verb::post, verb::head}) {
    const auto m = routes().match(method, req.path);
    if (!m.found) continue;
    std::size_t captures = 0;
    for (char c : m.found->pattern) captures += c == '{';
    RF_FUZZ_CHECK(m.params.size() == captures, "a route matched with the wrong number of captures");
    for (const auto& p : m.params) {
      RF_FUZZ_CHECK(!p.empty() && p.find('/') == std::string::npos, "a captured path segment is empty or holds '/'");
      run([&] { (void)rf::api::path_uuid(p, "Thing"); });
    }
  }

  // GET /api/v1/sessions
  run([&] { (void)rf::api::query_uuid(req, "tree_id"); });
  run([&] { (void)rf::api::query_uuid(req, "batch_id"); });
  run([&] { (void)rf::api::query_enum<rf::domain::session_status>(req, "status"); });
  run([&] {
    const auto page = rf::api::query_int(req, "page", 1, 1'000'000);
    RF_FUZZ_CHECK(!page || (*page >= 1 && *page <= 1'000'000), "query_int returned a value outside its bounds");
  });
  run([&] {
    const auto page_size = rf::api::query_int(req, "size", 1, 200);
    RF_FUZZ_CHECK(!page_size || (*page_size >= 1 && *page_size <= 200),
                  "query_int returned a value outside its bounds");
  });
  // GET /api/v1/trees
  if (auto* t = req.query_param("tree_type")) (void)rf::domain::parse<rf::domain::tree_type>(*t);
  run([&] {
    if (auto* q = req.query_param("q"); q && !q->empty()) {
      if (rf::api::utf8_length(*q) > 255)
        rf::api::unprocessable({"query", "q"}, "String should have at most 255 characters", "string_too_long");
      (void)rf::fold_case(*q);
    }
  });
  // GET /api/v1/maintenance-schedules/preview
  if (req.query_param("cron_expression")) run([&] { preview(req); });
  return 0;
}
