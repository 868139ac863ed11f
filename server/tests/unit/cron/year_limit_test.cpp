// Nothing fires after 9999-12-31T23:59:59Z: RFC 3339 output has four-digit years. West of
// UTC the last local minute of 9999 is already in year 10000 UTC (found by fuzz_cron).

#include "cron/cli.hpp"
#include "cron/cron.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace rf::cron {
namespace {

TEST(year_limit, no_fire_time_past_9999_in_any_zone) {
  auto e = std::get<expression>(expression::parse("59 23 31 12 *"));
  const auto after = *parse_rfc3339("9999-06-01T00:00:00Z");
  EXPECT_FALSE(e.next_after(after, *find_zone("Pacific/Pago_Pago")));  // would be 10000-01-01T10:59Z
  EXPECT_FALSE(e.next_after(after, *find_zone("America/New_York")));
  const auto east = e.next_after(after, *find_zone("Asia/Tokyo"));     // 9999-12-31T14:59Z
  ASSERT_TRUE(east);
  EXPECT_EQ(format_utc(*east), "9999-12-31T14:59:00Z");
}

TEST(year_limit, the_cli_never_prints_a_five_digit_year) {
  std::istringstream in(R"({"expr":"59 23 31 12 *","tz":"Pacific/Pago_Pago","after":"9999-06-01T00:00:00Z","n":3})");
  std::ostringstream out;
  run_cli(in, out);
  EXPECT_EQ(out.str().find("10000-"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("\"next\""), std::string::npos) << out.str();
}

}  // namespace
}  // namespace rf::cron
