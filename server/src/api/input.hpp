#pragma once
// Reads request bodies and query strings field by field, collecting every problem as a
// FastAPI-style 422 entry that names the field. Fields are read explicitly (not via
// value_to) so that each message says which field is wrong and why.

#include "api/errors.hpp"
#include "domain/models.hpp"
#include "http/message.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rf::api {

struct length {
  std::size_t min = 0;
  std::size_t max = 255;
};

// The number of Unicode code points in valid UTF-8 text (what "characters" means to users).
std::size_t utf8_length(std::string_view s);

class body_reader {
 public:
  // Parses the body as a JSON object; a malformed body or a non-object throws 422 at once.
  explicit body_reader(const http::request& req);
  // No body: collects problems found elsewhere (a query string, a stored value).
  body_reader() = default;

  bool has(std::string_view key) const;
  bool is_null(std::string_view key) const;
  const boost::json::value* raw(std::string_view key) const;
  const boost::json::object& object() const { return obj_; }

  // Each returns nullopt when the field is absent (an error if `required`) or invalid.
  std::optional<std::string> string(std::string_view key, bool required, length len = {});
  std::optional<std::string> uuid(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min, std::int64_t max);
  // One of `choices`.
  std::optional<std::string> choice(std::string_view key, bool required, std::span<const std::string_view> choices);
  // One of the names of a domain enum.
  template <domain::named_enum E>
  std::optional<E> enumeration(std::string_view key, bool required) {
    auto name = choice(key, required, domain::enum_names<E>::names);
    return name ? domain::parse<E>(*name) : std::nullopt;
  }

  void add(boost::json::array loc, std::string msg, std::string type);
  std::vector<field_error>& errors() { return errors_; }
  // Throws the collected 422, if any.
  void finish();

 private:
  boost::json::object obj_;
  std::vector<field_error> errors_;
};

// Validates one string value (type, length, control characters) at `loc`.
std::optional<std::string> check_string(const boost::json::value& v, boost::json::array loc, length len,
                                        std::vector<field_error>& errors);

// Query parameters: the same rules, `loc` starting with "query".
std::optional<std::string> query_uuid(const http::request& req, std::string_view name);
std::optional<std::int64_t> query_int(const http::request& req, std::string_view name, std::int64_t min,
                                      std::int64_t max);
// "Input should be 'a', 'b' or 'c'", the message of a value outside `choices`.
std::string choices_message(std::span<const std::string_view> choices);
// A query parameter naming a domain enum; absent or empty: nullopt; anything else: 422.
template <domain::named_enum E>
std::optional<E> query_enum(const http::request& req, std::string_view name) {
  const std::string* v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  auto e = domain::parse<E>(*v);
  if (!e) unprocessable({"query", name}, choices_message(domain::enum_names<E>::names), "enum");
  return e;
}

// `limit` (1..1,000, default 200) and `offset` (≥ 0) of a bounded list (SPEC §8).
struct page_params {
  long long limit = 200;
  long long offset = 0;
};
page_params read_page(const http::request& req);

// A path id that is not a UUID cannot name anything: it answers 404 like a missing one.
std::string path_uuid(const std::string& text, std::string_view what);

}  // namespace rf::api
