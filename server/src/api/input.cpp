#include "api/input.hpp"

#include "common/ids.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

namespace rf::api {

namespace json = boost::json;

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

// PostgreSQL text cannot hold NUL, and no field of ours has a use for it: refuse it
// anywhere in a body, keys included, rather than fail at the database. Numbers too large
// for a double parse as infinity, which has no JSON form: refuse those too.
bool unstorable(const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_: return !std::isfinite(v.get_double());
    case json::kind::string: return std::string_view(v.get_string()).find('\0') != std::string_view::npos;
    case json::kind::array:
      for (const auto& e : v.get_array())
        if (unstorable(e)) return true;
      return false;
    case json::kind::object:
      for (const auto& kv : v.get_object())
        if (kv.key().find('\0') != std::string_view::npos || unstorable(kv.value())) return true;
      return false;
    default: return false;
  }
}

}  // namespace

body_reader::body_reader(const http::request& req) {
  json::parse_options opts;
  opts.max_depth = 64;
  std::error_code ec;
  json::value v = json::parse(req.body, ec, {}, opts);
  if (ec) unprocessable({"body"}, "Invalid JSON: " + ec.message(), "json_invalid");
  if (!v.is_object()) unprocessable({"body"}, "Input should be a JSON object", "model_type");
  if (unstorable(v))
    unprocessable({"body"}, "Strings must not contain NUL characters and numbers must fit a double", "value_error");
  obj_ = std::move(v.as_object());
}

bool body_reader::has(std::string_view key) const { return obj_.contains(key); }

bool body_reader::is_null(std::string_view key) const {
  auto it = obj_.find(key);
  return it != obj_.end() && it->value().is_null();
}

const json::value* body_reader::raw(std::string_view key) const {
  auto it = obj_.find(key);
  return it == obj_.end() ? nullptr : &it->value();
}

void body_reader::add(json::array loc, std::string msg, std::string type) {
  // A hostile body could otherwise make the 422 answer many times its own size.
  if (errors_.size() >= 50) return;
  errors_.push_back({std::move(loc), std::move(msg), std::move(type)});
}

void body_reader::finish() {
  if (!errors_.empty()) throw error(std::move(errors_));
}

std::optional<std::string> check_string(const json::value& v, json::array loc, length len,
                                        std::vector<field_error>& errors) {
  if (!v.is_string()) {
    errors.push_back({std::move(loc), "Input should be a valid string", "string_type"});
    return std::nullopt;
  }
  const auto& s = v.get_string();
  const std::string_view view(s.data(), s.size());
  if (view.find('\0') != std::string_view::npos) {
    errors.push_back({std::move(loc), "String must not contain NUL characters", "string_pattern_mismatch"});
    return std::nullopt;
  }
  const std::size_t n = utf8_length(view);
  if (n < len.min) {
    errors.push_back({std::move(loc),
                      len.min == 1 ? "String should have at least 1 character"
                                   : "String should have at least " + std::to_string(len.min) + " characters",
                      "string_too_short"});
    return std::nullopt;
  }
  if (n > len.max) {
    errors.push_back(
        {std::move(loc), "String should have at most " + std::to_string(len.max) + " characters", "string_too_long"});
    return std::nullopt;
  }
  return std::string(view);
}

std::optional<std::string> body_reader::string(std::string_view key, bool required, length len) {
  auto* v = raw(key);
  if (!v) {
    if (required) add({"body", key}, "Field required", "missing");
    return std::nullopt;
  }
  return check_string(*v, {"body", key}, len, errors_);
}

std::optional<std::string> body_reader::uuid(std::string_view key, bool required) {
  auto* v = raw(key);
  if (!v) {
    if (required) add({"body", key}, "Field required", "missing");
    return std::nullopt;
  }
  if (!v->is_string()) {
    add({"body", key}, "Input should be a valid UUID string", "uuid_type");
    return std::nullopt;
  }
  auto id = parse_uuid(std::string_view(v->get_string().data(), v->get_string().size()));
  if (!id) add({"body", key}, "Input should be a valid UUID", "uuid_parsing");
  return id;
}

std::optional<bool> body_reader::boolean(std::string_view key, bool required) {
  auto* v = raw(key);
  if (!v) {
    if (required) add({"body", key}, "Field required", "missing");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    add({"body", key}, "Input should be a valid boolean", "bool_type");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::int64_t> body_reader::integer(std::string_view key, bool required, std::int64_t min,
                                                 std::int64_t max) {
  auto* v = raw(key);
  if (!v) {
    if (required) add({"body", key}, "Field required", "missing");
    return std::nullopt;
  }
  std::int64_t n;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    n = std::numeric_limits<std::int64_t>::max();
  } else {
    add({"body", key}, "Input should be a valid integer", "int_type");
    return std::nullopt;
  }
  if (n < min) {
    add({"body", key}, "Input should be greater than or equal to " + std::to_string(min), "greater_than_equal");
    return std::nullopt;
  }
  if (n > max) {
    add({"body", key}, "Input should be less than or equal to " + std::to_string(max), "less_than_equal");
    return std::nullopt;
  }
  return n;
}

std::string choices_message(std::span<const std::string_view> choices) {
  std::string msg = "Input should be ";
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i) msg += (i + 1 == choices.size()) ? " or " : ", ";
    msg += '\'';
    msg.append(choices[i]);
    msg += '\'';
  }
  return msg;
}

std::optional<std::string> body_reader::choice(std::string_view key, bool required,
                                               std::span<const std::string_view> choices) {
  auto* v = raw(key);
  if (!v) {
    if (required) add({"body", key}, "Field required", "missing");
    return std::nullopt;
  }
  if (v->is_string()) {
    const std::string_view s(v->get_string().data(), v->get_string().size());
    for (auto c : choices)
      if (s == c) return std::string(s);
  }
  add({"body", key}, choices_message(choices), "enum");
  return std::nullopt;
}

std::optional<std::string> query_uuid(const http::request& req, std::string_view name) {
  const std::string* v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  auto id = parse_uuid(*v);
  if (!id) unprocessable({"query", name}, "Input should be a valid UUID", "uuid_parsing");
  return id;
}

std::optional<std::int64_t> query_int(const http::request& req, std::string_view name, std::int64_t min,
                                      std::int64_t max) {
  const std::string* v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size())
    unprocessable({"query", name}, "Input should be a valid integer", "int_parsing");
  if (n < min)
    unprocessable({"query", name}, "Input should be greater than or equal to " + std::to_string(min),
                  "greater_than_equal");
  if (n > max)
    unprocessable({"query", name}, "Input should be less than or equal to " + std::to_string(max), "less_than_equal");
  return n;
}

std::string path_uuid(const std::string& text, std::string_view what) {
  auto id = parse_uuid(text);
  if (!id) not_found(what);
  return *id;
}

page_params read_page(const http::request& req) {
  page_params p;
  p.limit = query_int(req, "limit", 1, 1'000).value_or(200);
  p.offset = query_int(req, "offset", 0, 1'000'000'000).value_or(0);
  return p;
}

}  // namespace rf::api
