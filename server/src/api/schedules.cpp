// Maintenance schedules: CRUD, preview, run now. The cron engine computes next_run_at
// here, in the preview and in the scheduler alike: what the UI promises is what happens.

#include "api/context.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/requests.hpp"
#include "api/launch.hpp"
#include "common/ids.hpp"
#include "cron/cron.hpp"
#include "domain/validation.hpp"
#include "store/schedules.hpp"
#include "store/target_lists.hpp"
#include "store/trees.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;
using http::verb;

namespace {

std::optional<millis> next_run(const cron::expression& e, const date::time_zone& tz, millis after_ms) {
  const cron::instant after{std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds(after_ms))};
  auto next = e.next_after(after, tz);
  if (!next) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(next->time_since_epoch()).count();
}

json::object schedule_json(const domain::schedule& s) {
  std::string description;
  auto parsed = cron::expression::parse(s.cron_expression);
  if (auto* e = std::get_if<cron::expression>(&parsed)) description = e->describe();
  return {{"id", s.id},
          {"tree_id", s.tree_id},
          {"created_by", s.created_by},
          {"cron_expression", s.cron_expression},
          {"timezone", s.timezone},
          {"target_list_id", string_or_null(s.target_list_id)},
          {"is_active", s.is_active},
          {"misfire_grace_seconds", s.misfire_grace_seconds},
          {"next_run_at", instant_or_null(s.next_run_at)},
          {"last_run_at", instant_or_null(s.last_run_at)},
          {"last_batch_id", string_or_null(s.last_batch_id)},
          {"description", description},
          {"created_at", format_instant(s.created_at)},
          {"updated_at", format_instant(s.updated_at)}};
}

// A schedule launches its whole list as one batch: a list larger than a batch may be
// cannot be scheduled (404 when the list is missing or another team's).
void check_list_fits_batch(store::lease& sql, const principal& who, const std::string& list_id) {
  auto l = store::get_target_list(sql, who.team(), list_id);
  if (!l) not_found("Target list not found");
  if (l->targets.size() > domain::max_targets_per_batch)
    bad_request("This target list has " + thousands(static_cast<long long>(l->targets.size())) +
                " targets; a scheduled batch takes at most " + thousands(domain::max_targets_per_batch));
}

}  // namespace

