// `resolutionflow cron`: JSON lines in, JSON lines out. See cli.hpp for the contract.
#include "cron/cli.hpp"

#include "cron/cron.hpp"
#include "cron/text.hpp"

#include <boost/json.hpp>

#include <istream>
#include <ostream>

namespace rf::cron {
namespace {

namespace json = boost::json;

constexpr std::int64_t max_count = 1000;

// A line longer than this is not a request anyone meant to send.
constexpr std::size_t max_line = 64 * 1024;

struct answer {
  std::string line;
  bool ok;
};

answer error(std::string message) {
  json::object o;
  o["error"] = message;
  return {json::serialize(o), false};
}

const json::string* string_field(const json::object& o, std::string_view key, std::string& problem) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) {
    problem = "missing field '" + std::string(key) + "'";
    return nullptr;
  }
  if (!v->is_string()) {
    problem = "field '" + std::string(key) + "' must be a string";
    return nullptr;
  }
  return &v->get_string();
}

answer evaluate(std::string_view line) {
  if (line.size() > max_line) {
    return error("line is longer than " + std::to_string(max_line) + " bytes");
  }
  json::error_code ec;
  const json::value request = json::parse(line, ec);
  if (ec) return error("line is not valid JSON: " + ec.message());
  if (!request.is_object()) {
    return error(
        R"(expected a JSON object such as {"expr":"0 9 * * 1-5","tz":"Europe/Berlin","after":"2026-01-01T00:00:00Z","n":5})");
  }
  const json::object& o = request.get_object();
  for (const auto& entry : o) {
    const std::string_view key = entry.key();
    if (key != "expr" && key != "tz" && key != "after" && key != "n") {
      return error("unknown field " + detail::quoted(key) + "; expected expr, tz, after and n");
    }
  }

  std::string problem;
  const json::string* expr_text = string_field(o, "expr", problem);
  if (expr_text == nullptr) return error(problem);
  const json::string* tz_name = string_field(o, "tz", problem);
  if (tz_name == nullptr) return error(problem);
  const json::string* after_text = string_field(o, "after", problem);
  if (after_text == nullptr) return error(problem);

  std::int64_t count = 1;
  if (const json::value* n = o.if_contains("n")) {
    const bool in_range = (n->is_int64() && n->get_int64() >= 1 && n->get_int64() <= max_count) ||
                          (n->is_uint64() && n->get_uint64() <= max_count && n->get_uint64() >= 1);
    if (!in_range) {
      return error("field 'n' must be a whole number from 1 to " + std::to_string(max_count));
    }
    count = n->is_int64() ? n->get_int64() : static_cast<std::int64_t>(n->get_uint64());
  }

  auto parsed = expression::parse(*expr_text);
  if (auto* message = std::get_if<std::string>(&parsed)) return error(std::move(*message));
  const date::time_zone* zone = find_zone(*tz_name);
  if (zone == nullptr) {
    return error("unknown time zone " + detail::quoted(*tz_name) + " (use an IANA name such as Europe/Berlin or UTC)");
  }
  const auto after = parse_rfc3339(*after_text);
  if (!after) {
    return error("field 'after' is not an RFC 3339 date-time: " + detail::quoted(*after_text) +
                 " (for example 2026-03-08T07:00:00Z or 2026-03-08T02:00:00-05:00)");
  }

  json::array next;
  for (const instant t : next_runs(std::get<expression>(parsed), *zone, *after, static_cast<int>(count))) {
    next.emplace_back(format_utc(t));
  }
  json::object o_out;
  o_out["next"] = std::move(next);
  return {json::serialize(o_out), true};
}

answer evaluate_guarded(std::string_view line) {
  // The engine reports bad input as values; an exception here means a broken tz
  // database or a bug. One bad line must still not end the stream.
  try {
    return evaluate(line);
  } catch (const std::exception& e) {
    return error(std::string("internal error: ") + e.what());
  }
}

}  // namespace

std::string answer_line(std::string_view line) { return evaluate_guarded(line).line; }

int run_cli(std::istream& in, std::ostream& out) {
  bool all_ok = true;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    answer a = evaluate_guarded(line);
    all_ok = all_ok && a.ok;
    out << a.line << '\n';
    // Flush when the caller has sent nothing more yet: a script that writes one line
    // and waits for the answer must get it, and a bulk run is not slowed by a flush
    // per line.
    if (in.rdbuf() == nullptr || in.rdbuf()->in_avail() <= 0) out.flush();
  }
  out.flush();
  return all_ok ? 0 : 1;
}

}  // namespace rf::cron
