#pragma once
// How handlers report an outcome other than success. A handler throws `api::error` (through
// the functions below); routes.cpp's invoke() turns it into a FastAPI-compatible body.
// Nothing internal ever goes in `detail`: database and other unexpected errors are logged
// there and answered with a bare 500 (503 when the database is unreachable).

#include "http/message.hpp"
#include "store/result.hpp"

#include <boost/json/array.hpp>

#include <exception>
#include <string>
#include <vector>

namespace rf::api {

struct field_error {
  boost::json::array loc;  // ["body", "targets", 3, "label"]
  std::string msg;
  std::string type;
};

class error : public std::exception {
 public:
  error(unsigned status, std::string detail) : status_(status), detail_(std::move(detail)) {}
  explicit error(std::vector<field_error> fields) : status_(422), fields_(std::move(fields)) {}

  const char* what() const noexcept override { return detail_.c_str(); }
  unsigned status() const { return status_; }
  http::response to_response() const;
  error& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

 private:
  unsigned status_;
  std::string detail_;
  std::vector<field_error> fields_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// The one map from a repository outcome to a status: not_found 404, duplicate and in_use
// 409, refused 400, limit 403. When you add an errc, add its status here.
unsigned status_of(store::errc code);
// Throws the answer for a failed repository call: status_of(code) with `detail`.
[[noreturn]] void fail(store::errc code, std::string detail);

// 404 "<what> not found" ("Tree not found"), the same for a missing object and another
// team's.
[[noreturn]] void not_found(std::string_view what);
[[noreturn]] void bad_request(std::string detail);
[[noreturn]] void conflict(std::string detail);
[[noreturn]] void forbidden(std::string detail);
[[noreturn]] void unprocessable(boost::json::array loc, std::string msg, std::string type);

// 20000 → "20,000": limits in messages read as people write them.
std::string thousands(long long n);

// 403 naming the limit that refused a create: "Your team has reached its limit of 5,000 flows".
[[noreturn]] void over_limit(long long limit, std::string_view what);

// A standalone 4xx/5xx response with {"detail": ...}.
http::response detail_response(unsigned status, std::string_view detail);

}  // namespace rf::api
