// Fire-time computation.
//
// Two layers. next_local() walks wall-clock (civil) time only: it finds the next local
// minute whose month, day, hour and minute match, jumping whole months, days and hours
// with bit tricks, and knows nothing about time zones. next_after() walks the zone's
// timeline as a sequence of intervals with one UTC offset each (date::sys_info): inside
// one interval wall-clock time and UTC move in lockstep, so the first matching wall-clock
// minute in the interval is the first fire in it. Clock changes happen only at interval
// boundaries, and that is where the DST rules of SPEC §3 are applied:
//   - spring forward (the new offset is larger): wall-clock times in
//     [boundary + old offset, boundary + new offset) do not exist. A fixed-time job with a
//     match there fires once, at the boundary itself, which is the first instant after
//     the gap. A wildcard job simply has no fires there, which needs no code.
//   - fall back (the new offset is smaller): wall-clock times in
//     [boundary + new offset, boundary + old offset) happen a second time. A fixed-time
//     job already fired at their first occurrence in the previous interval, so its
//     search in the new interval starts after the repeated stretch. A wildcard job fires
//     at every real instant, which again needs no code.
// This is the same information date::time_zone::get_info(local_time) gives as
// local_info (unique / nonexistent / ambiguous), read off the two sys_info values that
// local_info is made of, but in instant order, which is the order we need: for a wildcard
// job, 01:30 EDT comes before 01:00 EST although 01:00 < 01:30 on the wall clock.
// The tests compare this against a brute-force oracle that resolves every candidate
// minute through get_info(local_time).
#include "cron/cron.hpp"

#include <bit>

namespace rf::cron {
namespace {

using std::chrono::seconds;

// Instants are printed as four-digit years (RFC 3339); the search stops before 10000.
constexpr int last_year = 9999;

// A UTC offset never changes by more than 26 hours at once (Samoa's 2011 jump was 24):
// only this close to the start of an interval can the previous one matter.
constexpr seconds near_transition{27 * 3600};

// Far enough that every expression parse() accepts fires at least once: its pattern of
// days repeats every 400 years.
constexpr seconds search_horizon{401LL * 366 * 86400};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Howard Hinnant's civil-calendar algorithms (the ones date.h is built on), on plain
// integers so that the inner loop does no type juggling.
constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct civil_date {
  std::int64_t year;
  int month;
  int day;
};

constexpr civil_date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

constexpr bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr int last_day_of(std::int64_t y, int m) {
  constexpr int lengths[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : lengths[m];
}

// 0 = Sunday; day 0 of the epoch, 1970-01-01, was a Thursday.
constexpr int weekday_of(std::int64_t z) { return static_cast<int>(((z % 7) + 11) % 7); }

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).year == 2000 && civil_from_days(11017).month == 3);
static_assert(weekday_of(days_from_civil(2026, 3, 8)) == 0);  // a Sunday

template <class T>
int lowest_bit(T bits) {
  return std::countr_zero(bits);
}

}  // namespace

bool expression::matches(date::local_seconds wall_clock) const noexcept {
  const std::int64_t secs = wall_clock.time_since_epoch().count();
  const std::int64_t day = floor_div(secs, 86400);
  const int minute_of_day = static_cast<int>((secs - day * 86400) / 60);
  const civil_date c = civil_from_days(day);
  const int first_weekday = weekday_of(day - (c.day - 1));
  return ((months_ >> c.month) & 1u) && ((day_mask(first_weekday) >> c.day) & 1u) &&
         ((hours_ >> (minute_of_day / 60)) & 1u) && ((minutes_ >> (minute_of_day % 60)) & 1u);
}

