// Parsing: what is accepted, what is refused, and that every refusal says why.
#include "test_support.hpp"

namespace rf::cron {
namespace {

using testing::must_parse;

// ---------------------------------------------------------------------------------------
// Accepted expressions, with whether each is fixed-time (neither the minute nor the hour
// field begins with '*').
struct accept_case {
  std::string_view text;
  bool fixed_time;
};

void PrintTo(const accept_case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class parse_accepts : public ::testing::TestWithParam<accept_case> {};

TEST_P(parse_accepts, expression) {
  auto parsed = expression::parse(GetParam().text);
  ASSERT_TRUE(std::holds_alternative<expression>(parsed)) << "refused: " << std::get<std::string>(parsed);
  EXPECT_EQ(std::get<expression>(parsed).is_fixed_time(), GetParam().fixed_time);
}

INSTANTIATE_TEST_SUITE_P(
    table, parse_accepts,
    ::testing::Values(
        accept_case{"0 9 * * *", true}, accept_case{"  0 9 * * *  ", true}, accept_case{"0\t9\t*\t*\t*", true},
        accept_case{"0 \t 9  *  *  *", true}, accept_case{"*/5 * * * *", false}, accept_case{"0-59/5 * * * *", false},
        accept_case{"5,10,15 * * * *", false}, accept_case{"0 0 1 JAN *", true}, accept_case{"0 0 1 jan-Mar *", true},
        accept_case{"0 0 1 Jan,jul,DEC *", true}, accept_case{"0 0 * * MON-fri", true}, accept_case{"0 0 * * 7", true},
        accept_case{"0 0 * * 0-7", true}, accept_case{"0 0 * * FRI-SUN", true}, accept_case{"0 0 * * 5-0", true},
        accept_case{"0 0 * * sun", true}, accept_case{"0 0 * * MON-FRI/2", true}, accept_case{"0 0 29 2 *", true},
        accept_case{"0 0 31 2 1", true},  // OR rule: Mondays in February
        accept_case{"0 0 31 1-2 *", true}, accept_case{"00 09 01 01 *", true}, accept_case{"59 23 31 12 6", true},
        accept_case{"*/60 * * * *", false}, accept_case{"0 */24 * * *", false}, accept_case{"1,*/15 2 * * *", true},
        accept_case{"0 * * * *", false}, accept_case{"*/15 1 * * *", false}, accept_case{"0 */2 * * *", false},
        accept_case{"0 0 * * */7", true}, accept_case{"0 0 29 2 */7", true}, accept_case{"@yearly", true},
        accept_case{"@annually", true}, accept_case{"@monthly", true}, accept_case{"@weekly", true},
        accept_case{"@daily", true}, accept_case{"@midnight", true}, accept_case{"@hourly", false},
        accept_case{" @daily\t", true}, accept_case{"\t0\t9 * * *\t", true},
        // A step larger than the field's span is valid, as in cronie: the first value only.
        accept_case{"0 */30 * * *", false}, accept_case{"0-10/20 * * * *", false}, accept_case{"*/61 * * * *", false},
        accept_case{"*/90 * * * *", false}, accept_case{"*/4294967301 * * * *", false},
        accept_case{"0 0 */32 * *", true}, accept_case{"0 0 1 */13 *", true}, accept_case{"0 0 * * */8", true},
        accept_case{"0 0 * * FRI-SUN/3", true}, accept_case{"0 5-5/7 * * *", true}));

// ---------------------------------------------------------------------------------------
// Refused expressions, each with a piece of the message that must appear.
struct reject_case {
  std::string_view text;
  std::string_view message;
};

void PrintTo(const reject_case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class parse_rejects : public ::testing::TestWithParam<reject_case> {};

TEST_P(parse_rejects, with_a_useful_message) {
  auto parsed = expression::parse(GetParam().text);
  ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << "accepted";
  const std::string& message = std::get<std::string>(parsed);
  EXPECT_NE(message.find(GetParam().message), std::string::npos) << "message: " << message;
  // Messages travel into JSON bodies and logs: printable ASCII only, and short.
  for (const char c : message) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "unprintable byte in: " << message;
  }
  EXPECT_LT(message.size(), 300u) << message;
  EXPECT_EQ(expression::validate(GetParam().text), message);
}

INSTANTIATE_TEST_SUITE_P(
    table, parse_rejects,
    ::testing::Values(
        reject_case{"", "the expression is empty"}, reject_case{" \t ", "the expression is empty"},
        reject_case{"0 9 * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4"},
        reject_case{"0 0 9 * * *", "got 6; seconds and year fields are not supported"},
        reject_case{"0 0 9 * * * 2026", "got 7"},
        reject_case{"61 * * * *", "minute field: value 61 is out of range 0-59"},
        reject_case{"* 24 * * *", "hour field: value 24 is out of range 0-23"},
        reject_case{"* * 0 * *", "day-of-month field: value 0 is out of range 1-31"},
        reject_case{"* * 32 * *", "day-of-month field: value 32 is out of range 1-31"},
        reject_case{"* * * 13 *", "month field: value 13 is out of range 1-12"},
        reject_case{"* * * 0 *", "month field: value 0 is out of range 1-12"},
        reject_case{"* * * * 8", "day-of-week field: value 8 is out of range 0-7"},
        reject_case{"99999999999999999999 * * * *", "minute field: value 99999999999999999999 is out of range 0-59"},
        // 2^32 + 61 would wrap to 61 and 2^32 + 5 to 5 in 32-bit arithmetic.
        reject_case{"4294967301 * * * *", "value 4294967301 is out of range"},
        reject_case{"0-4294967301 * * * *", "value 4294967301 is out of range"},
        reject_case{"5-1 * * * *", "minute field: range '5-1' is reversed"},
        reject_case{"* * * * 5-1", "day-of-week field: range '5-1' is reversed"},
        reject_case{"* * * * SAT-MON", "range 'SAT-MON' is reversed"},
        reject_case{"* * * DEC-JAN *", "range 'DEC-JAN' is reversed"},
        reject_case{"*/0 * * * *", "minute field: step 0 in '*/0' is not allowed"},
        reject_case{"0-30/0 * * * *", "step 0 in '0-30/0' is not allowed"},
        reject_case{"5/2 * * * *", "minute field: a step needs '*' or a range before it: '5/2'"},
        reject_case{"* * * * MON/2", "a step needs '*' or a range before it"},
        reject_case{"*/ * * * *", "'/' must be followed by a step"},
        reject_case{"1,,2 * * * *", "minute field: empty list item in '1,,2'"},
        reject_case{"1, * * * *", "empty list item"}, reject_case{",1 * * * *", "empty list item"},
        reject_case{"0 0 ? * MON", "day-of-month field: '?' is not supported"},
        reject_case{"0 0 * * ?", "day-of-week field: '?' is not supported"},
        reject_case{"0 0 L * *", "day-of-month field: 'L' (last day) is not supported"},
        reject_case{"0 0 LW * *", "'L' (last day) is not supported"},
        reject_case{"0 0 15W * *", "'W' (nearest weekday) is not supported"},
        reject_case{"0 0 * * 5L", "day-of-week field: 'L' (last day) is not supported"},
        reject_case{"0 0 * * 5#3", "day-of-week field: '#' (the nth weekday of the month)"},
        reject_case{"@reboot", "@reboot is not supported"},
        reject_case{"@every_minute", "unknown nickname '@every_minute'"},
        reject_case{"@DAILY", "nicknames are lower case"}, reject_case{"@daily 5", "cannot be followed by more text"},
        reject_case{"0 0 31 2 *", "day-of-month and month never match: '0 0 31 2 *' can never fire"},
        reject_case{"0 0 30 2 *", "'0 0 30 2 *' can never fire"}, reject_case{"0 0 30,31 2 *", "can never fire"},
        reject_case{"0 0 31 4,6,9,11 *", "can never fire"},
        reject_case{"0 0 31 2 */2", "can never fire"},  // AND rule: dow begins with '*'
        reject_case{"0 0 * FOO *", "month field: unknown name 'FOO' (use JAN-DEC)"},
        reject_case{"0 0 * MON *", "month field: unknown name 'MON'"},
        reject_case{"0 0 * * MONDAY", "day-of-week field: unknown name 'MONDAY' (use SUN-SAT)"},
        reject_case{"0 0 * * JAN", "unknown name 'JAN'"},
        reject_case{"abc * * * *", "minute field: names are not allowed here"},
        reject_case{"5x * * * *", "minute field: unexpected 'x' in '5x'"}, reject_case{"*/x * * * *", "unexpected 'x'"},
        reject_case{"1-2-3 * * * *", "a range has two ends"}, reject_case{"*-5 * * * *", "'*' cannot start a range"},
        reject_case{"** * * * *", "'*' must stand alone"},
        reject_case{"5- * * * *", "a value is missing at the end of '5-'"},
        reject_case{"-5 * * * *", "unexpected character '-' in '-5'"},
        reject_case{"0 0 * * 1\xff", "unexpected character '\\xff'"},
        // Control characters: only spaces and tabs separate fields, and a line end copied
        // along with a crontab line makes the text invalid rather than being trimmed.
        reject_case{"0 9 * * *\n", "must not contain control characters: found '\\x0a' (a line feed) at position 10"},
        reject_case{"0 9 * * *\r", "found '\\x0d' (a carriage return) at position 10"},
        reject_case{"0 9 * * *\r\n", "found '\\x0d' (a carriage return)"},
        reject_case{"\n0 9 * * *", "found '\\x0a' (a line feed) at position 1"},
        reject_case{"0\n9 * * * *", "must not contain control characters"},
        reject_case{"0 9 * * *\x01", "found '\\x01' at position 10"},
        reject_case{"0 0 * * 1\x01", "must not contain control characters"},
        reject_case{"0 9 * * *\x7f", "found '\\x7f' (DEL)"}, reject_case{"0 9 * * *\f", "found '\\x0c'"},
        reject_case{"0 9 * * *\v", "found '\\x0b'"}, reject_case{"0 9 * * *\x1b[31m", "found '\\x1b'"},
        reject_case{"\n", "must not contain control characters"},
        reject_case{"@daily\n", "must not contain control characters"},
        reject_case{std::string_view("0 9 * * *\0", 10), "found '\\x00' (a NUL) at position 10"},
        reject_case{std::string_view("0 9\0 * * *", 10), "(a NUL) at position 4"}));

// ---------------------------------------------------------------------------------------

TEST(parse, keeps_the_text_without_surrounding_whitespace) {
  EXPECT_EQ(must_parse("  0 9 * * 1-5 \t").text(), "0 9 * * 1-5");
  EXPECT_EQ(must_parse("\t@daily ").text(), "@daily");
}

TEST(parse, tabs_separate_fields_like_spaces) {
  const auto& utc = testing::zone("UTC");
  const instant from = testing::at("2026-01-01T00:00:00Z");
  const auto spaced = next_runs(must_parse("30 9 * * 1-5"), utc, from, 5);
  EXPECT_EQ(next_runs(must_parse("30\t9\t*\t*\t1-5"), utc, from, 5), spaced);
  EXPECT_EQ(next_runs(must_parse("\t30 \t9\t\t* *  1-5\t"), utc, from, 5), spaced);
}

// ---------------------------------------------------------------------------------------
// A step larger than its range yields the range's first value only (cronie does the same
// and prints a warning); step_notes() is that warning. Each row: the expression, the
// expression it is equivalent to, and the notes.
struct step_case {
  std::string_view expr;
  std::string_view same_as;
  std::vector<std::string> notes;
};

void PrintTo(const step_case& c, std::ostream* os) { *os << '"' << c.expr << '"'; }

class step_larger_than_span : public ::testing::TestWithParam<step_case> {};

TEST_P(step_larger_than_span, yields_the_first_value_and_says_so) {
  const step_case& c = GetParam();
  const expression e = must_parse(c.expr);
  EXPECT_EQ(e.step_notes(), c.notes);
  for (const auto& note : e.step_notes()) {
    for (const char ch : note) EXPECT_TRUE(ch >= 0x20 && ch < 0x7f) << note;
  }
  // The same fires as the equivalent expression, over every field's cycle.
  const auto& utc = testing::zone("UTC");
  const instant from = testing::at("2026-01-01T00:00:00Z");
  const expression same = must_parse(c.same_as);
  EXPECT_EQ(next_runs(e, utc, from, 40), next_runs(same, utc, from, 40));
  EXPECT_TRUE(same.step_notes().empty());
}

INSTANTIATE_TEST_SUITE_P(
    table, step_larger_than_span,
    ::testing::Values(
        step_case{"0 */30 * * *",
                  "0 0 * * *",
                  {"'*/30' in the hour field means hour 0 only: its step 30 is larger than the field's span 0-23"}},
        step_case{"0 */24 * * *",
                  "0 0 * * *",
                  {"'*/24' in the hour field means hour 0 only: its step 24 is larger than the field's span 0-23"}},
        step_case{"0-10/20 * * * *",
                  "0 * * * *",
                  {"'0-10/20' in the minute field means minute 0 only: its step 20 is larger than the range 0-10"}},
        step_case{"*/60 * * * *",
                  "0 * * * *",
                  {"'*/60' in the minute field means minute 0 only: its step 60 is larger than the field's span 0-59"}},
        step_case{"*/90 9 * * *",
                  "0 9 * * *",
                  {"'*/90' in the minute field means minute 0 only: its step 90 is larger than the field's span 0-59"}},
        // Huge steps are not wrapped (cronie's int would turn 2^32 + 5 into 5).
        step_case{"*/4294967301 * * * *",
                  "0 * * * *",
                  {"'*/4294967301' in the minute field means minute 0 only: its step 4294967301 is larger than the "
                   "field's span 0-59"}},
        step_case{"30-40/11,45 * * * *",
                  "30,45 * * * *",
                  {"'30-40/11' in the minute field means minute 30 only: its step 11 is larger than the range 30-40"}},
        step_case{"0 9 */31 * *",
                  "0 9 1 * *",
                  {"'*/31' in the day-of-month field means day 1 only: its step 31 is larger than the field's span "
                   "1-31"}},
        step_case{"0 9 1 */12 *",
                  "0 9 1 1 *",
                  {"'*/12' in the month field means January only: its step 12 is larger than the field's span 1-12"}},
        step_case{"0 9 1 MAR-JUN/9 *",
                  "0 9 1 3 *",
                  {"'MAR-JUN/9' in the month field means March only: its step 9 is larger than the range MAR-JUN"}},
        step_case{"0 9 * * */8",
                  "0 9 * * 0",
                  {"'*/8' in the day-of-week field means Sunday only: its step 8 is larger than the field's span 0-7"}},
        step_case{"0 9 * * FRI-SUN/3",
                  "0 9 * * 5",
                  {"'FRI-SUN/3' in the day-of-week field means Friday only: its step 3 is larger than the range "
                   "FRI-SUN"}},
        // One note per field, one per field that has such a step.
        step_case{"*/60,*/70 */30 * * *",
                  "0 0 * * *",
                  {"'*/60' in the minute field means minute 0 only: its step 60 is larger than the field's span 0-59",
                   "'*/30' in the hour field means hour 0 only: its step 30 is larger than the field's span 0-23"}},
        // No note: the step reaches a second value, or the range has one value anyway.
        step_case{"*/59 * * * *", "0,59 * * * *", {}}, step_case{"0-10/10 * * * *", "0,10 * * * *", {}},
        step_case{"0 */23 * * *", "0 0,23 * * *", {}}, step_case{"0 0 * * */7", "0 0 * * 0", {}},
        step_case{"5-5/30 * * * *", "5 * * * *", {}}, step_case{"@hourly", "0 * * * *", {}}));

TEST(parse, validate_is_empty_for_valid_text) {
  EXPECT_EQ(expression::validate("0 9 * * *"), std::nullopt);
  EXPECT_EQ(expression::validate("@weekly"), std::nullopt);
}

TEST(parse, nicknames_expand_to_their_five_fields) {
  using testing::at;
  const auto& utc = testing::zone("UTC");
  const instant from = at("2026-05-13T10:17:00Z");  // a Wednesday
  const std::pair<std::string_view, std::string_view> pairs[] = {
      {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"}, {"@weekly", "0 0 * * 0"},
      {"@daily", "0 0 * * *"},  {"@midnight", "0 0 * * *"}, {"@hourly", "0 * * * *"}};
  for (const auto& [nick, fields] : pairs) {
    SCOPED_TRACE(std::string(nick));
    const expression a = must_parse(nick);
    const expression b = must_parse(fields);
    EXPECT_EQ(a.is_fixed_time(), b.is_fixed_time());
    EXPECT_EQ(a.describe(), b.describe());
    EXPECT_EQ(next_runs(a, utc, from, 5), next_runs(b, utc, from, 5));
  }
}

TEST(parse, sunday_is_both_zero_and_seven) {
  const auto& utc = testing::zone("UTC");
  const instant from = testing::at("2026-01-01T00:00:00Z");
  const auto sundays = next_runs(must_parse("0 8 * * 0"), utc, from, 10);
  EXPECT_EQ(next_runs(must_parse("0 8 * * 7"), utc, from, 10), sundays);
  EXPECT_EQ(next_runs(must_parse("0 8 * * SUN"), utc, from, 10), sundays);
  EXPECT_EQ(next_runs(must_parse("0 8 * * 0,7"), utc, from, 10), sundays);
  EXPECT_EQ(next_runs(must_parse("0 8 * * FRI-SUN"), utc, from, 10),
            next_runs(must_parse("0 8 * * 5-7"), utc, from, 10));
  EXPECT_EQ(next_runs(must_parse("0 8 * * 5-0"), utc, from, 10), next_runs(must_parse("0 8 * * 5,6,0"), utc, from, 10));
}

TEST(parse, matches_reads_every_field) {
  const expression e = must_parse("30 9 1,15 * 5");  // OR rule
  const auto local = [](int y, unsigned m, unsigned d, int h, int min) {
    return date::local_seconds{date::local_days{date::year{y} / m / d}} + std::chrono::hours{h} +
           std::chrono::minutes{min};
  };
  EXPECT_TRUE(e.matches(local(2026, 1, 1, 9, 30)));   // the 1st, a Thursday
  EXPECT_TRUE(e.matches(local(2026, 1, 2, 9, 30)));   // a Friday
  EXPECT_FALSE(e.matches(local(2026, 1, 3, 9, 30)));  // a Saturday
  EXPECT_FALSE(e.matches(local(2026, 1, 2, 9, 31)));
  EXPECT_FALSE(e.matches(local(2026, 1, 2, 10, 30)));
}

}  // namespace
}  // namespace rf::cron
