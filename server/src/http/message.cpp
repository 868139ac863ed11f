#include "http/message.hpp"

#include <boost/json/serialize.hpp>

namespace rf::http {

std::string_view to_string(verb v) {
  switch (v) {
    case verb::get: return "GET";
    case verb::head: return "HEAD";
    case verb::post: return "POST";
    case verb::put: return "PUT";
    case verb::patch: return "PATCH";
    case verb::del: return "DELETE";
    case verb::options: return "OPTIONS";
    case verb::other: return "OTHER";
  }
  return "OTHER";
}

const std::string* request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return &v;
  return nullptr;
}

response response::json(unsigned status, const boost::json::value& v) {
  response r;
  r.status = status;
  r.body = boost::json::serialize(v);
  return r;
}

response response::json_text(unsigned status, std::string body) {
  response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

response response::no_content() {
  response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace rf::http
