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

unsigned status_of(store::errc code) {
  switch (code) {
    case store::errc::ok: break;
    case store::errc::not_found: return 404;
    case store::errc::duplicate: return 409;
    case store::errc::in_use: return 409;
    case store::errc::refused: return 400;
    case store::errc::limit: return 403;
  }
  return 500;
}

void fail(store::errc code, std::string detail) { throw error(status_of(code), std::move(detail)); }

void not_found(std::string_view what) { throw error(404, std::string(what) + " not found"); }
void bad_request(std::string detail) { throw error(400, std::move(detail)); }
void conflict(std::string detail) { throw error(409, std::move(detail)); }
void forbidden(std::string detail) { throw error(403, std::move(detail)); }
void unprocessable(boost::json::array loc, std::string msg, std::string type) {
  throw error(std::vector<field_error>{{std::move(loc), std::move(msg), std::move(type)}});
}

std::string thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

void over_limit(long long limit, std::string_view what) {
  forbidden("Your team has reached its limit of " + thousands(limit) + " " + std::string(what) +
            "; the operator of this server can raise it");
}

http::response detail_response(unsigned status, std::string_view detail) {
  return http::response::json(status, boost::json::object{{"detail", detail}});
}

}  // namespace rf::api