void add_schedule_routes(http::router& r, context& ctx) {
  r.add(verb::get, "/api/v1/maintenance-schedules/preview",
        authed(ctx, access::read,
               [&ctx](const http::request& req, const http::path_params&, const principal&, store::lease&) {
                 const auto c = read_preview(req);
                 const auto count = c.count;
                 const cron::instant from{
                     std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds(ctx.clock.now_ms()))};
                 json::array runs;
                 for (auto t : cron::next_runs(c.expr, *c.zone, from, count))
                   runs.push_back(json::string(format_instant(
                       std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count())));
                 json::array notes;
                 for (auto& n : cron::dst_notes(c.expr, *c.zone, from, count)) notes.push_back(json::string(n));
                 return http::response::json(200, json::object{{"description", c.expr.describe()},
                                                               {"next_runs", std::move(runs)},
                                                               {"notes", std::move(notes)}});
               }));

  r.add(verb::post, "/api/v1/maintenance-schedules",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 const auto in = read_schedule(req, /*create=*/true);
                 const auto& list_id = in.target_list_id;
                 // One transaction with the flow's row locked: a type change at the same moment
                 // either happens first (and this sees it) or waits for this schedule (and refuses).
                 store::transaction tx(sql);
                 auto tree = store::get_tree_for_update(sql, who.team(), *in.tree_id);
                 if (!tree) not_found("Tree not found");
                 if (tree->tree_type != "maintenance") bad_request("Only maintenance flows can have a schedule");
                 if (list_id) check_list_fits_batch(sql, who, *list_id);
                 const millis now = ctx.clock.now_ms();
                 domain::schedule s;
                 s.id = new_uuid();
                 s.team_id = who.team();
                 s.tree_id = tree->id;
                 s.created_by = who.user.id;
                 s.cron_expression = *in.cron_expression;
                 s.timezone = *in.timezone;
                 s.target_list_id = list_id;
                 s.is_active = in.is_active.value_or(true);
                 s.misfire_grace_seconds = in.misfire_grace_seconds.value_or(3600);
                 s.next_run_at = s.is_active ? next_run(*in.expr, *in.zone, now) : std::nullopt;
                 s.created_at = s.updated_at = now;
                 switch (store::insert_schedule(sql, s)) {
                   case store::errc::duplicate: conflict("This flow already has a schedule; edit it instead");
                   case store::errc::not_found: not_found("Target list not found");
                   default: break;
                 }
                 tx.commit();
                 ctx.schedules_changed();
                 return http::response::json(201, schedule_json(s));
               }));

  r.add(verb::get, "/api/v1/maintenance-schedules",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params&, const principal& who, store::lease& sql) {
                 json::array out;
                 for (const auto& s : store::list_schedules(sql, who.team())) out.push_back(schedule_json(s));
                 return http::response::json(200, out);
               }));

  r.add(verb::get, "/api/v1/maintenance-schedules/tree/{tree_id}",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto s = store::get_schedule_for_tree(sql, who.team(), path_uuid(p[0], "Schedule"));
                 if (!s) not_found("Schedule not found");
                 return http::response::json(200, schedule_json(*s));
               }));

  r.add(verb::get, "/api/v1/maintenance-schedules/{id}",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto s = store::get_schedule(sql, who.team(), path_uuid(p[0], "Schedule"));
                 if (!s) not_found("Schedule not found");
                 return http::response::json(200, schedule_json(*s));
               }));

  r.add(verb::patch, "/api/v1/maintenance-schedules/{id}",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string id = path_uuid(p[0], "Schedule");
                 const auto in = read_schedule(req, /*create=*/false);
                 const auto& text = in.cron_expression;
                 const auto& tz = in.timezone;
                 const auto& list_id = in.target_list_id;
                 const auto& active = in.is_active;
                 auto s = store::get_schedule(sql, who.team(), id);
                 if (!s) not_found("Schedule not found");
                 if (list_id) check_list_fits_batch(sql, who, *list_id);
                 const bool timing_changed = (text && *text != s->cron_expression) || (tz && *tz != s->timezone) ||
                                             (active && *active != s->is_active);
                 if (text) s->cron_expression = *text;
                 if (tz) s->timezone = *tz;
                 if (list_id) s->target_list_id = list_id;
                 if (in.clear_target_list) s->target_list_id.reset();
                 if (in.misfire_grace_seconds) s->misfire_grace_seconds = *in.misfire_grace_seconds;
                 if (active) s->is_active = *active;
                 const millis now = ctx.clock.now_ms();
                 if (timing_changed || (s->is_active && !s->next_run_at)) {
                   // Resuming or re-timing starts from now: no burst of runs missed while paused.
                   auto parsed = cron::expression::parse(s->cron_expression);
                   const date::time_zone* zone = cron::find_zone(s->timezone);
                   auto* expr = std::get_if<cron::expression>(&parsed);
                   if (!expr || !zone)
                     unprocessable({"body", "timezone"},
                                   "The stored schedule no longer evaluates ('" + s->timezone +
                                       "'); set cron_expression and timezone again",
                                   "value_error");
                   s->next_run_at = s->is_active ? next_run(*expr, *zone, now) : std::nullopt;
                 }
                 s->updated_at = now;
                 switch (store::update_schedule(sql, *s)) {
                   case store::errc::not_found: not_found("Schedule not found");
                   case store::errc::in_use: not_found("Target list not found");
                   default: break;
                 }
                 ctx.schedules_changed();
                 return http::response::json(200, schedule_json(*s));
               }));

  r.add(verb::del, "/api/v1/maintenance-schedules/{id}",
        authed(ctx, access::write,
               [&ctx](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 if (!store::delete_schedule(sql, who.team(), path_uuid(p[0], "Schedule")))
                   not_found("Schedule not found");
                 ctx.schedules_changed();
                 return http::response::no_content();
               }));

  r.add(verb::post, "/api/v1/maintenance-schedules/{id}/run",
        authed(ctx, access::write,
               [&ctx](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto s = store::get_schedule(sql, who.team(), path_uuid(p[0], "Schedule"));
                 if (!s) not_found("Schedule not found");
                 auto tree = store::get_tree(sql, who.team(), s->tree_id);
                 if (!tree) not_found("Tree not found");
                 if (tree->tree_type != "maintenance")
                   bad_request("Batches can only be launched for maintenance flows");
                 std::vector<domain::target> targets{{"Unassigned", ""}};
                 if (s->target_list_id) {
                   if (auto l = store::get_target_list(sql, who.team(), *s->target_list_id)) targets = l->targets;
                 }
                 // "Run now" leaves next_run_at alone: the schedule keeps its rhythm.
                 return launch_batch(ctx, sql, who, *tree, std::move(targets), s->id, ctx.clock.now_ms());
               }));
}

}  // namespace rf::api
