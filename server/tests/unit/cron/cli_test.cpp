// `resolutionflow cron` over string streams (its RFC 3339 reader: rfc3339_test.cpp).
#include "cron/cli.hpp"
#include "test_support.hpp"

#include <sstream>

namespace rf::cron {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(run_cli, answers_good_lines_with_next_instants) {
  std::istringstream in(R"({"expr":"30 2 * * *","tz":"America/New_York","after":"2026-03-07T12:00:00Z","n":3})"
                        "\n"
                        R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T10:00:00+01:00"})"
                        "\n"
                        R"({"n":2,"after":"2026-11-01T04:30:00Z","tz":"America/New_York","expr":"0 * * * *"})"
                        "\r\n");
  std::ostringstream out;
  EXPECT_EQ(run_cli(in, out), 0);
  const std::vector<std::string> expected{
      R"({"next":["2026-03-08T07:00:00Z","2026-03-09T06:30:00Z","2026-03-10T06:30:00Z"]})",
      R"({"next":["2026-01-02T09:00:00Z"]})", R"({"next":["2026-11-01T05:00:00Z","2026-11-01T06:00:00Z"]})"};
  EXPECT_EQ(lines_of(out.str()), expected);
}

struct bad_line {
  std::string_view line;
  std::string_view message;
};

void PrintTo(const bad_line& c, std::ostream* os) { *os << c.line; }

class run_cli_errors : public ::testing::TestWithParam<bad_line> {};

TEST_P(run_cli_errors, answer_with_one_error_line) {
  std::istringstream in(std::string(GetParam().line) + "\n");
  std::ostringstream out;
  EXPECT_EQ(run_cli(in, out), 1);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind(R"({"error":")", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(GetParam().message), std::string::npos) << lines[0];
}

INSTANTIATE_TEST_SUITE_P(
    table, run_cli_errors,
    ::testing::Values(
        bad_line{R"({"expr":)", "line is not valid JSON"}, bad_line{"", "line is not valid JSON"},
        bad_line{"garbage", "line is not valid JSON"}, bad_line{"[1,2]", "expected a JSON object"},
        bad_line{R"("0 9 * * *")", "expected a JSON object"},
        bad_line{R"({"tz":"UTC","after":"2026-01-01T00:00:00Z"})", "missing field 'expr'"},
        bad_line{R"({"expr":"0 9 * * *","after":"2026-01-01T00:00:00Z"})", "missing field 'tz'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC"})", "missing field 'after'"},
        bad_line{R"({"expr":5,"tz":"UTC","after":"2026-01-01T00:00:00Z"})", "field 'expr' must be a string"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","from":1})", "unknown field 'from'"},
        bad_line{R"({"expr":"61 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z"})",
                 "minute field: value 61 is out of range 0-59"},
        bad_line{R"({"expr":"0 0 31 2 *","tz":"UTC","after":"2026-01-01T00:00:00Z"})", "can never fire"},
        // The same parser as the API: a control character inside the expression is refused
        // (the line's own CR LF framing is not part of it).
        bad_line{R"({"expr":"0 9 * * *\n","tz":"UTC","after":"2026-01-01T00:00:00Z"})",
                 "must not contain control characters: found '\\\\x0a' (a line feed) at position 10"},
        bad_line{R"({"expr":"0 9 * * *\r","tz":"UTC","after":"2026-01-01T00:00:00Z"})",
                 "must not contain control characters"},
        bad_line{R"({"expr":"0 9 * * *\u007f","tz":"UTC","after":"2026-01-01T00:00:00Z"})",
                 "must not contain control characters"},
        bad_line{R"({"expr":"0 9 * * *\u0001","tz":"UTC","after":"2026-01-01T00:00:00Z"})",
                 "must not contain control characters"},
        bad_line{R"({"expr":"0 9 * * *","tz":"Mars/Olympus_Mons","after":"2026-01-01T00:00:00Z"})",
                 "unknown time zone 'Mars/Olympus_Mons'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-13-01T00:00:00Z"})",
                 "field 'after' is not an RFC 3339 date-time"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"yesterday"})",
                 "field 'after' is not an RFC 3339 date-time: 'yesterday'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":0})",
                 "field 'n' must be a whole number from 1 to 1000"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":1001})", "field 'n'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":2.5})", "field 'n'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":"5"})", "field 'n'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":-1})", "field 'n'"},
        bad_line{R"({"expr":"0 9 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":18446744073709551615})",
                 "field 'n'"},
        bad_line{
            R"([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]])",
            "not valid JSON"}));

TEST(run_cli, takes_tabs_and_steps_larger_than_the_span_like_the_api) {
  // Tabs separate fields; '*/30' in the hour field is hour 0 only, as in cronie.
  EXPECT_EQ(answer_line(R"({"expr":"0\t9\t*\t*\t*","tz":"UTC","after":"2026-01-01T00:00:00Z","n":2})"),
            R"({"next":["2026-01-01T09:00:00Z","2026-01-02T09:00:00Z"]})");
  EXPECT_EQ(answer_line(R"({"expr":"0 */30 * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":2})"),
            R"({"next":["2026-01-02T00:00:00Z","2026-01-03T00:00:00Z"]})");
  EXPECT_EQ(answer_line(R"({"expr":"0-10/20 * * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":2})"),
            R"({"next":["2026-01-01T01:00:00Z","2026-01-01T02:00:00Z"]})");
}

TEST(run_cli, keeps_going_after_bad_lines_and_answers_each_line_once) {
  std::istringstream in(
      "not json\n"
      R"({"expr":"@daily","tz":"Asia/Kathmandu","after":"2026-01-01T00:00:00Z","n":2})"
      "\n"
      R"({"expr":"@reboot","tz":"UTC","after":"2026-01-01T00:00:00Z"})"
      "\n");
  std::ostringstream out;
  EXPECT_EQ(run_cli(in, out), 1);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind(R"({"error":)", 0), 0u);
  EXPECT_EQ(lines[1], R"({"next":["2026-01-01T18:15:00Z","2026-01-02T18:15:00Z"]})");
  EXPECT_NE(lines[2].find("@reboot is not supported"), std::string::npos);
}

TEST(run_cli, escapes_hostile_text_in_errors) {
  const std::string line = R"({"expr":"0 9 * * *","tz":"\u0000\"\n<script>","after":"2026-01-01T00:00:00Z"})";
  const std::string answer = answer_line(line);
  EXPECT_EQ(answer.find('\n'), std::string::npos);
  EXPECT_NE(answer.find("unknown time zone"), std::string::npos) << answer;
  for (const char c : answer) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << answer;
}

TEST(run_cli, caps_the_count_at_a_thousand) {
  const std::string answer = answer_line(R"({"expr":"* * * * *","tz":"UTC","after":"2026-01-01T00:00:00Z","n":1000})");
  EXPECT_EQ(std::count(answer.begin(), answer.end(), 'Z'), 1000);
  EXPECT_NE(answer.find("\"2026-01-01T16:40:00Z\"]"), std::string::npos);
}

TEST(run_cli, gives_fewer_instants_at_the_end_of_time) {
  EXPECT_EQ(answer_line(R"({"expr":"0 0 1 1 *","tz":"UTC","after":"9998-06-01T00:00:00Z","n":3})"),
            R"({"next":["9999-01-01T00:00:00Z"]})");
}

}  // namespace
}  // namespace rf::cron