std::optional<date::local_seconds> expression::next_local(date::local_seconds from,
                                                          date::local_seconds limit) const noexcept {
  const std::int64_t limit_s = limit.time_since_epoch().count();
  const std::int64_t first_minute = floor_div(from.time_since_epoch().count() + 59, 60);
  std::int64_t day = floor_div(first_minute, 1440);
  const int minute_of_day = static_cast<int>(first_minute - day * 1440);
  int hour = minute_of_day / 60;
  int minute = minute_of_day % 60;
  civil_date c = civil_from_days(day);

  for (;;) {
    if (day * 86400 >= limit_s || c.year > last_year) return std::nullopt;

    if (!((months_ >> c.month) & 1u)) {
      // Jump straight to the first day of the next month that matches.
      const unsigned later = (static_cast<unsigned>(months_) >> (c.month + 1)) << (c.month + 1);
      if (later != 0) {
        c.month = lowest_bit(later);
      } else {
        ++c.year;
        c.month = lowest_bit(static_cast<unsigned>(months_));
      }
      c.day = 1;
      day = days_from_civil(c.year, c.month, 1);
      hour = minute = 0;
      continue;
    }

    const int last = last_day_of(c.year, c.month);
    const std::int64_t first_of_month = day - (c.day - 1);
    const std::uint32_t in_month = day_mask(weekday_of(first_of_month)) & (0xFFFF'FFFFu >> (31 - last));
    const std::uint32_t days_left = (in_month >> c.day) << c.day;
    if (days_left == 0) {
      if (c.month == 12) {
        ++c.year;
        c.month = 1;
      } else {
        ++c.month;
      }
      c.day = 1;
      day = first_of_month + last;
      hour = minute = 0;
      continue;
    }
    const int next_day = lowest_bit(days_left);
    if (next_day != c.day) {
      day += next_day - c.day;
      c.day = next_day;
      hour = minute = 0;
    }

    // The day matches: the first matching hour and minute at or after hour:minute.
    const std::uint32_t hours_left = (hours_ >> hour) << hour;
    if (hours_left != 0) {
      const int next_hour = lowest_bit(hours_left);
      if (next_hour != hour) {
        hour = next_hour;
        minute = 0;
      }
      const std::uint64_t minutes_left = (minutes_ >> minute) << minute;
      if (minutes_left != 0) {
        minute = lowest_bit(minutes_left);
      } else {
        const std::uint32_t later_hours = (hours_ >> (hour + 1)) << (hour + 1);
        hour = later_hours != 0 ? lowest_bit(later_hours) : 24;
        minute = lowest_bit(minutes_);
      }
      if (hour < 24) {
        const std::int64_t result = (day * 1440 + hour * 60 + minute) * 60;
        if (result >= limit_s) return std::nullopt;
        return date::local_seconds{seconds{result}};
      }
    }

    // Nothing left today: the next day, or the next month after the last day.
    if (c.day == last) {
      if (c.month == 12) {
        ++c.year;
        c.month = 1;
      } else {
        ++c.month;
      }
      c.day = 1;
    } else {
      ++c.day;
    }
    ++day;
    hour = minute = 0;
  }
}

namespace {
// Instants are printed as RFC 3339, which has four-digit years: nothing fires after this.
constexpr instant last_instant{date::sys_days{date::year{9999} / 12 / 31}.time_since_epoch() + std::chrono::hours{23} +
                               std::chrono::minutes{59} + seconds{59}};
}  // namespace

std::optional<instant> expression::next_after(instant t, const date::time_zone& tz) const {
  auto found = next_after_unbounded(t, tz);
  if (found && *found > last_instant) return std::nullopt;
  return found;
}

std::optional<instant> expression::next_after_unbounded(instant t, const date::time_zone& tz) const {
  instant s = t + seconds{1};  // strictly after t
  const instant give_up = s + search_horizon;
  for (;;) {
    const date::sys_info info = tz.get_info(s);
    const seconds offset = info.offset;
    date::local_seconds from{s.time_since_epoch() + offset};

    if (fixed_time_ && s - info.begin < near_transition) {
      const seconds before = tz.get_info(info.begin - seconds{1}).offset;
      if (before < offset && s == info.begin) {
        // Spring forward at s itself: a match inside the gap fires now, once, however
        // many matches the gap holds.
        const date::local_seconds gap_start{info.begin.time_since_epoch() + before};
        const date::local_seconds gap_end{info.begin.time_since_epoch() + offset};
        if (next_local(gap_start, gap_end)) return info.begin;
      } else if (before > offset) {
        // Fall back: the repeated wall-clock stretch already fired in the previous
        // interval, at its first occurrence.
        const date::local_seconds repeated_end{info.begin.time_since_epoch() + before};
        if (from < repeated_end) from = repeated_end;
      }
    }

    const date::local_seconds limit{info.end.time_since_epoch() + offset};
    if (const auto wall = next_local(from, limit)) {
      return instant{wall->time_since_epoch() - offset};
    }
    if (info.end >= give_up) return std::nullopt;
    s = info.end;
  }
}

std::vector<instant> next_runs(const expression& e, const date::time_zone& tz, instant from, int count) {
  std::vector<instant> runs;
  if (count <= 0) return runs;
  runs.reserve(static_cast<std::size_t>(count));
  instant t = from;
  while (static_cast<int>(runs.size()) < count) {
    const auto next = e.next_after(t, tz);
    if (!next) break;
    runs.push_back(*next);
    t = *next;
  }
  return runs;
}

const date::time_zone* find_zone(std::string_view name) {
  // "localtime" is a file in the zoneinfo directory that follows the machine's own
  // setting; a schedule must not change meaning when it moves to another host.
  if (name.empty() || name.size() > 128 || name == "localtime") return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace rf::cron
