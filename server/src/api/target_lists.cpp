// Saved target lists.

#include "api/context.hpp"
#include "api/errors.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/requests.hpp"
#include "common/ids.hpp"
#include "domain/validation.hpp"
#include "store/quotas.hpp"
#include "store/target_lists.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;
using http::verb;

void add_target_list_routes(http::router& r, context& ctx) {
  r.add(verb::get, "/api/v1/target-lists",
        authed(ctx, access::read,
               [](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 const auto paging = read_page(req);
                 auto page = store::list_target_lists(sql, who.team(), paging.limit, paging.offset);
                 json::array out;
                 for (const auto& l : page.items) out.push_back(target_list_summary_json(l));
                 return paged_response(json::serialize(out), page.total);
               }));

  r.add(verb::post, "/api/v1/target-lists",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params&, const principal& who, store::lease& sql) {
                 auto in = read_target_list(req, /*create=*/true);
                 const millis now = ctx.clock.now_ms();
                 domain::target_list l{
                     new_uuid(), who.team(), who.user.id, *in.name, in.description.value_or(""), std::move(*in.targets),
                     0,          now,        now};
                 store::transaction tx(sql);
                 store::lock_team(sql, who.team());
                 if (store::count_target_lists(sql, who.team()) >= ctx.quotas.target_lists)
                   over_limit(ctx.quotas.target_lists, "target lists");
                 store::insert_target_list(sql, l);
                 tx.commit();
                 return http::response::json(201, target_list_json(l));
               }));

  r.add(verb::get, "/api/v1/target-lists/{id}",
        authed(ctx, access::read,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 auto l = store::get_target_list(sql, who.team(), path_uuid(p[0], "Target list"));
                 if (!l) not_found("Target list not found");
                 return http::response::json(200, target_list_json(*l));
               }));

  r.add(verb::put, "/api/v1/target-lists/{id}",
        authed(ctx, access::write,
               [&ctx](const http::request& req, const http::path_params& p, const principal& who, store::lease& sql) {
                 const std::string id = path_uuid(p[0], "Target list");
                 auto in = read_target_list(req, /*create=*/false);
                 auto l = store::get_target_list(sql, who.team(), id);
                 if (!l) not_found("Target list not found");
                 if (in.name) l->name = *in.name;
                 if (in.description) l->description = *in.description;
                 if (in.targets) l->targets = std::move(*in.targets);
                 l->updated_at = ctx.clock.now_ms();
                 if (!store::update_target_list(sql, *l)) not_found("Target list not found");
                 return http::response::json(200, target_list_json(*l));
               }));

  r.add(verb::del, "/api/v1/target-lists/{id}",
        authed(ctx, access::write,
               [](const http::request&, const http::path_params& p, const principal& who, store::lease& sql) {
                 switch (store::delete_target_list(sql, who.team(), path_uuid(p[0], "Target list"))) {
                   case store::errc::not_found: not_found("Target list not found");
                   case store::errc::in_use:
                     conflict("A maintenance schedule launches this target list; change or delete the schedule first");
                   default: break;
                 }
                 return http::response::no_content();
               }));
}

}  // namespace rf::api
