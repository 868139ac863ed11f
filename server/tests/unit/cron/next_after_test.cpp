// next_after: hand-checked tables (every expected instant was worked out by hand and
// confirmed with Python's zoneinfo and GNU date, not copied from the engine), then a
// brute-force oracle that resolves every candidate wall-clock minute through
// date::time_zone::get_info(local_time) around real clock changes in many zones.
#include "cron_oracle.hpp"
#include "test_support.hpp"

#include <algorithm>

namespace rf::cron {
namespace {

using testing::at;
using testing::must_parse;
using testing::zone;

// check_next(expr, tz, from, expected...): the fires strictly after `from`, in order.
struct next_case {
  std::string_view expr;
  std::string_view tz;
  std::string_view from;
  std::vector<std::string_view> expected;
};

void PrintTo(const next_case& c, std::ostream* os) { *os << '"' << c.expr << "\" in " << c.tz << " after " << c.from; }

void check_next(const next_case& c) {
  const expression e = must_parse(c.expr);
  const date::time_zone& tz = zone(c.tz);
  instant t = at(c.from);
  for (const std::string_view expected : c.expected) {
    const auto next = e.next_after(t, tz);
    ASSERT_TRUE(next.has_value()) << "no fire after " << format_utc(t);
    EXPECT_EQ(format_utc(*next), expected) << "after " << format_utc(t);
    t = *next;
  }
}

class next_after_utc : public ::testing::TestWithParam<next_case> {};
TEST_P(next_after_utc, table) { check_next(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    basics, next_after_utc,
    ::testing::Values(
        next_case{"* * * * *", "UTC", "2026-01-01T00:00:00Z", {"2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"}},
        next_case{"* * * * *", "UTC", "2026-01-01T00:00:30Z", {"2026-01-01T00:01:00Z"}},
        next_case{"* * * * *", "UTC", "2026-12-31T23:59:59Z", {"2027-01-01T00:00:00Z"}},
        next_case{"30 2 * * *", "UTC", "2026-01-01T02:30:00Z", {"2026-01-02T02:30:00Z"}},
        next_case{"30 2 * * *", "UTC", "2026-01-01T02:29:59Z", {"2026-01-01T02:30:00Z"}},
        next_case{"0 0 1 1 *", "UTC", "2026-01-01T00:00:00Z", {"2027-01-01T00:00:00Z"}},
        next_case{"0 * * * *", "UTC", "2026-01-01T00:00:00Z", {"2026-01-01T01:00:00Z"}}));

INSTANTIATE_TEST_SUITE_P(
    steps_ranges_lists, next_after_utc,
    ::testing::Values(next_case{"*/15 * * * *", "UTC", "2026-01-01T00:14:59Z", {"2026-01-01T00:15:00Z"}},
                      next_case{"*/15 * * * *", "UTC", "2026-01-01T23:50:00Z", {"2026-01-02T00:00:00Z"}},
                      next_case{"*/25 * * * *", "UTC", "2026-01-01T00:50:00Z", {"2026-01-01T01:00:00Z"}},
                      next_case{"5-20/5 * * * *", "UTC", "2026-01-01T10:21:00Z", {"2026-01-01T11:05:00Z"}},
                      next_case{"0 9-17/4 * * *",
                                "UTC",
                                "2026-01-01T10:00:00Z",
                                {"2026-01-01T13:00:00Z", "2026-01-01T17:00:00Z", "2026-01-02T09:00:00Z"}},
                      next_case{"59 23 28-31 * *", "UTC", "2026-02-28T23:59:00Z", {"2026-03-28T23:59:00Z"}}));

// A step larger than its range yields the range's first value only, as in cronie.
INSTANTIATE_TEST_SUITE_P(
    steps_larger_than_the_span, next_after_utc,
    ::testing::Values(
        next_case{"0 */30 * * *", "UTC", "2026-01-01T00:00:00Z", {"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"}},
        next_case{"15 */24 * * *", "UTC", "2026-01-01T00:15:00Z", {"2026-01-02T00:15:00Z"}},
        next_case{"0-10/20 * * * *", "UTC", "2026-01-01T10:00:00Z", {"2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z"}},
        next_case{"*/60 * * * *", "UTC", "2026-01-01T10:30:00Z", {"2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z"}},
        next_case{"*/90 9 * * *", "UTC", "2026-01-01T09:00:00Z", {"2026-01-02T09:00:00Z"}},
        next_case{"30-40/11,45 * * * *",
                  "UTC",
                  "2026-01-01T10:30:00Z",
                  {"2026-01-01T10:45:00Z", "2026-01-01T11:30:00Z", "2026-01-01T11:45:00Z"}},
        next_case{"0 9 */31 * *", "UTC", "2026-01-01T09:00:00Z", {"2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z"}},
        next_case{"0 12 1 */12 *", "UTC", "2026-02-01T00:00:00Z", {"2027-01-01T12:00:00Z"}},
        // 2026-01-01 is a Thursday.
        next_case{"0 9 * * */8", "UTC", "2026-01-01T00:00:00Z", {"2026-01-04T09:00:00Z", "2026-01-11T09:00:00Z"}},
        next_case{
            "0 9 * * FRI-SUN/3", "UTC", "2026-01-01T00:00:00Z", {"2026-01-02T09:00:00Z", "2026-01-09T09:00:00Z"}}));

INSTANTIATE_TEST_SUITE_P(
    names_and_weekdays, next_after_utc,
    ::testing::Values(
        next_case{"0 12 * JAN,jul *", "UTC", "2026-02-01T00:00:00Z", {"2026-07-01T12:00:00Z"}},
        next_case{"0 12 * * mon-FRI", "UTC", "2026-01-02T12:00:00Z", {"2026-01-05T12:00:00Z"}},
        next_case{"0 8 * * 7", "UTC", "2026-01-01T00:00:00Z", {"2026-01-04T08:00:00Z"}},
        next_case{"0 8 * * FRI-SUN",
                  "UTC",
                  "2026-01-02T08:00:00Z",
                  {"2026-01-03T08:00:00Z", "2026-01-04T08:00:00Z", "2026-01-09T08:00:00Z", "2026-01-10T08:00:00Z"}},
        next_case{"0 8 * * 5-0", "UTC", "2026-01-03T08:00:00Z", {"2026-01-04T08:00:00Z", "2026-01-09T08:00:00Z"}},
        next_case{"0 0 * * 0", "UTC", "2026-12-31T00:00:00Z", {"2027-01-03T00:00:00Z"}},
        next_case{"@weekly", "UTC", "2026-01-01T00:00:00Z", {"2026-01-04T00:00:00Z"}},
        next_case{"@yearly", "UTC", "2026-06-01T00:00:00Z", {"2027-01-01T00:00:00Z"}},
        next_case{"@monthly", "UTC", "2026-12-15T00:00:00Z", {"2027-01-01T00:00:00Z"}},
        next_case{"@daily", "UTC", "2026-01-01T00:00:00Z", {"2026-01-02T00:00:00Z"}},
        next_case{"@hourly", "UTC", "2026-01-01T00:59:59Z", {"2026-01-01T01:00:00Z"}}));

INSTANTIATE_TEST_SUITE_P(
    day_of_month_or_day_of_week, next_after_utc,
    ::testing::Values(
        // Neither field begins with '*': the 1st, the 15th and every Friday.
        next_case{"0 9 1,15 * 5",
                  "UTC",
                  "2026-01-01T09:00:00Z",
                  {"2026-01-02T09:00:00Z", "2026-01-09T09:00:00Z", "2026-01-15T09:00:00Z", "2026-01-16T09:00:00Z",
                   "2026-01-23T09:00:00Z"}},
        // '*/2' begins with '*': odd days that are also Fridays.
        next_case{"0 9 */2 * 5",
                  "UTC",
                  "2026-01-01T00:00:00Z",
                  {"2026-01-09T09:00:00Z", "2026-01-23T09:00:00Z", "2026-02-13T09:00:00Z", "2026-02-27T09:00:00Z"}},
        next_case{"0 9 * * */2", "UTC", "2026-01-01T09:00:00Z", {"2026-01-03T09:00:00Z", "2026-01-04T09:00:00Z"}},
        // 31 February never comes, but Mondays in February do.
        next_case{"0 0 31 2 1", "UTC", "2026-01-01T00:00:00Z", {"2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z"}}));

INSTANTIATE_TEST_SUITE_P(
    month_ends_and_leap_years, next_after_utc,
    ::testing::Values(
        next_case{"0 0 1 * *", "UTC", "2026-01-31T12:00:00Z", {"2026-02-01T00:00:00Z"}},
        next_case{"0 0 31 * *", "UTC", "2026-01-31T00:00:00Z", {"2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z"}},
        next_case{"0 0 30 * *", "UTC", "2026-01-30T00:00:00Z", {"2026-03-30T00:00:00Z"}},
        next_case{"0 0 29 2 *", "UTC", "2026-01-01T00:00:00Z", {"2028-02-29T00:00:00Z"}},
        next_case{"0 0 29 2 *", "UTC", "2000-01-01T00:00:00Z", {"2000-02-29T00:00:00Z"}},
        // 2100 is not a leap year: eight years between two 29 Februaries.
        next_case{"0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", {"2104-02-29T00:00:00Z"}},
        // 29 February on a Sunday: 2032, 2060, 2088, then 40 years until 2128.
        next_case{"0 0 29 2 */7",
                  "UTC",
                  "2026-01-01T00:00:00Z",
                  {"2032-02-29T00:00:00Z", "2060-02-29T00:00:00Z", "2088-02-29T00:00:00Z", "2128-02-29T00:00:00Z"}}));

INSTANTIATE_TEST_SUITE_P(
    odd_offsets, next_after_utc,
    ::testing::Values(
        // Kathmandu is +05:45.
        next_case{"0 9 * * *", "Asia/Kathmandu", "2026-01-01T00:00:00Z", {"2026-01-01T03:15:00Z"}},
        next_case{
            "*/30 * * * *", "Asia/Kathmandu", "2026-01-01T00:00:00Z", {"2026-01-01T00:15:00Z", "2026-01-01T00:45:00Z"}},
        // On 1986-01-01 Kathmandu moved from +05:30 to +05:45: 00:00-00:14 never happened.
        next_case{
            "5 0 * * *", "Asia/Kathmandu", "1985-12-31T12:00:00Z", {"1985-12-31T18:30:00Z", "1986-01-01T18:20:00Z"}}));

// ---------------------------------------------------------------------------------------
// Clock changes.
class next_after_dst : public ::testing::TestWithParam<next_case> {};
TEST_P(next_after_dst, table) { check_next(GetParam()); }

// New York springs forward on 2026-03-08 at 02:00 EST (07:00Z) to 03:00 EDT.
INSTANTIATE_TEST_SUITE_P(
    new_york_spring_forward, next_after_dst,
    ::testing::Values(next_case{"30 2 * * *",
                                "America/New_York",
                                "2026-03-07T12:00:00Z",
                                {"2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"}},
                      next_case{"0,30 2 * * *",
                                "America/New_York",
                                "2026-03-07T12:00:00Z",
                                {"2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"}},
                      next_case{"15 2,3 * * *",
                                "America/New_York",
                                "2026-03-07T12:00:00Z",
                                {"2026-03-08T07:00:00Z", "2026-03-08T07:15:00Z", "2026-03-09T06:15:00Z"}},
                      next_case{"30 2,3 * * *",
                                "America/New_York",
                                "2026-03-07T12:00:00Z",
                                {"2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z"}},
                      // 02:00 collapses onto 03:00, and 03:00 itself matches: one fire, not two.
                      next_case{"0 2,3 * * *",
                                "America/New_York",
                                "2026-03-07T12:00:00Z",
                                {"2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"}},
                      next_case{"0 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", {"2026-03-08T07:00:00Z"}},
                      next_case{"0 3 * * *", "America/New_York", "2026-03-07T12:00:00Z", {"2026-03-08T07:00:00Z"}},
                      // Strictly after, right at and around the collapsed fire.
                      next_case{"30 2 * * *", "America/New_York", "2026-03-08T06:59:59Z", {"2026-03-08T07:00:00Z"}},
                      next_case{"30 2 * * *", "America/New_York", "2026-03-08T07:00:00Z", {"2026-03-09T06:30:00Z"}},
                      next_case{"30 2 * * *", "America/New_York", "2026-03-08T07:00:01Z", {"2026-03-09T06:30:00Z"}},
                      // Wildcard jobs have no fires in the missing hour.
                      next_case{"*/15 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", {"2026-03-09T06:00:00Z"}},
                      next_case{"* * * * *", "America/New_York", "2026-03-08T06:59:00Z", {"2026-03-08T07:00:00Z"}},
                      next_case{"0 * * * *",
                                "America/New_York",
                                "2026-03-08T06:00:00Z",
                                {"2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"}}));

// New York falls back on 2026-11-01 at 02:00 EDT (06:00Z) to 01:00 EST.
INSTANTIATE_TEST_SUITE_P(
    new_york_fall_back, next_after_dst,
    ::testing::Values(
        next_case{
            "30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", {"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"}},
        next_case{"30 1 * * *", "America/New_York", "2026-11-01T05:45:00Z", {"2026-11-02T06:30:00Z"}},
        next_case{
            "0 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", {"2026-11-01T05:00:00Z", "2026-11-02T06:00:00Z"}},
        next_case{"0 2 * * *", "America/New_York", "2026-10-31T12:00:00Z", {"2026-11-01T07:00:00Z"}},
        next_case{"0 * * * *",
                  "America/New_York",
                  "2026-11-01T04:30:00Z",
                  {"2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z"}},
        // The minute begins with '*': wildcard, so both 01:xx stretches fire.
        next_case{"*/15 1 * * *",
                  "America/New_York",
                  "2026-11-01T04:59:00Z",
                  {"2026-11-01T05:00:00Z", "2026-11-01T05:15:00Z", "2026-11-01T05:30:00Z", "2026-11-01T05:45:00Z",
                   "2026-11-01T06:00:00Z", "2026-11-01T06:15:00Z", "2026-11-01T06:30:00Z", "2026-11-01T06:45:00Z",
                   "2026-11-02T06:00:00Z"}}));

// Berlin: 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET.
INSTANTIATE_TEST_SUITE_P(
    berlin, next_after_dst,
    ::testing::Values(
        next_case{
            "30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", {"2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}},
        next_case{"0 * * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", {"2026-03-29T01:00:00Z"}},
        next_case{
            "30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", {"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}},
        next_case{"*/30 2 * * *",
                  "Europe/Berlin",
                  "2026-10-24T12:00:00Z",
                  {"2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
                   "2026-10-26T01:00:00Z"}}));

// '*/30' in the hour field means hour 0 only, but the field begins with '*', so the job is
// wildcard: Santiago skips 00:00-00:59 on 2026-09-06 and it does not run that day, where
// the fixed-time '0 0 * * *' runs at 01:00 -03 (04:00Z).
INSTANTIATE_TEST_SUITE_P(
    santiago_step_larger_than_the_span, next_after_dst,
    ::testing::Values(next_case{"0 */30 * * *",
                                "America/Santiago",
                                "2026-09-05T12:00:00Z",
                                {"2026-09-07T03:00:00Z", "2026-09-08T03:00:00Z"}},
                      next_case{"0 0 * * *", "America/Santiago", "2026-09-05T12:00:00Z", {"2026-09-06T04:00:00Z"}}));

// Lord Howe shifts by 30 minutes: 2026-04-05 02:00 +11 -> 01:30 +1030 (2026-04-04T15:00Z),
// 2026-10-04 02:00 +1030 -> 02:30 +11 (2026-10-03T15:30Z).
INSTANTIATE_TEST_SUITE_P(
    lord_howe, next_after_dst,
    ::testing::Values(next_case{"45 1 * * *",
                                "Australia/Lord_Howe",
                                "2026-04-04T12:00:00Z",
                                {"2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"}},
                      next_case{"*/15 1 * * *",
                                "Australia/Lord_Howe",
                                "2026-04-04T14:00:00Z",
                                {"2026-04-04T14:15:00Z", "2026-04-04T14:30:00Z", "2026-04-04T14:45:00Z",
                                 "2026-04-04T15:00:00Z", "2026-04-04T15:15:00Z", "2026-04-05T14:30:00Z"}},
                      next_case{"15 2 * * *",
                                "Australia/Lord_Howe",
                                "2026-10-03T12:00:00Z",
                                {"2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"}},
                      next_case{"0,15 2 * * *",
                                "Australia/Lord_Howe",
                                "2026-10-03T12:00:00Z",
                                {"2026-10-03T15:30:00Z", "2026-10-04T15:00:00Z"}},
                      next_case{"45 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00:00Z", {"2026-10-03T15:45:00Z"}},
                      next_case{
                          "*/20 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00:00Z", {"2026-10-03T15:40:00Z"}}));

// The southern hemisphere: clocks go forward in October and back in April.
INSTANTIATE_TEST_SUITE_P(
    southern_hemisphere, next_after_dst,
    ::testing::Values(
        // Sydney: 2026-10-04 02:00 AEST -> 03:00 AEDT; 2026-04-05 03:00 AEDT -> 02:00 AEST.
        next_case{
            "30 2 * * *", "Australia/Sydney", "2026-10-03T00:00:00Z", {"2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z"}},
        next_case{
            "30 2 * * *", "Australia/Sydney", "2026-04-04T00:00:00Z", {"2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"}},
        // Santiago changes at midnight: 2026-09-06 00:00 -04 -> 01:00 -03, and
        // 2026-04-05 00:00 -03 -> 2026-04-04 23:00 -04.
        next_case{
            "30 0 * * *", "America/Santiago", "2026-09-05T12:00:00Z", {"2026-09-06T04:00:00Z", "2026-09-07T03:30:00Z"}},
        next_case{"30 23 * * *",
                  "America/Santiago",
                  "2026-04-04T12:00:00Z",
                  {"2026-04-05T02:30:00Z", "2026-04-06T03:30:00Z"}},
        next_case{"* 23 * * *",
                  "America/Santiago",
                  "2026-04-05T02:58:00Z",
                  {"2026-04-05T02:59:00Z", "2026-04-05T03:00:00Z", "2026-04-05T03:01:00Z"}}));

// ---------------------------------------------------------------------------------------
// Bounds.

TEST(next_after, stops_before_the_year_10000) {
  const auto& utc = zone("UTC");
  EXPECT_EQ(must_parse("0 0 1 1 *").next_after(at("9999-06-01T00:00:00Z"), utc), std::nullopt);
  EXPECT_EQ(must_parse("* * * * *").next_after(at("9999-12-31T23:59:00Z"), utc), std::nullopt);
  const auto last = must_parse("* * * * *").next_after(at("9999-12-31T23:58:00Z"), utc);
  ASSERT_TRUE(last);
  EXPECT_EQ(format_utc(*last), "9999-12-31T23:59:00Z");
  // In a zone ahead of UTC the last wall-clock minute of 9999 is still in 9999 UTC.
  const auto tokyo = must_parse("59 23 31 12 *").next_after(at("9999-01-01T00:00:00Z"), zone("Asia/Tokyo"));
  ASSERT_TRUE(tokyo);
  EXPECT_EQ(format_utc(*tokyo), "9999-12-31T14:59:00Z");
}

TEST(next_after, works_far_in_the_past) {
  const auto next = must_parse("0 12 * * *").next_after(at("0001-01-01T00:00:00Z"), zone("UTC"));
  ASSERT_TRUE(next);
  EXPECT_EQ(format_utc(*next), "0001-01-01T12:00:00Z");
}

TEST(next_runs, returns_count_fires_in_order) {
  const auto runs = next_runs(must_parse("0 9 * * 1-5"), zone("Europe/Berlin"), at("2026-01-01T00:00:00Z"), 5);
  const std::vector<std::string> expected{"2026-01-01T08:00:00Z", "2026-01-02T08:00:00Z", "2026-01-05T08:00:00Z",
                                          "2026-01-06T08:00:00Z", "2026-01-07T08:00:00Z"};
  std::vector<std::string> got;
  for (const instant t : runs) got.push_back(format_utc(t));
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(next_runs(must_parse("0 9 * * *"), zone("UTC"), at("2026-01-01T00:00:00Z"), 0).empty());
}

TEST(find_zone, finds_iana_names_and_nothing_else) {
  EXPECT_NE(find_zone("America/New_York"), nullptr);
  EXPECT_NE(find_zone("UTC"), nullptr);
  EXPECT_NE(find_zone("Etc/UTC"), nullptr);
  EXPECT_NE(find_zone("Asia/Kathmandu"), nullptr);
  EXPECT_EQ(find_zone("Mars/Olympus_Mons"), nullptr);
  EXPECT_EQ(find_zone(""), nullptr);
  EXPECT_EQ(find_zone("america/new_york"), nullptr);
  EXPECT_EQ(find_zone("localtime"), nullptr);
  EXPECT_EQ(find_zone("../../etc/passwd"), nullptr);
  EXPECT_EQ(find_zone(std::string(10'000, 'A')), nullptr);
}

// ---------------------------------------------------------------------------------------
// The oracle (server/tests/support/cron_oracle.hpp, shared with the fuzzers): enumerate
// every wall-clock minute of every day in a window, resolve each through
// get_info(local_time), and apply the DST rules literally. Then the engine must produce
// exactly these fires, in order, from any starting instant.

struct oracle_window {
  std::string_view tz;
  std::string_view first_day;  // local dates, inclusive
  std::string_view last_day;
};

void PrintTo(const oracle_window& w, std::ostream* os) { *os << w.tz << " " << w.first_day << ".." << w.last_day; }

constexpr std::string_view oracle_expressions[] = {
    "30 2 * * *", "0,30 2 * * *", "15 2,3 * * *", "0 2,3 * * *", "30 1 * * *", "45 1 * * *", "15 2 * * *",
    "0 1-3 * * *", "5 0-3 * * *", "30 0 * * *", "30 23 * * *", "59 23 * * *", "0 0 * * *", "0 3 * * 0", "0 9 1,15 * 5",
    "0 * * * *", "*/15 1 * * *", "*/15 * * * *", "0 */2 * * *", "* 2 * * *", "*/7 0-3 * * *", "* * * * *",
    "0 0 * * 6,0", "*/20 1-2 * * *",
    // Steps larger than their range: the first value only, with the wildcard DST rules.
    "0 */30 * * *", "0-10/20 1-3 * * *", "*/90 2 * * *", "30 0-3/5 * * *"};

date::local_days local_day(std::string_view ymd) {
  const instant t = at(std::string(ymd) + "T00:00:00Z");
  return date::local_days{date::floor<date::days>(t).time_since_epoch()};
}

class next_after_oracle : public ::testing::TestWithParam<oracle_window> {};

TEST_P(next_after_oracle, matches_a_brute_force_reading_of_the_spec) {
  const date::time_zone& tz = zone(GetParam().tz);
  const date::local_days first = local_day(GetParam().first_day);
  const date::local_days last = local_day(GetParam().last_day);
  // Compare only inside [begin, end): two days of margin on each side of the oracle's
  // window cover any UTC offset.
  const instant begin{(first + date::days{2}).time_since_epoch()};
  const instant end{(last - date::days{1}).time_since_epoch()};
  for (const std::string_view text : oracle_expressions) {
    SCOPED_TRACE(std::string(text));
    const expression e = must_parse(text);
    std::vector<instant> expected;
    const auto oracle = testing::naive_cron::read(text);
    ASSERT_TRUE(oracle);
    for (const instant f : oracle->fires(tz, first, last)) {
      if (f > begin && f < end) expected.push_back(f);
    }

    // The chain of fires from `begin` is exactly the oracle's, in order.
    std::vector<instant> got;
    for (instant t = begin;;) {
      const auto next = e.next_after(t, tz);
      ASSERT_TRUE(next);
      if (*next >= end) break;
      got.push_back(*next);
      t = *next;
    }
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(format_utc(got[i]), format_utc(expected[i])) << "fire #" << i;
    }

    // From arbitrary instants, on and just before each fire too: the first fire
    // strictly after.
    std::vector<instant> probes;
    for (instant t = begin; t < end; t += std::chrono::seconds{7919}) probes.push_back(t);
    for (const instant f : expected) {
      probes.push_back(f);
      probes.push_back(f - std::chrono::seconds{1});
    }
    for (const instant t : probes) {
      const auto it = std::upper_bound(expected.begin(), expected.end(), t);
      if (it == expected.end()) continue;
      const auto next = e.next_after(t, tz);
      ASSERT_TRUE(next);
      ASSERT_EQ(format_utc(*next), format_utc(*it)) << "after " << format_utc(t);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(windows, next_after_oracle,
                         ::testing::Values(oracle_window{"UTC", "2026-02-25", "2026-03-05"},
                                           oracle_window{"America/New_York", "2026-03-05", "2026-03-11"},
                                           oracle_window{"America/New_York", "2026-10-29", "2026-11-04"},
                                           oracle_window{"Europe/Berlin", "2026-03-26", "2026-04-01"},
                                           oracle_window{"Europe/Berlin", "2026-10-22", "2026-10-28"},
                                           oracle_window{"Australia/Lord_Howe", "2026-04-02", "2026-04-08"},
                                           oracle_window{"Australia/Lord_Howe", "2026-10-01", "2026-10-07"},
                                           oracle_window{"Australia/Sydney", "2026-04-02", "2026-04-08"},
                                           oracle_window{"Australia/Sydney", "2026-10-01", "2026-10-07"},
                                           oracle_window{"America/Santiago", "2026-04-01", "2026-04-08"},
                                           oracle_window{"America/Santiago", "2026-09-03", "2026-09-09"},
                                           oracle_window{"Asia/Kathmandu", "1985-12-28", "1986-01-04"},
                                           oracle_window{"Asia/Kathmandu", "2026-06-01", "2026-06-06"},
                                           // St John's is -03:30 / -02:30; Troll jumps by two hours at once.
                                           oracle_window{"America/St_Johns", "2026-03-05", "2026-03-11"},
                                           oracle_window{"America/St_Johns", "2026-10-29", "2026-11-04"},
                                           oracle_window{"Antarctica/Troll", "2026-03-26", "2026-04-01"},
                                           oracle_window{"Antarctica/Troll", "2026-10-22", "2026-10-28"},
                                           // Samoa skipped Friday 2011-12-30 entirely (-10 -> +14).
                                           oracle_window{"Pacific/Apia", "2011-12-26", "2012-01-03"}));

}  // namespace
}  // namespace rf::cron
