#pragma once
// How domain objects are printed (docs/api.md is the contract).

#include "domain/models.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace rf::api {

boost::json::value instant_or_null(const std::optional<millis>& t);
boost::json::value string_or_null(const std::optional<std::string>& s);
// Parses JSON text that this service stored itself.
boost::json::value stored_json(const std::string& text);

boost::json::object user_json(const domain::user& u);
boost::json::object tree_json(const domain::tree& t);
boost::json::object session_json(const domain::session& s, bool with_snapshot);
boost::json::object target_list_json(const domain::target_list& l);
boost::json::object history_json(const domain::history_entry& e);

}  // namespace rf::api
