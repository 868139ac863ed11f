// Fuzzes the cron engine (server/src/cron): expression::parse() on arbitrary text and,
// for every expression that parses, describe(), next_after(), next_runs() and
// dst_notes() in a zone and from an instant that the input chooses.
//
// Input: <expression> [ '\0' <zone byte> <up to 8 instant bytes, little-endian> ]
// The whole input (NULs included) is parsed as well, so bytes the API can never send
// still reach the parser. Without the tail, the zone and instant are picked from the
// text's hash among instants next to real clock changes.
//
// Contracts checked (cron.hpp): parse never throws and its messages are short printable
// ASCII; validate() agrees with parse(); next_after() is strictly after `t`, lands on a
// matching wall-clock minute or on a spring-forward boundary (fixed-time jobs), stays in
// the years RFC 3339 can print, and runs out only near the year 10000; next_runs() is
// increasing; describe() and dst_notes() are printable ASCII, and dst_notes() starts with
// the step notes (at most one per field); next_local() finds exactly the wall-clock
// minute that a naive reading of docs/cron.md finds.
#include "cron/cron.hpp"
#include "cron_oracle.hpp"
#include "fuzz_support.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

using rf::cron::expression;
using rf::cron::instant;
using std::chrono::seconds;

// Zones with the awkward cases: DST both hemispheres, 30-minute shifts (Lord_Howe),
// negative DST (Dublin, Casablanca's Ramadan changes), a skipped day (Apia 2011), odd
// offsets (St_Johns, Chatham +12:45, Kolkata), +14 and -12, a 2-hour DST (Troll).
constexpr std::array<const char*, 16> zone_names{"UTC",
                                                 "America/New_York",
                                                 "Europe/Berlin",
                                                 "Australia/Lord_Howe",
                                                 "America/Santiago",
                                                 "Pacific/Apia",
                                                 "Asia/Kolkata",
                                                 "Pacific/Chatham",
                                                 "Antarctica/Troll",
                                                 "Africa/Casablanca",
                                                 "Europe/Dublin",
                                                 "America/St_Johns",
                                                 "Asia/Tehran",
                                                 "Pacific/Kiritimati",
                                                 "Etc/GMT+12",
                                                 "Australia/Sydney"};

const std::vector<const date::time_zone*>& zones() {
  static const std::vector<const date::time_zone*> z = [] {
    std::vector<const date::time_zone*> out;
    for (const char* name : zone_names) {
      const auto* tz = rf::cron::find_zone(name);
      RF_FUZZ_CHECK(tz != nullptr, "a zone of the fuzz list is missing from the tz database");
      out.push_back(tz);
    }
    return out;
  }();
  return z;
}

// RFC 3339 years 0000-9999: what parse_rfc3339 can hand to next_after.
constexpr std::int64_t min_t = -62167219200;      // 0000-01-01T00:00:00Z
constexpr std::int64_t max_t = 253402300799;      // 9999-12-31T23:59:59Z
constexpr std::int64_t year_9000 = 221845392000;  // 9000-01-01T00:00:00Z

// Instants a day or two before clock changes, plus the edges of the range.
constexpr std::array<std::int64_t, 12> interesting{
    1772884800,    // 2026-03-07T12:00Z, New York springs forward on the 8th
    1793448000,    // 2026-10-31T12:00Z, New York falls back on 1 November
    1774699200,    // 2026-03-28T12:00Z, Europe on the 29th
    1775304000,    // 2026-04-04T12:00Z, Lord Howe and Sydney fall back on the 5th
    1790942400,    // 2026-10-03T12:00Z, Lord Howe and Sydney spring forward on the 4th
    1325152800,    // 2011-12-29T10:00Z, Apia skips 30 December 2011
    -2717650800,   // 1883-11-18T12:00Z, US railway time replaces local mean time
    0,             // 1970-01-01T00:00Z
    2147483647,    // 2038-01-19T03:14:07Z
    253402214400,  // 9999-12-31T00:00Z
    min_t,
    max_t};

instant pick_instant(std::uint64_t u) {
  if (u & 1) {
    const std::int64_t base = interesting[(u >> 1) % interesting.size()];
    const std::int64_t shift = static_cast<std::int64_t>((u >> 8) % (4 * 86400)) - 2 * 86400;
    return instant{seconds{std::clamp(base + shift, min_t, max_t)}};
  }
  return instant{seconds{min_t + static_cast<std::int64_t>((u >> 1) % std::uint64_t(max_t - min_t + 1))}};
}

// next_local() against the naive oracle from wall-clock `from`, over ten years.
void check_next_local(const expression& e, date::local_seconds from) {
  constexpr int max_days = 3653;
  if (date::year_month_day{date::floor<date::days>(from)}.year() > date::year{9980}) return;
  // The naive reading of docs/cron.md (server/tests/support/cron_oracle.hpp), shared with
  // the unit tests.
  const auto naive = rf::cron::testing::naive_cron::read(e.text());
  RF_FUZZ_CHECK(naive.has_value(), "an accepted expression does not have five fields");
  const auto want = naive->next(from, max_days);
  const date::local_seconds limit = date::floor<date::days>(from) + date::days{max_days + 1};
  const auto got = e.next_local(from, limit);
  RF_FUZZ_CHECK(got == want, "next_local() disagrees with the naive reading of docs/cron.md");
  if (got) RF_FUZZ_CHECK(e.matches(*got), "matches() refuses what next_local() found");
}

