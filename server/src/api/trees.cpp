// Flows: CRUD, type-specific structure validation, filters and counts.

#include "api/context.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/requests.hpp"
#include "common/ids.hpp"
#include "domain/validation.hpp"
#include "store/quotas.hpp"
#include "store/schedules.hpp"
#include "store/trees.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;
using http::verb;

void add_tree_routes(http::router& r, context& ctx) {
  r.add(verb::get, "/api/v1/trees",
        authed(ctx, access::read,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 store::tree_filter f;
                 if (auto* t = req.query_param("tree_type"); t && !t->empty()) {
                   if (!domain::is_tree_type(*t))
                     unprocessable({"query", "tree_type"},
                                   "Input should be 'troubleshooting', 'procedural' or 'maintenance'", "enum");
                   f.tree_type = *t;
                 }
                 if (auto* q = req.query_param("q"); q && !q->empty()) {
                   if (utf8_length(*q) > 255)
                     unprocessable({"query", "q"}, "String should have at most 255 characters", "string_too_long");
                   f.q = *q;
                 }
                 const auto paging = read_page(req);
                 f.limit = paging.limit;
                 f.offset = paging.offset;
                 // Read the version first: a change racing with this request then at worst makes the
                 // cached body one version old under an old version number, never the reverse.
                 const long long version = store::trees_version(sql, who.team());
                 const std::string key = who.team() + '\n' + f.tree_type.value_or("") + '\n' + f.q.value_or("") +
                                         '\n' + std::to_string(f.limit) + '\n' + std::to_string(f.offset);
                 auto page = ctx.tree_lists->find(key, version);
                 if (!page) {
                   auto found = store::list_trees(sql, who.team(), f);
                   std::vector<std::string> out;
                   out.reserve(found.items.size());
                   for (const auto& t : found.items) out.push_back(tree_summary_json(t));
                   page = list_cache::page{json_array_text(out), found.total};
                   ctx.tree_lists->put(key, version, *page);
                 }
                 return paged_response(std::move(page->body), page->total);
               }));

  r.add(verb::get, "/api/v1/trees/counts",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params&, const principal& who, store::lease& sql) {
                 const auto c = store::count_trees(sql, who.team());
                 return http::response::json(200, json::object{{"total", c.total},
                                                               {"troubleshooting", c.troubleshooting},
                                                               {"procedural", c.procedural},
                                                               {"maintenance", c.maintenance}});
               }));

  r.add(verb::post, "/api/v1/trees",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 const auto in = read_tree_create(req);
                 const millis now = ctx.clock.now_ms();
                 domain::tree t{new_uuid(),
                                who.team(),
                                who.user.id,
                                in.name,
                                in.description,
                                in.tree_type,
                                json::serialize(in.structure),
                                now,
                                now,
                                domain::count_steps(in.tree_type, in.structure)};
                 store::transaction tx(sql);
                 store::lock_team(sql, who.team());
                 if (store::count_flows(sql, who.team()) >= ctx.quotas.flows) over_limit(ctx.quotas.flows, "flows");
                 store::insert_tree(sql, t);
                 tx.commit();
                 return http::response::json_text(201, tree_json(t));
               }));

  r.add(verb::get, "/api/v1/trees/{id}",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto t = store::get_tree(sql, who.team(), path_uuid(p[0], "Tree"));
                 if (!t) not_found("Tree not found");
                 return http::response::json_text(200, tree_json(*t));
               }));

  r.add(verb::put, "/api/v1/trees/{id}",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string id = path_uuid(p[0], "Tree");
                 const auto in = read_tree_update(req);
                 // One transaction with the flow's row locked: a schedule created at the same
                 // moment either exists when the type check runs or sees the new type.
                 store::transaction tx(sql);
                 auto t = store::get_tree_for_update(sql, who.team(), id);
                 if (!t) not_found("Tree not found");
                 if (in.name) t->name = *in.name;
                 if (in.description) t->description = *in.description;
                 if (in.tree_type && *in.tree_type != t->tree_type && t->tree_type == "maintenance" &&
                     store::get_schedule_for_tree(sql, who.team(), id))
                   bad_request("This flow has a maintenance schedule; delete the schedule before changing its type");
                 if (in.tree_type) t->tree_type = *in.tree_type;
                 if (in.structure || in.tree_type) {
                   // The structure must fit the resulting type, whichever of the two changed.
                   const auto structure =
                       checked_structure(in, t->tree_type, domain::parse_stored_json(t->tree_structure));
                   t->tree_structure = json::serialize(structure);
                   t->step_count = domain::count_steps(t->tree_type, structure);
                 }
                 t->updated_at = ctx.clock.now_ms();
                 if (!store::update_tree(sql, *t)) not_found("Tree not found");
                 tx.commit();
                 return http::response::json_text(200, tree_json(*t));
               }));

  r.add(verb::del, "/api/v1/trees/{id}",
        authed(ctx, access::write,
               [&ctx](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 if (!store::delete_tree(sql, who.team(), path_uuid(p[0], "Tree"))) not_found("Tree not found");
                 ctx.schedules_changed();
                 return http::response::no_content();
               }));
}

}  // namespace rf::api
