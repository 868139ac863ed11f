// Maintenance schedules: CRUD, preview, run now. The cron engine computes next_run_at
// here, in the preview and in the scheduler alike: what the UI promises is what happens.

#include "api/call.hpp"
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
void check_list_fits_batch(const call& c, const std::string& list_id) {
  auto l = store::get_target_list(c.sql, c.team(), list_id);
  if (!l) not_found("Target list");
  if (l->targets.size() > domain::max_targets_per_batch)
    bad_request("This target list has " + thousands(static_cast<long long>(l->targets.size())) +
                " targets; a scheduled batch takes at most " + thousands(domain::max_targets_per_batch));
}

http::response preview(const call& c) {
  const auto in = read_preview(c.req);
  const cron::instant from{std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds(c.now()))};
  json::array runs;
  for (auto t : cron::next_runs(in.expr, *in.zone, from, in.count))
    runs.push_back(json::string(
        format_instant(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count())));
  json::array notes;
  for (auto& n : cron::dst_notes(in.expr, *in.zone, from, in.count)) notes.push_back(json::string(n));
  return http::response::json(
      200, json::object{{"description", in.expr.describe()}, {"next_runs", std::move(runs)}, {"notes", std::move(notes)}});
}

http::response create_schedule(const call& c) {
  const auto in = read_schedule(c.req, /*create=*/true);
  const auto& list_id = in.target_list_id;
  // One transaction with the flow's row locked: a type change at the same moment either
  // happens first (and this sees it) or waits for this schedule (and refuses).
  store::transaction tx(c.sql);
  auto tree = store::get_tree_for_update(c.sql, c.team(), *in.tree_id);
  if (!tree) not_found("Tree");
  if (tree->tree_type != domain::tree_type::maintenance) bad_request("Only maintenance flows can have a schedule");
  if (list_id) check_list_fits_batch(c, *list_id);
  const millis now = c.now();
  domain::schedule s;
  s.id = new_uuid();
  s.team_id = c.team();
  s.tree_id = tree->id;
  s.created_by = c.who().user.id;
  s.cron_expression = *in.cron_expression;
  s.timezone = *in.timezone;
  s.target_list_id = list_id;
  s.is_active = in.is_active.value_or(true);
  s.misfire_grace_seconds = in.misfire_grace_seconds.value_or(3600);
  s.next_run_at = s.is_active ? next_run(*in.expr, *in.zone, now) : std::nullopt;
  s.created_at = s.updated_at = now;
  const auto code = store::insert_schedule(c.sql, s);
  if (code == store::errc::not_found) not_found("Target list");
  if (code != store::errc::ok) fail(code, "This flow already has a schedule; edit it instead");
  tx.commit();
  c.ctx.schedules_changed();
  return http::response::json(201, schedule_json(s));
}

http::response list_schedules(const call& c) {
  json::array out;
  for (const auto& s : store::list_schedules(c.sql, c.team())) out.push_back(schedule_json(s));
  return http::response::json(200, out);
}

http::response get_schedule_for_tree(const call& c) {
  auto s = store::get_schedule_for_tree(c.sql, c.team(), c.id("tree_id", "Schedule"));
  if (!s) not_found("Schedule");
  return http::response::json(200, schedule_json(*s));
}

http::response get_schedule(const call& c) {
  auto s = store::get_schedule(c.sql, c.team(), c.id("id", "Schedule"));
  if (!s) not_found("Schedule");
  return http::response::json(200, schedule_json(*s));
}

http::response patch_schedule(const call& c) {
  const std::string id = c.id("id", "Schedule");
  const auto in = read_schedule(c.req, /*create=*/false);
  store::transaction tx(c.sql);
  auto s = store::get_schedule(c.sql, c.team(), id);
  if (!s) not_found("Schedule");
  if (in.target_list_id) check_list_fits_batch(c, *in.target_list_id);
  const bool timing_changed = (in.cron_expression && *in.cron_expression != s->cron_expression) ||
                              (in.timezone && *in.timezone != s->timezone) ||
                              (in.is_active && *in.is_active != s->is_active);
  if (in.cron_expression) s->cron_expression = *in.cron_expression;
  if (in.timezone) s->timezone = *in.timezone;
  if (in.target_list_id) s->target_list_id = in.target_list_id;
  if (in.clear_target_list) s->target_list_id.reset();
  if (in.misfire_grace_seconds) s->misfire_grace_seconds = *in.misfire_grace_seconds;
  if (in.is_active) s->is_active = *in.is_active;
  const millis now = c.now();
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
  const auto code = store::update_schedule(c.sql, *s);
  if (code == store::errc::not_found) not_found("Schedule");
  if (code != store::errc::ok) not_found("Target list");  // deleted meanwhile
  tx.commit();
  c.ctx.schedules_changed();
  return http::response::json(200, schedule_json(*s));
}

http::response delete_schedule(const call& c) {
  if (!store::delete_schedule(c.sql, c.team(), c.id("id", "Schedule"))) not_found("Schedule");
  c.ctx.schedules_changed();
  return http::response::no_content();
}

http::response run_now(const call& c) {
  auto s = store::get_schedule(c.sql, c.team(), c.id("id", "Schedule"));
  if (!s) not_found("Schedule");
  auto tree = store::get_tree(c.sql, c.team(), s->tree_id);
  if (!tree) not_found("Tree");
  if (tree->tree_type != domain::tree_type::maintenance)
    bad_request("Batches can only be launched for maintenance flows");
  std::vector<domain::target> targets{{std::string(domain::unassigned_target), ""}};
  if (s->target_list_id) {
    if (auto l = store::get_target_list(c.sql, c.team(), *s->target_list_id)) targets = l->targets;
  }
  // "Run now" leaves next_run_at alone: the schedule keeps its rhythm.
  return launch_batch(c, *tree, std::move(targets), s->id);
}

constexpr route_def routes[] = {
    {verb::get, "/api/v1/maintenance-schedules/preview", access::read, preview},
    {verb::post, "/api/v1/maintenance-schedules", access::write, create_schedule},
    {verb::get, "/api/v1/maintenance-schedules", access::read, list_schedules},
    {verb::get, "/api/v1/maintenance-schedules/tree/{tree_id}", access::read, get_schedule_for_tree},
    {verb::get, "/api/v1/maintenance-schedules/{id}", access::read, get_schedule},
    {verb::patch, "/api/v1/maintenance-schedules/{id}", access::write, patch_schedule},
    {verb::del, "/api/v1/maintenance-schedules/{id}", access::write, delete_schedule},
    {verb::post, "/api/v1/maintenance-schedules/{id}/run", access::write, run_now},
};

}  // namespace

std::span<const route_def> schedule_routes() { return routes; }

}  // namespace rf::api
