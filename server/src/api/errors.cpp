#include "api/errors.hpp"

#include <boost/json.hpp>

namespace rf::api {

http::response error::to_response() const {
  boost::json::object body;
  if (status_ == 422 && !fields_.empty()) {
    boost::json::array list;
    for (const auto& f : fields_) list.push_back(boost::json::object{{"loc", f.loc}, {"msg", f.msg}, {"type", f.type}});
    body["detail"] = std::move(list);
  } else {
    body["detail"] = detail_;
  }
  auto r = http::response::json(status_, body);
  r.headers = headers_;
  return r;
}

void not_found(std::string what) { throw error(404, std::move(what)); }
void bad_request(std::string detail) { throw error(400, std::move(detail)); }
void conflict(std::string detail) { throw error(409, std::move(detail)); }
void forbidden(std::string detail) { throw error(403, std::move(detail)); }
void unprocessable(boost::json::array loc, std::string msg, std::string type) {
  throw error(std::vector<field_error>{{std::move(loc), std::move(msg), std::move(type)}});
}

http::response detail_response(unsigned status, std::string_view detail) {
  return http::response::json(status, boost::json::object{{"detail", detail}});
}

}  // namespace rf::api