void check_parse_error(const std::string& msg) {
  RF_FUZZ_CHECK(!msg.empty(), "parse error message is empty");
  RF_FUZZ_CHECK(rf::fuzz::printable_ascii(msg), "parse error message is not printable ASCII");
  RF_FUZZ_CHECK(msg.size() < 2000, "parse error message echoes too much of the input");
}

void exercise(const expression& e, const date::time_zone& tz, instant t) {
  const std::string d = e.describe();
  RF_FUZZ_CHECK(!d.empty() && rf::fuzz::printable_ascii(d), "describe() is empty or not printable ASCII");

  // The wall clock just after t, in whole seconds like next_after() uses.
  check_next_local(e, date::local_seconds{t.time_since_epoch() + tz.get_info(t).offset + seconds{1}});

  const auto next = e.next_after(t, tz);
  if (!next) {
    RF_FUZZ_CHECK(t.time_since_epoch().count() >= year_9000,
                  "next_after() found no fire although the year 10000 is far away");
  } else {
    RF_FUZZ_CHECK(*next > t, "next_after() is not strictly after t");
    RF_FUZZ_CHECK_ID("year_10000", next->time_since_epoch().count() <= max_t,
                     "next_after() is past 9999-12-31T23:59:59Z, which format_utc cannot print as RFC 3339");
    const date::sys_info info = tz.get_info(*next);
    const date::local_seconds wall{next->time_since_epoch() + info.offset};
    const bool gap_fire = e.is_fixed_time() && info.begin == *next;
    RF_FUZZ_CHECK(e.matches(wall) || gap_fire, "next_after() returned an instant whose wall-clock time does not match");
    // The local search agrees: from just after t's wall clock, the next matching minute
    // exists and is not later than the fire's wall clock (gap fires aside).
    if (!gap_fire) {
      const date::sys_info at_t = tz.get_info(t);
      if (at_t.end > *next) {  // same offset interval: local and UTC move in lockstep
        const date::local_seconds from{t.time_since_epoch() + at_t.offset + seconds{1}};
        const auto local = e.next_local(from, wall + seconds{1});
        RF_FUZZ_CHECK(local.has_value(), "next_local() misses a fire that next_after() found");
        if (!e.is_fixed_time() || tz.get_info(at_t.begin - seconds{1}).offset <= at_t.offset)
          RF_FUZZ_CHECK(*local == wall, "next_after() skipped an earlier match in the same offset interval");
      }
    }
  }

  const auto runs = rf::cron::next_runs(e, tz, t, 4);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    RF_FUZZ_CHECK(runs[i] > (i == 0 ? t : runs[i - 1]), "next_runs() is not strictly increasing");
    RF_FUZZ_CHECK_ID("year_10000", rf::cron::parse_rfc3339(rf::cron::format_utc(runs[i])) == runs[i],
                     "format_utc() of a run does not read back through parse_rfc3339()");
  }
  if (next) RF_FUZZ_CHECK(!runs.empty() && runs[0] == *next, "next_runs() disagrees with next_after()");

  const auto notes = rf::cron::dst_notes(e, tz, t, 4);
  for (const auto& note : notes)
    RF_FUZZ_CHECK(!note.empty() && rf::fuzz::printable_ascii(note), "a DST note is empty or not printable ASCII");
  const auto& step_notes = e.step_notes();
  RF_FUZZ_CHECK(step_notes.size() <= 5 && notes.size() >= step_notes.size() &&
                    std::equal(step_notes.begin(), step_notes.end(), notes.begin()),
                "dst_notes() does not start with the step notes, or a field has more than one");
  for (const auto& note : step_notes) RF_FUZZ_CHECK(note.size() < 400, "a step note echoes too much of the input");
}

void parse_one(std::string_view text, const date::time_zone& tz, instant t) {
  auto parsed = expression::parse(text);
  const auto validated = expression::validate(text);
  if (auto* msg = std::get_if<std::string>(&parsed)) {
    check_parse_error(*msg);
    RF_FUZZ_CHECK(validated && *validated == *msg, "validate() disagrees with parse()");
    return;
  }
  RF_FUZZ_CHECK(!validated, "validate() refuses what parse() accepts");
  exercise(std::get<expression>(parsed), tz, t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);

  const auto& z = zones();
  const date::time_zone* tz;
  instant t;
  if (nul != std::string_view::npos && nul + 1 < input.size()) {
    const std::string_view tail = input.substr(nul + 1);
    tz = z[static_cast<unsigned char>(tail[0]) % z.size()];
    std::uint64_t u = 0;
    std::memcpy(&u, tail.data() + 1, std::min<std::size_t>(8, tail.size() - 1));
    t = pick_instant(u);
  } else {
    const auto h = rf::fuzz::fnv1a(text);
    tz = z[h % z.size()];
    t = pick_instant((h >> 8) | 1);
  }

  parse_one(text, *tz, t);
  if (nul != std::string_view::npos) parse_one(input, *tz, t);
  return 0;
}
