// Flows: CRUD, type-specific structure validation, filters and counts.

#include "api/call.hpp"
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

namespace {

http::response list_trees(const call& c) {
  store::tree_filter f;
  f.tree_type = query_enum<domain::tree_type>(c.req, "tree_type");
  if (auto* q = c.req.query_param("q"); q && !q->empty()) {
    if (utf8_length(*q) > 255)
      unprocessable({"query", "q"}, "String should have at most 255 characters", "string_too_long");
    f.q = *q;
  }
  const auto paging = read_page(c.req);
  f.limit = paging.limit;
  f.offset = paging.offset;
  // Read the version first: a change racing with this request then at worst makes the
  // cached body one version old under an old version number, never the reverse.
  const long long version = store::trees_version(c.sql, c.team());
  const std::string key = c.team() + '\n' + std::string(f.tree_type ? domain::to_string(*f.tree_type) : "") + '\n' +
                          f.q.value_or("") + '\n' + std::to_string(f.limit) + '\n' + std::to_string(f.offset);
  auto page = c.ctx.tree_lists->find(key, version);
  if (!page) {
    auto found = store::list_trees(c.sql, c.team(), f);
    std::vector<std::string> out;
    out.reserve(found.items.size());
    for (const auto& t : found.items) out.push_back(tree_summary_json(t));
    page = list_cache::page{json_array_text(out), found.total};
    c.ctx.tree_lists->put(key, version, *page);
  }
  return paged_response(std::move(page->body), page->total);
}

http::response count_trees(const call& c) {
  const auto n = store::count_trees(c.sql, c.team());
  return http::response::json(200, json::object{{"total", n.total},
                                                {"troubleshooting", n.troubleshooting},
                                                {"procedural", n.procedural},
                                                {"maintenance", n.maintenance}});
}

http::response create_tree(const call& c) {
  const auto in = read_tree_create(c.req);
  const millis now = c.now();
  domain::tree t{new_uuid(),
                 c.team(),
                 c.who().user.id,
                 in.name,
                 in.description,
                 in.tree_type,
                 json::serialize(in.structure),
                 now,
                 now,
                 domain::count_steps(in.tree_type, in.structure)};
  store::transaction tx(c.sql);
  store::lock_team(c.sql, c.team());
  if (store::count_flows(c.sql, c.team()) >= c.ctx.quotas.flows) over_limit(c.ctx.quotas.flows, "flows");
  store::insert_tree(c.sql, t);
  tx.commit();
  return http::response::json_text(201, tree_json(t));
}

http::response get_tree(const call& c) {
  auto t = store::get_tree(c.sql, c.team(), c.id("id", "Tree"));
  if (!t) not_found("Tree");
  return http::response::json_text(200, tree_json(*t));
}

http::response update_tree(const call& c) {
  const std::string id = c.id("id", "Tree");
  const auto in = read_tree_update(c.req);
  // One transaction with the flow's row locked: a schedule created at the same moment
  // either exists when the type check runs or sees the new type.
  store::transaction tx(c.sql);
  auto t = store::get_tree_for_update(c.sql, c.team(), id);
  if (!t) not_found("Tree");
  if (in.name) t->name = *in.name;
  if (in.description) t->description = *in.description;
  if (in.tree_type && *in.tree_type != t->tree_type && t->tree_type == domain::tree_type::maintenance &&
      store::get_schedule_for_tree(c.sql, c.team(), id))
    bad_request("This flow has a maintenance schedule; delete the schedule before changing its type");
  if (in.tree_type) t->tree_type = *in.tree_type;
  if (in.structure || in.tree_type) {
    // The structure must fit the resulting type, whichever of the two changed.
    const auto structure = checked_structure(in, t->tree_type, domain::parse_stored_json(t->tree_structure));
    t->tree_structure = json::serialize(structure);
    t->step_count = domain::count_steps(t->tree_type, structure);
  }
  t->updated_at = c.now();
  if (!store::update_tree(c.sql, *t)) not_found("Tree");
  tx.commit();
  return http::response::json_text(200, tree_json(*t));
}

http::response delete_tree(const call& c) {
  store::transaction tx(c.sql);
  if (!store::delete_tree(c.sql, c.team(), c.id("id", "Tree"))) not_found("Tree");
  tx.commit();
  c.ctx.schedules_changed();
  return http::response::no_content();
}

constexpr route_def routes[] = {
    {verb::get, "/api/v1/trees", access::read, list_trees},
    {verb::get, "/api/v1/trees/counts", access::read, count_trees},
    {verb::post, "/api/v1/trees", access::write, create_tree},
    {verb::get, "/api/v1/trees/{id}", access::read, get_tree},
    {verb::put, "/api/v1/trees/{id}", access::write, update_tree},
    {verb::del, "/api/v1/trees/{id}", access::write, delete_tree},
};

}  // namespace

std::span<const route_def> tree_routes() { return routes; }

}  // namespace rf::api
