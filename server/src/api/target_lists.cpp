// Saved target lists.

#include "api/call.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/requests.hpp"
#include "common/ids.hpp"
#include "store/quotas.hpp"
#include "store/target_lists.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;
using http::verb;

namespace {

http::response list_target_lists(const call& c) {
  const auto paging = read_page(c.req);
  auto page = store::list_target_lists(c.sql, c.team(), paging.limit, paging.offset);
  json::array out;
  for (const auto& l : page.items) out.push_back(target_list_summary_json(l));
  return paged_response(json::serialize(out), page.total);
}

http::response create_target_list(const call& c) {
  auto in = read_target_list(c.req, /*create=*/true);
  const millis now = c.now();
  domain::target_list l{new_uuid(), c.team(), c.who().user.id, *in.name, in.description.value_or(""),
                        std::move(*in.targets), 0, now, now};
  store::transaction tx(c.sql);
  store::lock_team(c.sql, c.team());
  if (store::count_target_lists(c.sql, c.team()) >= c.ctx.quotas.target_lists)
    over_limit(c.ctx.quotas.target_lists, "target lists");
  store::insert_target_list(c.sql, l);
  tx.commit();
  return http::response::json(201, target_list_json(l));
}

http::response get_target_list(const call& c) {
  auto l = store::get_target_list(c.sql, c.team(), c.id("id", "Target list"));
  if (!l) not_found("Target list");
  return http::response::json(200, target_list_json(*l));
}

http::response update_target_list(const call& c) {
  const std::string id = c.id("id", "Target list");
  auto in = read_target_list(c.req, /*create=*/false);
  store::transaction tx(c.sql);
  auto l = store::get_target_list(c.sql, c.team(), id);
  if (!l) not_found("Target list");
  if (in.name) l->name = *in.name;
  if (in.description) l->description = *in.description;
  if (in.targets) l->targets = std::move(*in.targets);
  l->updated_at = c.now();
  if (!store::update_target_list(c.sql, *l)) not_found("Target list");
  tx.commit();
  return http::response::json(200, target_list_json(*l));
}

http::response delete_target_list(const call& c) {
  store::transaction tx(c.sql);
  const auto code = store::delete_target_list(c.sql, c.team(), c.id("id", "Target list"));
  if (code == store::errc::not_found) not_found("Target list");
  if (code != store::errc::ok)
    fail(code, "A maintenance schedule launches this target list; change or delete the schedule first");
  tx.commit();
  return http::response::no_content();
}

constexpr route_def routes[] = {
    {verb::get, "/api/v1/target-lists", access::read, list_target_lists},
    {verb::post, "/api/v1/target-lists", access::write, create_target_list},
    {verb::get, "/api/v1/target-lists/{id}", access::read, get_target_list},
    {verb::put, "/api/v1/target-lists/{id}", access::write, update_target_list},
    {verb::del, "/api/v1/target-lists/{id}", access::write, delete_target_list},
};

}  // namespace

std::span<const route_def> target_list_routes() { return routes; }

}  // namespace rf::api
