// The server's one RFC 3339 reader (cron/rfc3339.cpp): parse_rfc3339_ms, and the two
// readings of it the code uses, parse_rfc3339 (whole seconds, for the cron engine and
// `resolutionflow cron`) and common/time.hpp's parse_instant (epoch milliseconds, which
// is parse_rfc3339_ms's count and is not linked into this test).
#include "test_support.hpp"

#include <chrono>

namespace rf::cron {
namespace {

using testing::at;
using testing::must_parse;
using testing::zone;

std::int64_t epoch_ms(std::string_view text) { return parse_rfc3339_ms(text)->time_since_epoch().count(); }

TEST(rfc3339, parses_what_the_rfc_allows) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z"},        {"2026-03-08t07:00:00z", "2026-03-08T07:00:00Z"},
      {"2026-03-08 07:00:00Z", "2026-03-08T07:00:00Z"},        {"2026-03-08T02:00:00-05:00", "2026-03-08T07:00:00Z"},
      {"2026-03-08T12:45:00+05:45", "2026-03-08T07:00:00Z"},   {"2026-03-08T07:00:00-00:00", "2026-03-08T07:00:00Z"},
      {"2026-03-08T07:00:00.999999Z", "2026-03-08T07:00:00Z"}, {"2026-12-31T23:59:60Z", "2027-01-01T00:00:00Z"},
      {"2028-02-29T00:00:00Z", "2028-02-29T00:00:00Z"},        {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
      {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
  };
  for (const auto& [text, utc] : cases) {
    const auto t = parse_rfc3339(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(format_utc(*t), utc) << text;
  }
}

TEST(rfc3339, refuses_everything_else) {
  // Not the RFC's shape: missing parts, wrong separators, an offset without its colon.
  for (const std::string_view text :
       {"", "2026-03-08", "2026-03-08T07:00:00", "2026-03-08T07:00Z", "2026-03-08T07:00:00+0500",
        "2026-03-08T07:00:00Zjunk", "26-03-08T07:00:00Z", "2026-03-08T07:00:00.Z", "2026-03-08X07:00:00Z",
        "+2026-03-08T07:00:00Z", "2026-03-08T07:00:00 Z", "2026-11-18T11:06:40.123", "2026-11-18T11:06:40.123+01",
        "2026-11-18T11:06:40.123+01:0"}) {
    EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
    EXPECT_EQ(parse_rfc3339_ms(text), std::nullopt) << text;
  }
  // The right shape, but no such date, time or offset.
  for (const std::string_view text : {"2026-02-30T00:00:00Z", "2027-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                                      "2026-03-08T24:00:00Z", "2026-03-08T07:60:00Z", "2026-03-08T07:00:00+24:00"}) {
    EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
    EXPECT_EQ(parse_rfc3339_ms(text), std::nullopt) << text;
  }
}

TEST(rfc3339, keeps_milliseconds_and_truncates_the_rest) {
  const std::pair<std::string_view, std::int64_t> cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2026-11-18T11:06:40Z", 1'795'000'000'000},
      {"2026-11-18T11:06:40.123Z", 1'795'000'000'123},
      {"2026-11-18T12:06:40.123+01:00", 1'795'000'000'123},
      {"2026-11-18T11:06:40.1Z", 1'795'000'000'100},
      {"2026-11-18T11:06:40.12Z", 1'795'000'000'120},
      {"2026-11-18T11:06:40.1239Z", 1'795'000'000'123},
      {"2026-11-18T11:06:40.999999999Z", 1'795'000'000'999},
      {"1969-12-31T23:59:59.500Z", -500},
  };
  for (const auto& [text, ms] : cases) {
    ASSERT_TRUE(parse_rfc3339_ms(text)) << text;
    EXPECT_EQ(epoch_ms(text), ms) << text;
  }
}

TEST(rfc3339, whole_seconds_are_the_floor_of_the_milliseconds) {
  // Before 1970 too: 23:59:59.5 is in the second 23:59:59, not rounded towards 1970.
  EXPECT_EQ(format_utc(*parse_rfc3339("1969-12-31T23:59:59.500Z")), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("0001-01-01T00:00:00.999Z")), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("2026-11-18T11:06:40.999Z")), "2026-11-18T11:06:40Z");
}

TEST(rfc3339, strictly_after_a_fractional_instant) {
  // 09:00:00.5 is after the 09:00 fire, so the next one is tomorrow's.
  const auto e = must_parse("0 9 * * *");
  const auto next = e.next_after(at("2026-01-01T09:00:00.5Z"), zone("UTC"));
  ASSERT_TRUE(next);
  EXPECT_EQ(format_utc(*next), "2026-01-02T09:00:00Z");
}

}  // namespace
}  // namespace rf::cron
