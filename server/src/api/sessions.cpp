// Sessions, batches, run history and the per-batch CSV report.

#include "api/call.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/launch.hpp"
#include "api/requests.hpp"
#include "common/ids.hpp"
#include "domain/validation.hpp"
#include "store/quotas.hpp"
#include "store/sessions.hpp"
#include "store/trees.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;
using http::verb;

namespace {

// RFC 4180: quote a field when it holds a comma, quote or line break; double the quotes.
// A leading = + - @ TAB or CR is prefixed with ' so spreadsheets do not run it as a
// formula (OWASP's CSV injection rule).
std::string csv_field(std::string_view v) {
  std::string s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    s.push_back('\'');
  s.append(v);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

json::object batch_summary_json(const std::string& batch_id, const std::string& tree_id,
                                const std::vector<domain::target>& targets, const std::vector<std::string>& ids) {
  json::array sessions;
  for (std::size_t i = 0; i < ids.size(); ++i)
    sessions.push_back(
        json::object{{"id", ids[i]}, {"batch_id", batch_id}, {"target_label", targets[i].label}, {"tree_id", tree_id}});
  return {{"batch_id", batch_id}, {"count", static_cast<std::int64_t>(ids.size())}, {"sessions", std::move(sessions)}};
}

http::response create_session(const call& c) {
  const auto in = read_session_create(c.req);
  store::transaction tx(c.sql);
  auto tree = store::get_tree(c.sql, c.team(), in.tree_id);
  if (!tree) not_found("Tree");
  domain::session s;
  s.id = new_uuid();
  s.team_id = c.team();
  s.tree_id = tree->id;
  s.tree_name = tree->name;
  s.user_id = c.who().user.id;
  s.user_name = c.who().user.name;
  s.tree_snapshot = tree->tree_structure;
  s.target_label = in.target_label;
  s.target_notes = in.target_label ? std::optional(in.target_notes.value_or("")) : std::nullopt;
  s.started_at = c.now();
  reserve_sessions(c, 1);
  store::insert_session(c.sql, s);
  tx.commit();
  return http::response::json_text(201, session_json(s, true));
}

http::response list_sessions(const call& c) {
  store::session_filter f;
  f.tree_id = query_uuid(c.req, "tree_id");
  f.batch_id = query_uuid(c.req, "batch_id");
  f.status = query_enum<domain::session_status>(c.req, "status");
  f.page = query_int(c.req, "page", 1, 1'000'000).value_or(1);
  f.size = query_int(c.req, "size", 1, 200).value_or(50);
  auto page = store::list_sessions(c.sql, c.team(), f);
  std::vector<std::string> items;
  for (const auto& s : page.items) items.push_back(session_summary_json(s));
  std::string body = json::serialize(json::object{{"total", page.total}, {"page", f.page}, {"size", f.size}});
  body.pop_back();
  body += ",\"items\":" + json_array_text(items) + "}";
  return http::response::json_text(200, std::move(body));
}

http::response get_session(const call& c) {
  auto s = store::get_session(c.sql, c.team(), c.id("id", "Session"));
  if (!s) not_found("Session");
  return http::response::json_text(200, session_json(*s, true));
}

http::response patch_session(const call& c) {
  const std::string id = c.id("id", "Session");
  const auto in = read_session_progress(c.req);
  const store::progress_patch patch{in.path_taken, in.decisions, in.custom_steps, in.session_variables, in.notes};
  store::transaction tx(c.sql);
  auto r = store::patch_session_progress(c.sql, c.team(), id, patch, c.now(), max_progress_bytes);
  switch (r.code) {
    case store::errc::ok: break;
    case store::errc::not_found: not_found("Session");
    case store::errc::limit:
      unprocessable({"body"},
                    "A session's progress (path_taken, decisions, custom_steps, session_variables and notes "
                    "together) may hold at most 256 KiB",
                    "too_long");
    default: fail(r.code, "This session is completed and can no longer change");
  }
  tx.commit();
  return http::response::json_text(200, session_json(*r.value, true));
}

http::response complete_session(const call& c) {
  const std::string id = c.id("id", "Session");
  store::complete_session(c.sql, c.team(), id, c.now());
  auto s = store::get_session(c.sql, c.team(), id);
  if (!s) not_found("Session");
  return http::response::json_text(200, session_json(*s, true));
}

http::response create_batch(const call& c) {
  auto in = read_batch(c.req);
  auto tree = store::get_tree(c.sql, c.team(), in.tree_id);
  if (!tree) not_found("Tree");
  if (tree->tree_type != domain::tree_type::maintenance)
    bad_request("Batches can only be launched for maintenance flows");
  return launch_batch(c, *tree, std::move(in.targets), std::nullopt);
}

http::response run_history(const call& c) {
  const std::string id = c.id("id", "Tree");
  if (!store::get_tree(c.sql, c.team(), id)) not_found("Tree");
  json::array out;
  for (const auto& e : store::run_history(c.sql, c.team(), id)) out.push_back(history_json(e));
  return http::response::json(200, out);
}

http::response get_batch(const call& c) {
  auto b = store::get_batch(c.sql, c.team(), c.id("id", "Batch"));
  if (!b) not_found("Batch");
  json::object o = history_json(b->summary);
  o["tree_name"] = b->tree_name;
  json::array sessions;
  for (const auto& s : b->sessions)
    sessions.push_back(json::object{{"id", s.id},
                                    {"target_label", s.target_label},
                                    {"target_notes", s.target_notes},
                                    {"status", domain::to_string(s.status)},
                                    {"user_id", s.user_id},
                                    {"user_name", s.user_name},
                                    {"started_at", format_instant(s.started_at)},
                                    {"completed_at", instant_or_null(s.completed_at)}});
  o["sessions"] = std::move(sessions);
  return http::response::json(200, o);
}

http::response batch_report(const call& c) {
  auto b = store::get_batch(c.sql, c.team(), c.id("id", "Batch"));
  if (!b) not_found("Batch");
  std::string csv = "target,notes,status,engineer,started_at,completed_at\r\n";
  for (const auto& s : b->sessions) {
    csv += csv_field(s.target_label) + "," + csv_field(s.target_notes) + "," + std::string(domain::to_string(s.status)) +
           "," + csv_field(s.user_name) + "," + format_instant(s.started_at) + "," +
           (s.completed_at ? format_instant(*s.completed_at) : "") + "\r\n";
  }
  http::response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(csv);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"batch-" + b->summary.id.substr(0, 8) + ".csv\"");
  return r;
}

constexpr route_def routes[] = {
    {verb::post, "/api/v1/sessions", access::write, create_session},
    {verb::get, "/api/v1/sessions", access::read, list_sessions},
    {verb::get, "/api/v1/sessions/{id}", access::read, get_session},
    {verb::patch, "/api/v1/sessions/{id}", access::write, patch_session},
    {verb::post, "/api/v1/sessions/{id}/complete", access::write, complete_session},
    {verb::post, "/api/v1/sessions/batch", access::write, create_batch},
    {verb::get, "/api/v1/trees/{id}/batches", access::read, run_history},
    {verb::get, "/api/v1/batches/{id}", access::read, get_batch},
    {verb::get, "/api/v1/batches/{id}/report.csv", access::read, batch_report},
};

}  // namespace

