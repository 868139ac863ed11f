// Flows: CRUD, type-specific structure validation, filters and counts.

#include "api/context.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "common/ids.hpp"
#include "domain/validation.hpp"
#include "store/schedules.hpp"
#include "store/trees.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;
using http::verb;

namespace {

void add_problems(body_reader& in, const std::vector<domain::problem>& problems) {
  for (const auto& p : problems) {
    json::array loc{"body"};
    for (const auto& part : p.loc) loc.push_back(part);
    in.add(std::move(loc), p.msg, p.type);
  }
}

}  // namespace

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
                 // Read the version first: a change racing with this request then at worst makes the
                 // cached body one version old under an old version number, never the reverse.
                 const long long version = store::trees_version(sql, who.team());
                 const std::string key = who.team() + '\n' + f.tree_type.value_or("") + '\n' + f.q.value_or("");
                 if (auto body = ctx.tree_lists->find(key, version))
                   return http::response::json_text(200, std::move(*body));
                 std::vector<std::string> out;
                 for (const auto& t : store::list_trees(sql, who.team(), f)) out.push_back(tree_json(t));
                 std::string body = json_array_text(out);
                 ctx.tree_lists->put(key, version, body);
                 return http::response::json_text(200, std::move(body));
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
                 body_reader in(req);
                 auto name = in.string("name", true, {1, domain::max_name});
                 std::optional<std::string> description;
                 if (!in.is_null("description"))
                   description = in.string("description", false, {0, domain::max_description});
                 auto type = in.choice("tree_type", true, {"troubleshooting", "procedural", "maintenance"});
                 const json::value* structure = in.raw("tree_structure");
                 if (!structure) in.add({"body", "tree_structure"}, "Field required", "missing");
                 if (type && structure) add_problems(in, domain::validate_tree_structure(*type, *structure));
                 in.finish();
                 const millis now = ctx.clock.now_ms();
                 domain::tree t{new_uuid(),
                                who.team(),
                                who.user.id,
                                *name,
                                description.value_or(""),
                                *type,
                                json::serialize(*structure),
                                now,
                                now};
                 store::insert_tree(sql, t);
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
                 body_reader in(req);
                 auto name = in.string("name", false, {1, domain::max_name});
                 std::optional<std::string> description;
                 if (!in.is_null("description"))
                   description = in.string("description", false, {0, domain::max_description});
                 auto type = in.choice("tree_type", false, {"troubleshooting", "procedural", "maintenance"});
                 const json::value* structure = in.raw("tree_structure");
                 in.finish();
                 auto t = store::get_tree(sql, who.team(), id);
                 if (!t) not_found("Tree not found");
                 if (name) t->name = *name;
                 if (in.has("description")) t->description = description.value_or("");
                 if (type && *type != t->tree_type && t->tree_type == "maintenance" &&
                     store::get_schedule_for_tree(sql, who.team(), id))
                   bad_request("This flow has a maintenance schedule; delete the schedule before changing its type");
                 if (type) t->tree_type = *type;
                 if (structure || type) {
                   // The structure must fit the resulting type, whichever of the two changed.
                   const json::value current = structure ? *structure : json::parse(t->tree_structure);
                   add_problems(in, domain::validate_tree_structure(t->tree_type, current));
                   in.finish();
                   t->tree_structure = json::serialize(current);
                 }
                 t->updated_at = ctx.clock.now_ms();
                 if (!store::update_tree(sql, *t)) not_found("Tree not found");
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
