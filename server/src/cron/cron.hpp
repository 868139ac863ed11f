// The cron engine: parses five-field cron expressions and computes fire instants in an
// IANA time zone, with Debian cron (cronie / Vixie) semantics made exact for DST.
//
// Error contract: input-dependent failures (a bad expression, an unknown zone) come back
// as values — a message in a std::variant or std::optional — never as exceptions. The
// messages are full sentences meant for an engineer's eyes (they become 422 details), and
// they only ever contain printable ASCII, so they are safe to put into JSON as they are.
// Nothing here throws on bad input; only std::bad_alloc can escape.
//
// Time zones: every function takes the zone as an argument and never reads or sets the
// process-wide TZ. Instants are UTC (std::chrono::sys_seconds); wall-clock times exist
// only inside the engine. See docs/cron.md for the full semantics.
#pragma once

#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rf::cron {

using instant = std::chrono::sys_seconds;  // UTC

class expression {
 public:
  // Parses a 5-field expression or a nickname (@daily ...). On failure returns a message
  // that says what is wrong and where, e.g. "minute field: value 61 is out of range 0-59".
  // Fields are separated by spaces or tabs; any other control character (bytes below 0x20
  // and 0x7f, a trailing newline included) makes the text invalid.
  static std::variant<expression, std::string> parse(std::string_view text);

  // The convenience form of parse() for validation only: nullopt when the text is valid.
  static std::optional<std::string> validate(std::string_view text);

  // The first fire instant strictly after t, in zone tz. Returns nullopt only when there
  // is none within about 400 years, or none before the year 10000; parse() already
  // rejects expressions that can never fire, so in practice only the year limit bites.
  std::optional<instant> next_after(instant t, const date::time_zone& tz) const;

  // True when neither the minute nor the hour field begins with '*'. Fixed-time jobs
  // fire once per day-time even across DST changes; wildcard jobs follow real instants.
  bool is_fixed_time() const noexcept { return fixed_time_; }

  // Plain English, e.g. "At 09:00 on day 15 of every month".
  std::string describe() const;

  // What the expression does that its text may not suggest, one sentence per field at
  // most: a step larger than its range is valid (as in cronie) and yields the range's
  // first value only, e.g. "'*/30' in the hour field means hour 0 only: its step 30 is
  // larger than the field's span 0-23". Empty for most expressions. Printable ASCII.
  const std::vector<std::string>& step_notes() const noexcept { return step_notes_; }

  // The expression as given, without the spaces and tabs around it.
  const std::string& text() const noexcept { return text_; }

  // Whether a wall-clock minute matches every field (day-of-month / day-of-week rule
  // included). Seconds are ignored. Exposed for tests and for dst_notes().
  bool matches(date::local_seconds wall_clock) const noexcept;

  // The first wall-clock minute at or after `from` that matches, if it is before
  // `limit`. Pure calendar arithmetic: no time zone is involved.
  std::optional<date::local_seconds> next_local(date::local_seconds from, date::local_seconds limit) const noexcept;

 private:
  expression() = default;
  // next_after without the year-9999 bound.
  std::optional<instant> next_after_unbounded(instant t, const date::time_zone& tz) const;

  // For the weekday of the 1st of a month (0 = Sunday), the days 1..31 of that month
  // that pass the day-of-month / day-of-week rule, before clipping to the month length.
  std::uint32_t day_mask(int weekday_of_first) const noexcept {
    return day_masks_[static_cast<std::size_t>(weekday_of_first)];
  }

  std::uint64_t minutes_ = 0;        // bit m: minute m (0-59) matches
  std::uint32_t hours_ = 0;          // bit h: hour h (0-23) matches
  std::uint32_t days_of_month_ = 0;  // bit d: day d (1-31) matches
  std::uint16_t months_ = 0;         // bit m: month m (1-12) matches
  std::uint8_t days_of_week_ = 0;    // bit w: weekday w (0-6, Sunday = 0) matches
  bool dom_star_ = false;            // the day-of-month field begins with '*'
  bool dow_star_ = false;            // the day-of-week field begins with '*'
  bool fixed_time_ = false;
  std::array<std::uint32_t, 7> day_masks_{};
  std::array<std::string, 5> fields_;  // the five fields after nickname expansion
  std::vector<std::string> step_notes_;
  std::string text_;
};

// Finds an IANA zone by name, or returns nullptr. Uses the system tz database through
// date::locate_zone and never touches the process TZ. "localtime" is refused because it
// names whatever zone the machine happens to be configured with.
const date::time_zone* find_zone(std::string_view name);

// The next `count` fire instants after `from` (fewer only if next_after runs out).
std::vector<instant> next_runs(const expression& e, const date::time_zone& tz, instant from, int count);

// The notes the schedule preview shows: first e.step_notes() (a step larger than its
// range), then what clock changes do to the next `count` runs after `from`, e.g.
// "On 2026-03-08 it runs at 03:00: 02:30 does not exist" or
// "On 2026-11-01 01:30 occurs twice; it runs once, at the first (EDT)".
// Empty when the expression has no step notes and no clock change touches those runs.
std::vector<std::string> dst_notes(const expression& e, const date::time_zone& tz, instant from, int count);

// RFC 3339 helpers shared by the CLI and the API: "2026-03-08T07:00:00Z" (UTC, whole
// seconds) out; any RFC 3339 date-time in (Z or a numeric offset, optional fraction).
// Years 0000-9999 only.
std::string format_utc(instant t);
// The server's one RFC 3339 reader, at millisecond precision: further fraction digits are
// truncated. common/time.hpp's parse_instant is this in epoch milliseconds.
std::optional<std::chrono::sys_time<std::chrono::milliseconds>> parse_rfc3339_ms(std::string_view text);
// The same truncated to whole seconds: fires happen on whole minutes, so truncation keeps
// "strictly after" exact.
std::optional<instant> parse_rfc3339(std::string_view text);

}  // namespace rf::cron