void reserve_sessions(const call& c, long long n) {
  const auto allowance = store::reserve_sessions(c.sql, c.team(), n, c.now(), c.ctx.quotas);
  if (allowance.ok) return;
  const auto minutes = c.ctx.quotas.session_window_ms / 60'000;
  throw error(429, "Your team has created its limit of " + thousands(c.ctx.quotas.sessions_per_window) +
                       " sessions in " + std::to_string(minutes) + " minutes; try again in " +
                       std::to_string(allowance.retry_after_s) + " s")
      .with_header("Retry-After", std::to_string(allowance.retry_after_s));
}

http::response launch_batch(const call& c, const domain::tree& tree, std::vector<domain::target> targets,
                            std::optional<std::string> schedule_id) {
  if (targets.size() > domain::max_targets_per_batch)
    bad_request("A batch takes at most " + thousands(domain::max_targets_per_batch) + " targets; this one has " +
                thousands(static_cast<long long>(targets.size())));
  store::transaction tx(c.sql);
  reserve_sessions(c, static_cast<long long>(targets.size()));
  store::new_batch b;
  b.team_id = c.team();
  b.tree = tree;
  b.created_by = c.who().user.id;
  b.source = domain::batch_source::manual;
  b.schedule_id = std::move(schedule_id);
  b.targets = std::move(targets);
  auto created = store::insert_batch(c.sql, b, c.now());
  if (!created) fail(created.code, "This batch was already launched");
  tx.commit();
  return http::response::json(201,
                              batch_summary_json(created.value->batch_id, tree.id, b.targets, created.value->session_ids));
}

std::span<const route_def> session_routes() { return routes; }

}  // namespace rf::api
