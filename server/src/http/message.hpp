#pragma once
// Our own small request/response types: Beast and Asio stay inside the http layer, so
// handler translation units compile in a second or two.

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rf::http {

enum class verb { get, head, post, put, patch, del, options, other };

std::string_view to_string(verb v);

struct request {
  verb method = verb::get;
  std::string path;                                        // percent-decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::string authorization;
  std::string content_type;
  std::string body;
  bool keep_alive = true;

  // The first value of query parameter `name`, or nullptr.
  const std::string* query_param(std::string_view name) const;
};

struct response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static response json(unsigned status, const boost::json::value& v);
  // A body that is already serialised JSON.
  static response json_text(unsigned status, std::string body);
  static response no_content();
};

}  // namespace rf::http
