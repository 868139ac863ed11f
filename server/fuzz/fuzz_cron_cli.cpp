// Fuzzes `resolutionflow cron` (rf::cron::run_cli): arbitrary bytes as its standard
// input, JSON lines or not.
//
// Contracts checked (cli.hpp): it answers every input line with exactly one line; each
// answer is a JSON object holding only "next" (an array of at most n RFC 3339 strings)
// or only "error" (a string); it never reports an internal error (an exception escaping
// the engine); the exit status is 0 exactly when every answer is "next".
#include "cron/cli.hpp"
#include "cron/cron.hpp"
#include "fuzz_support.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace json = boost::json;

namespace {

// The lines std::getline yields: a final line without '\n' counts, an empty tail does not.
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const auto nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back(s.substr(start));
      break;
    }
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// The "n" the request asked for, when the line is an object with a valid n; else 1000.
std::int64_t requested_count(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  json::error_code ec;
  const json::value v = json::parse(line, ec);
  if (ec || !v.is_object()) return 1000;
  const json::value* n = v.get_object().if_contains("n");
  if (n == nullptr) return 1;
  if (n->is_int64()) return n->get_int64();
  if (n->is_uint64()) return static_cast<std::int64_t>(std::min<std::uint64_t>(n->get_uint64(), 1000));
  return 1000;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input);
  std::ostringstream out;
  const int rc = rf::cron::run_cli(in, out);

  const auto requests = split_lines(input);
  const std::string output = out.str();
  RF_FUZZ_CHECK(output.empty() || output.back() == '\n', "the last answer is not a whole line");
  const auto answers = split_lines(output);
  RF_FUZZ_CHECK(answers.size() == requests.size(), "not exactly one answer line per input line");

  bool all_next = true;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    json::error_code ec;
    const json::value v = json::parse(answers[i], ec);
    RF_FUZZ_CHECK(!ec && v.is_object() && v.get_object().size() == 1, "an answer is not a one-key JSON object");
    const json::object& o = v.get_object();
    if (const json::value* next = o.if_contains("next")) {
      RF_FUZZ_CHECK(next->is_array(), "\"next\" is not an array");
      RF_FUZZ_CHECK(static_cast<std::int64_t>(next->get_array().size()) <= requested_count(requests[i]),
                    "\"next\" holds more instants than n");
      for (const auto& t : next->get_array()) {
        RF_FUZZ_CHECK(t.is_string(), "an instant in \"next\" is not a string");
        RF_FUZZ_CHECK_ID("year_10000", rf::cron::parse_rfc3339(std::string_view(t.get_string())).has_value(),
                         "an instant in \"next\" is not RFC 3339");
      }
    } else {
      const json::value* error = o.if_contains("error");
      RF_FUZZ_CHECK(error != nullptr && error->is_string(), "an answer has neither \"next\" nor a string \"error\"");
      const std::string_view msg(error->get_string());
      RF_FUZZ_CHECK(!msg.starts_with("internal error"), "an exception escaped the engine (internal error)");
      all_next = false;
    }
  }
  RF_FUZZ_CHECK(rc == (all_next ? 0 : 1), "the exit status disagrees with the answers");
  return 0;
}
