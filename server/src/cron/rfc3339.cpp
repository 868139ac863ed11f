// RFC 3339 in and out: the server's one RFC 3339 reader (common/time.hpp's parse_instant
// is parse_rfc3339_ms in epoch milliseconds). Hand-written rather than through date::parse
// / std::get_time so that it is strict (exact field widths, real calendar dates),
// locale-free, and cannot throw.
#include "cron/cron.hpp"

#include <cstdio>

namespace rf::cron {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::string format_utc(instant t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buf;
}

std::optional<std::chrono::sys_time<std::chrono::milliseconds>> parse_rfc3339_ms(std::string_view s) {
  // date-time = YYYY-MM-DD ("T" / "t" / " ") HH:MM:SS [.fraction] ("Z" / "z" / +HH:MM / -HH:MM)
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !read_digits(s, 5, 2, month) || s[7] != '-' ||
      !read_digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !read_digits(s, 11, 2, hour) ||
      s[13] != ':' || !read_digits(s, 14, 2, minute) || s[16] != ':' || !read_digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    // Any number of digits; the first three are the milliseconds, the rest are truncated.
    const std::size_t digits_start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - digits_start < 3) millis = millis * 10 + (s[pos] - '0');
      ++pos;
    }
    if (pos == digits_start) return std::nullopt;
    for (std::size_t n = pos - digits_start; n < 3; ++n) millis *= 10;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int off_h = 0, off_m = 0;
    if (!read_digits(s, pos + 1, 2, off_h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_digits(s, pos + 4, 2, off_m) || off_h > 23 || off_m > 59) {
      return std::nullopt;
    }
    offset_minutes = (off_h * 60 + off_m) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;

  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  // Second 60 is RFC 3339's leap second; UTC instants here do not count leap seconds, so
  // it is read as the first second of the next minute.
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_time<std::chrono::milliseconds>{date::sys_days{ymd}} + std::chrono::hours{hour} +
         std::chrono::minutes{minute - offset_minutes} + std::chrono::seconds{second} +
         std::chrono::milliseconds{millis};
}

std::optional<instant> parse_rfc3339(std::string_view s) {
  const auto t = parse_rfc3339_ms(s);
  if (!t) return std::nullopt;
  // floor, not a cast: before 1970 a cast would round a fraction up to the next second.
  return date::floor<std::chrono::seconds>(*t);
}

}  // namespace rf::cron
