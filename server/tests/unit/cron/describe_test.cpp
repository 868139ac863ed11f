// describe() and dst_notes(): the words the schedule panel shows. dst_notes() also carries
// the expression's step notes (parse_test.cpp has their full table).
#include "test_support.hpp"

namespace rf::cron {
namespace {

using testing::at;
using testing::must_parse;
using testing::zone;

struct describe_case {
  std::string_view expr;
  std::string_view text;
};

void PrintTo(const describe_case& c, std::ostream* os) { *os << '"' << c.expr << '"'; }

class describe_table : public ::testing::TestWithParam<describe_case> {};

TEST_P(describe_table, says) { EXPECT_EQ(must_parse(GetParam().expr).describe(), GetParam().text); }

INSTANTIATE_TEST_SUITE_P(
    table, describe_table,
    ::testing::Values(
        describe_case{"0 9 15 * *", "At 09:00 on day 15 of every month"},
        describe_case{"30 2 * * *", "At 02:30 every day"}, describe_case{"*/15 * * * *", "Every 15 minutes"},
        describe_case{"0 9 * * 1-5", "At 09:00 on Monday through Friday"},
        describe_case{"0 9 * * MON-FRI", "At 09:00 on Monday through Friday"},
        describe_case{"0 9 1,15 * 5", "At 09:00 on day 1 and 15 of the month and on Friday"},
        describe_case{"* * * * *", "Every minute"}, describe_case{"0 * * * *", "Every hour"},
        describe_case{"@hourly", "Every hour"}, describe_case{"@daily", "At 00:00 every day"},
        describe_case{"@weekly", "At 00:00 on Sunday"}, describe_case{"@monthly", "At 00:00 on day 1 of every month"},
        describe_case{"@yearly", "At 00:00 on day 1 of January"},
        describe_case{"5 * * * *", "At 5 minutes past the hour"},
        describe_case{"1 * * * *", "At 1 minute past the hour"},
        describe_case{"15,45 * * * *", "At minutes 15 and 45 past the hour"},
        describe_case{"0 */2 * * *", "Every 2 hours"},
        describe_case{"30 */6 * * *", "At 30 minutes past the hour, every 6 hours"},
        describe_case{"0 9,17 * * *", "At 09:00 and 17:00 every day"},
        describe_case{"0,30 9 * * *", "At 09:00 and 09:30 every day"},
        describe_case{"0 8-18 * * *", "Every hour from 08:00 through 18:00"},
        describe_case{"30 8-18 * * 1-5", "Every hour from 08:30 through 18:30 on Monday through Friday"},
        describe_case{"0,30 8-18 * * *", "At minutes 0 and 30 past the hour, between 08:00 and 18:59"},
        describe_case{"*/10 9-17 * * 1-5", "Every 10 minutes, between 09:00 and 17:59 on Monday through Friday"},
        describe_case{"* 9 * * *", "Every minute, between 09:00 and 09:59"},
        describe_case{"*/15 1 * * *", "Every 15 minutes, between 01:00 and 01:59"},
        describe_case{"0 8 * * FRI-SUN", "At 08:00 on Friday through Sunday"},
        describe_case{"0 8 * * 6,0", "At 08:00 on Saturday and Sunday"},
        describe_case{"0 8 * * 1,3,5", "At 08:00 on Monday, Wednesday and Friday"},
        describe_case{"0 9 * 1,7 *", "At 09:00 every day, only in January and July"},
        describe_case{"0 9 * 6-8 1-5", "At 09:00 on Monday through Friday, only in June through August"},
        describe_case{"*/5 * * 12 *", "Every 5 minutes, only in December"},
        describe_case{"0 9 */2 * 5", "At 09:00 on every 2nd day of every month, if it is a Friday"},
        describe_case{"0 0 1-7 * *", "At 00:00 on days 1 through 7 of every month"},
        describe_case{"0 0 29 2 *", "At 00:00 on day 29 of February"},
        describe_case{"0 0 1 */3 *", "At 00:00 on day 1 of January, April, July and October"},
        describe_case{"0 0 15 * 0-6", "At 00:00 every day"},  // OR with every weekday
        describe_case{"0 12 * * 0-7", "At 12:00 every day"},
        // Steps larger than their range say the one value they yield.
        describe_case{"0 */30 * * *", "At 00:00 every day"}, describe_case{"0 */24 * * *", "At 00:00 every day"},
        describe_case{"15 */30 * * 1-5", "At 00:15 on Monday through Friday"},
        describe_case{"*/60 * * * *", "Every hour"}, describe_case{"0-10/20 * * * *", "Every hour"},
        describe_case{"*/90 9 * * *", "At 09:00 every day"}, describe_case{"0-10/20 9 * * *", "At 09:00 every day"},
        describe_case{"*/90 */30 * * *", "At 00:00 every day"},
        describe_case{"*/5 */30 * * *", "Every 5 minutes, between 00:00 and 00:59"},
        describe_case{"*/60 9-17 * * *", "Every hour from 09:00 through 17:00"},
        describe_case{"0 9 */31 * *", "At 09:00 on day 1 of every month"},
        describe_case{"0 9 1 */12 *", "At 09:00 on day 1 of January"},
        describe_case{"0 9 * * */8", "At 09:00 on Sunday"}, describe_case{"0 9 * * FRI-SUN/3", "At 09:00 on Friday"}));

// ---------------------------------------------------------------------------------------

struct notes_case {
  std::string_view expr;
  std::string_view tz;
  std::string_view from;
  int count;
  std::vector<std::string> notes;
};

void PrintTo(const notes_case& c, std::ostream* os) { *os << '"' << c.expr << "\" in " << c.tz << " after " << c.from; }

class dst_notes_table : public ::testing::TestWithParam<notes_case> {};

TEST_P(dst_notes_table, says) {
  const notes_case& c = GetParam();
  EXPECT_EQ(dst_notes(must_parse(c.expr), zone(c.tz), at(c.from), c.count), c.notes);
}

INSTANTIATE_TEST_SUITE_P(
    table, dst_notes_table,
    ::testing::Values(notes_case{"30 2 * * *",
                                 "America/New_York",
                                 "2026-03-07T12:00:00Z",
                                 3,
                                 {"On 2026-03-08 it runs at 03:00: 02:30 does not exist"}},
                      notes_case{"0,30 2 * * *",
                                 "America/New_York",
                                 "2026-03-07T12:00:00Z",
                                 3,
                                 {"On 2026-03-08 it runs at 03:00: 02:00 and 02:30 do not exist"}},
                      notes_case{"30 1 * * *",
                                 "America/New_York",
                                 "2026-10-31T12:00:00Z",
                                 3,
                                 {"On 2026-11-01 01:30 occurs twice; it runs once, at the first (EDT)"}},
                      notes_case{"0 * * * *",
                                 "America/New_York",
                                 "2026-11-01T00:00:00Z",
                                 10,
                                 {"On 2026-11-01 01:00 occurs twice; it runs at both (EDT and EST)"}},
                      notes_case{"*/15 2 * * *",
                                 "America/New_York",
                                 "2026-03-07T12:00:00Z",
                                 2,
                                 {"On 2026-03-08 the clocks skip from 02:00 to 03:00, so it does not run "
                                  "at 02:00, 02:15, 02:30 and 02:45"}},
                      notes_case{"* * * * *",
                                 "America/New_York",
                                 "2026-03-08T06:30:00Z",
                                 100,
                                 {"On 2026-03-08 the clocks skip from 02:00 to 03:00, so it does not run "
                                  "at the 60 times from 02:00 to 02:59"}},
                      notes_case{"15 2 * * *",
                                 "Australia/Lord_Howe",
                                 "2026-10-03T12:00:00Z",
                                 1,
                                 {"On 2026-10-04 it runs at 02:30: 02:15 does not exist"}},
                      notes_case{"45 1 * * *",
                                 "Australia/Lord_Howe",
                                 "2026-04-04T12:00:00Z",
                                 2,
                                 {"On 2026-04-05 01:45 occurs twice; it runs once, at the first (+11)"}},
                      notes_case{"30 0 * * *",
                                 "America/Santiago",
                                 "2026-09-05T12:00:00Z",
                                 2,
                                 {"On 2026-09-06 it runs at 01:00: 00:30 does not exist"}},
                      // Both changes of a year inside the next runs.
                      notes_case{"30 2 * * *",
                                 "Europe/Berlin",
                                 "2026-03-01T00:00:00Z",
                                 250,
                                 {"On 2026-03-29 it runs at 03:00: 02:30 does not exist",
                                  "On 2026-10-25 02:30 occurs twice; it runs once, at the first (CEST)"}},
                      // Nothing to say: the time is clear of the change, or the zone has none, or the
                      // change is after the runs asked about.
                      notes_case{"0 12 * * *", "America/New_York", "2026-03-07T12:00:00Z", 5, {}},
                      notes_case{"30 2 * * *", "UTC", "2026-03-07T12:00:00Z", 5, {}},
                      notes_case{"30 2 * * *", "America/New_York", "2026-03-01T12:00:00Z", 3, {}},
                      // A step larger than its range comes first, then the clock changes.
                      notes_case{"0 */30 * * *",
                                 "UTC",
                                 "2026-03-07T12:00:00Z",
                                 5,
                                 {"'*/30' in the hour field means hour 0 only: its step 30 is larger than the "
                                  "field's span 0-23"}},
                      notes_case{"0-40/45 1 * * *",
                                 "America/New_York",
                                 "2026-10-31T12:00:00Z",
                                 3,
                                 {"'0-40/45' in the minute field means minute 0 only: its step 45 is larger than "
                                  "the range 0-40",
                                  "On 2026-11-01 01:00 occurs twice; it runs once, at the first (EDT)"}}));

}  // namespace
}  // namespace rf::cron
