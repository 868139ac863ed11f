#pragma once
// The brute-force cron oracle, one copy for the unit tests (server/tests/unit/cron/) and
// the fuzzers (server/fuzz/fuzz_cron.cpp): an independent, deliberately naive reading of
// docs/cron.md and SPEC §3. It parses the five fields into sets, walks every day and every
// matching wall-clock minute with date.h's calendar, and resolves each minute through
// time_zone::get_info(local_time) applying the DST rules literally. The engine
// (server/src/cron/) does the same with bitsets, day masks and its own calendar
// arithmetic, so agreement between the two is evidence, not tautology.
//
// It depends on date/tz.h and the standard library only; nothing of server/src/cron.

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rf::cron::testing {

struct naive_cron {
  using instant = std::chrono::sys_seconds;

  std::set<int> minutes, hours, days, months, weekdays;
  bool dom_star = false;  // the day-of-month field begins with '*'
  bool dow_star = false;  // the day-of-week field begins with '*'
  bool fixed = false;     // neither minute nor hour begins with '*': a fixed-time job

  // Reads an expression the engine accepted (five fields or a nickname); nullopt when the
  // text does not have five fields.
  static std::optional<naive_cron> read(std::string_view text) {
    static const std::array<std::pair<std::string_view, std::string_view>, 7> nicknames{{{"@yearly", "0 0 1 1 *"},
                                                                                         {"@annually", "0 0 1 1 *"},
                                                                                         {"@monthly", "0 0 1 * *"},
                                                                                         {"@weekly", "0 0 * * 0"},
                                                                                         {"@daily", "0 0 * * *"},
                                                                                         {"@midnight", "0 0 * * *"},
                                                                                         {"@hourly", "0 * * * *"}}};
    for (const auto& [name, fields] : nicknames)
      if (text == name) text = fields;
    std::vector<std::string_view> f;
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      const std::size_t begin = i;
      while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
      if (i > begin) f.push_back(text.substr(begin, i - begin));
    }
    if (f.size() != 5) return std::nullopt;
    naive_cron c;
    c.minutes = field(f[0], 0, 59, false);
    c.hours = field(f[1], 0, 23, false);
    c.days = field(f[2], 1, 31, false);
    c.months = field(f[3], 1, 12, false);
    c.weekdays = field(f[4], 0, 7, true);
    c.dom_star = f[2][0] == '*';
    c.dow_star = f[4][0] == '*';
    c.fixed = f[0][0] != '*' && f[1][0] != '*';
    return c;
  }

  // A number (saturated: a step may be any size, and a long run of digits must not
  // overflow), or a month or day name in any case; -1 when it is neither.
  static int value(std::string_view s) {
    static constexpr std::array<std::string_view, 12> month_names{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    static constexpr std::array<std::string_view, 7> day_names{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    if (s.empty()) return -1;
    if (s[0] >= '0' && s[0] <= '9') {
      int v = 0;
      for (char c : s) v = std::min(v * 10 + (c - '0'), 1'000'000);
      return v;
    }
    std::string up(s);
    for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (int i = 0; i < 12; ++i)
      if (up == month_names[i]) return i + 1;
    for (int i = 0; i < 7; ++i)
      if (up == day_names[i]) return i;
    return -1;
  }

  // The values one field lists: items separated by commas, each `*`, `a` or `a-b`, with an
  // optional `/step`. In the day-of-week field 7 is Sunday and `a-0` runs to Sunday.
  static std::set<int> field(std::string_view text, int low, int high, bool dow) {
    std::set<int> out;
    while (!text.empty()) {
      const auto comma = text.find(',');
      std::string_view item = text.substr(0, comma);
      text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
      int step = 1;
      if (const auto slash = item.find('/'); slash != std::string_view::npos) {
        step = value(item.substr(slash + 1));
        item = item.substr(0, slash);
      }
      int a = low, b = high;
      if (item != "*") {
        const auto dash = item.find('-');
        a = value(item.substr(0, dash));
        b = dash == std::string_view::npos ? a : value(item.substr(dash + 1));
        if (dow && b == 0 && a > 0) b = 7;
      }
      for (int v = a; v <= b && step > 0; v += step) out.insert(dow && v == 7 ? 0 : v);
    }
    return out;
  }

  // The day rule: when either day field begins with '*' both must match, otherwise either.
  bool day_matches(date::year_month_day ymd) const {
    if (!months.contains(static_cast<int>(static_cast<unsigned>(ymd.month())))) return false;
    const bool dom = days.contains(static_cast<int>(static_cast<unsigned>(ymd.day())));
    const bool dow = weekdays.contains(static_cast<int>(date::weekday{date::sys_days{ymd}}.c_encoding()));
    return (dom_star || dow_star) ? (dom && dow) : (dom || dow);
  }

  // The first matching wall-clock minute at or after `from`, looking `max_days` ahead. No
  // time zone is involved: the oracle of expression::next_local().
  std::optional<date::local_seconds> next(date::local_seconds from, int max_days) const {
    const auto first_day = date::floor<date::days>(from);
    for (int i = 0; i <= max_days; ++i) {
      const auto day = first_day + date::days{i};
      if (!day_matches(date::year_month_day{date::sys_days{day.time_since_epoch()}})) continue;
      for (int h : hours)
        for (int m : minutes) {
          const date::local_seconds t = day + std::chrono::hours{h} + std::chrono::minutes{m};
          if (t >= from) return t;
        }
    }
    return std::nullopt;
  }

  // Every fire instant of the local days [first, last] in `tz`, in order: a minute that
  // occurs twice fires at its first occurrence (and at both for wildcard jobs); a minute
  // skipped by a clock change fires at the first instant after the gap for fixed-time jobs
  // and not at all for wildcard jobs. The oracle of expression::next_after().
  std::vector<instant> fires(const date::time_zone& tz, date::local_days first, date::local_days last) const {
    std::set<instant> out;
    for (date::local_days d = first; d <= last; d += date::days{1}) {
      if (!day_matches(date::year_month_day{date::sys_days{d.time_since_epoch()}})) continue;
      for (const int h : hours) {
        for (const int m : minutes) {
          const date::local_seconds wall = d + std::chrono::hours{h} + std::chrono::minutes{m};
          const date::local_info info = tz.get_info(wall);
          const auto utc = [&](const date::sys_info& i) { return instant{wall.time_since_epoch() - i.offset}; };
          switch (info.result) {
            case date::local_info::unique: out.insert(utc(info.first)); break;
            case date::local_info::ambiguous:
              out.insert(utc(info.first));
              if (!fixed) out.insert(utc(info.second));
              break;
            case date::local_info::nonexistent:
              if (fixed) out.insert(info.second.begin);  // the first instant after the gap
              break;
          }
        }
      }
    }
    return {out.begin(), out.end()};
  }
};

}  // namespace rf::cron::testing
