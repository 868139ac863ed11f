// Sessions, batches, run history and the per-batch CSV report.

#include "api/context.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/requests.hpp"
#include "api/launch.hpp"
#include "common/ids.hpp"
#include "domain/validation.hpp"
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
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
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

}  // namespace

http::response launch_batch(context& ctx, store::lease& sql, const principal& who, const domain::tree& tree,
                            std::vector<domain::target> targets, std::optional<std::string> schedule_id, millis now) {
  if (targets.size() > domain::max_targets_per_batch)
    bad_request("A batch takes at most " + thousands(domain::max_targets_per_batch) + " targets; this one has " +
                thousands(static_cast<long long>(targets.size())));
  store::transaction tx(sql);
  reserve_sessions(ctx, sql, who, static_cast<long long>(targets.size()));
  store::new_batch b;
  b.team_id = who.team();
  b.tree = tree;
  b.created_by = who.user.id;
  b.source = domain::batch_source::manual;
  b.schedule_id = std::move(schedule_id);
  b.targets = std::move(targets);
  auto created = store::create_batch(sql, b, now);
  if (!created) conflict("This batch was already launched");
  tx.commit();
  return http::response::json(
      201, batch_summary_json(created.value->batch_id, tree.id, b.targets, created.value->session_ids));
}

void add_session_routes(http::router& r, context& ctx) {
  r.add(verb::post, "/api/v1/sessions",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 const auto in = read_session_create(req);
                 auto tree = store::get_tree(sql, who.team(), in.tree_id);
                 if (!tree) not_found("Tree not found");
                 domain::session s;
                 s.id = new_uuid();
                 s.team_id = who.team();
                 s.tree_id = tree->id;
                 s.tree_name = tree->name;
                 s.user_id = who.user.id;
                 s.user_name = who.user.name;
                 s.tree_snapshot = tree->tree_structure;
                 s.target_label = in.target_label;
                 s.target_notes = in.target_label ? std::optional(in.target_notes.value_or("")) : std::nullopt;
                 s.started_at = ctx.clock.now_ms();
                 store::transaction tx(sql);
                 reserve_sessions(ctx, sql, who, 1);
                 store::insert_session(sql, s);
                 tx.commit();
                 return http::response::json_text(201, session_json(s, true));
               }));

  r.add(
      verb::get, "/api/v1/sessions",
      authed(
          ctx, access::read,
          [](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
            store::session_filter f;
            f.tree_id = query_uuid(req, "tree_id");
            f.batch_id = query_uuid(req, "batch_id");
            if (auto* s = req.query_param("status"); s && !s->empty()) {
              f.status = domain::parse_session_status(*s);
              if (!f.status)
                unprocessable({"query", "status"}, "Input should be 'not_started', 'in_progress' or 'completed'",
                              "enum");
            }
            f.page = query_int(req, "page", 1, 1'000'000).value_or(1);
            f.size = query_int(req, "size", 1, 200).value_or(50);
            auto page = store::list_sessions(sql, who.team(), f);
            std::vector<std::string> items;
            for (const auto& s : page.items) items.push_back(session_summary_json(s));
            std::string body = json::serialize(json::object{{"total", page.total}, {"page", f.page}, {"size", f.size}});
            body.pop_back();
            body += ",\"items\":" + json_array_text(items) + "}";
            return http::response::json_text(200, std::move(body));
          }));

  r.add(verb::get, "/api/v1/sessions/{id}",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto s = store::get_session(sql, who.team(), path_uuid(p[0], "Session"));
                 if (!s) not_found("Session not found");
                 return http::response::json_text(200, session_json(*s, true));
               }));

  r.add(verb::patch, "/api/v1/sessions/{id}",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string id = path_uuid(p[0], "Session");
                 const auto in = read_session_progress(req);
                 const store::progress_patch patch{in.path_taken, in.decisions, in.custom_steps,
                                                   in.session_variables, in.notes};
                 auto r = store::patch_session_progress(sql, who.team(), id, patch, ctx.clock.now_ms(),
                                                        max_progress_bytes);
                 switch (r.code) {
                   case store::errc::not_found: not_found("Session not found");
                   case store::errc::refused: bad_request("This session is completed and can no longer change");
                   case store::errc::limit:
                     unprocessable({"body"},
                                   "A session's progress (path_taken, decisions, custom_steps, session_variables and "
                                   "notes together) may hold at most 256 KiB",
                                   "too_long");
                   default: break;
                 }
                 return http::response::json_text(200, session_json(*r.value, true));
               }));

  r.add(verb::post, "/api/v1/sessions/{id}/complete",
        authed(ctx, access::write,
               [&ctx](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string id = path_uuid(p[0], "Session");
                 store::complete_session(sql, who.team(), id, ctx.clock.now_ms());
                 auto s = store::get_session(sql, who.team(), id);
                 if (!s) not_found("Session not found");
                 return http::response::json_text(200, session_json(*s, true));
               }));

  r.add(verb::post, "/api/v1/sessions/batch",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 auto in = read_batch(req);
                 auto tree = store::get_tree(sql, who.team(), in.tree_id);
                 if (!tree) not_found("Tree not found");
                 if (tree->tree_type != "maintenance")
                   bad_request("Batches can only be launched for maintenance flows");
                 return launch_batch(ctx, sql, who, *tree, std::move(in.targets), std::nullopt, ctx.clock.now_ms());
               }));

  r.add(verb::get, "/api/v1/trees/{id}/batches",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string id = path_uuid(p[0], "Tree");
                 if (!store::get_tree(sql, who.team(), id)) not_found("Tree not found");
                 json::array out;
                 for (const auto& e : store::run_history(sql, who.team(), id)) out.push_back(history_json(e));
                 return http::response::json(200, out);
               }));

  r.add(verb::get, "/api/v1/batches/{id}",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto b = store::get_batch(sql, who.team(), path_uuid(p[0], "Batch"));
                 if (!b) not_found("Batch not found");
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
               }));

  r.add(verb::get, "/api/v1/batches/{id}/report.csv",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto b = store::get_batch(sql, who.team(), path_uuid(p[0], "Batch"));
                 if (!b) not_found("Batch not found");
                 std::string csv = "target,notes,status,engineer,started_at,completed_at\r\n";
                 for (const auto& s : b->sessions) {
                   csv += csv_field(s.target_label) + "," + csv_field(s.target_notes) + "," +
                          std::string(domain::to_string(s.status)) + "," + csv_field(s.user_name) + "," +
                          format_instant(s.started_at) + "," + (s.completed_at ? format_instant(*s.completed_at) : "") +
                          "\r\n";
                 }
                 http::response r;
                 r.content_type = "text/csv; charset=utf-8";
                 r.body = std::move(csv);
                 r.headers.emplace_back("Content-Disposition",
                                        "attachment; filename=\"batch-" + b->summary.id.substr(0, 8) + ".csv\"");
                 return r;
               }));
}

}  // namespace rf::api
