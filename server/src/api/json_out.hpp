#pragma once
// How domain objects are printed (docs/api.md is the contract).

#include "domain/models.hpp"
#include "http/message.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace rf::api {

boost::json::value instant_or_null(const std::optional<millis>& t);
boost::json::value string_or_null(const std::optional<std::string>& s);

boost::json::object user_json(const domain::user& u);
// Flows and sessions carry JSON documents that this service stored after validating
// them; they are spliced into the response as text instead of being parsed and printed
// again (the hot path of GET /trees/{id} and of lists).
std::string tree_json(const domain::tree& t);
// A flow in a list: no structure, its step_count instead.
std::string tree_summary_json(const domain::tree& t);
std::string session_json(const domain::session& s, bool with_snapshot);
// A session in a list: no snapshot and none of the progress documents.
std::string session_summary_json(const domain::session& s);
// "[a,b,c]" from already-serialised elements.
std::string json_array_text(const std::vector<std::string>& items);
boost::json::object target_list_json(const domain::target_list& l);
// A target list in a list: target_count without the targets.
boost::json::object target_list_summary_json(const domain::target_list& l);
boost::json::object history_json(const domain::history_entry& e);

// 200 with a bare JSON array of one page and the number of all matches in X-Total-Count.
http::response paged_response(std::string array_body, long long total);

}  // namespace rf::api
