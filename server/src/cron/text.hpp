// Small text helpers shared by the cron engine's translation units. Internal: nothing
// outside server/src/cron/ should include this header.
#pragma once

#include <date/date.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace rf::cron::detail {

// Quotes user input for an error message. Messages travel into JSON and into logs, so
// anything that is not printable ASCII is shown as \xNN, and long input is cut short so
// that a hostile megabyte of text does not come back as a megabyte of error.
inline std::string quoted(std::string_view text, std::size_t max_chars = 40) {
  std::string out = "'";
  std::size_t shown = 0;
  for (const char c : text) {
    if (shown == max_chars) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", byte);
      out += buf;
    }
    ++shown;
  }
  out += "'";
  return out;
}

// "a", "a and b", "a, b and c" — or with "or" as the last joiner.
inline std::string join_words(const std::vector<std::string>& items, std::string_view last_joiner = "and") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (i + 1 == items.size()) {
        out += ' ';
        out += last_joiner;
        out += ' ';
      } else {
        out += ", ";
      }
    }
    out += items[i];
  }
  return out;
}

// "09:05" for a wall-clock time.
inline std::string hh_mm(int hour, int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return buf;
}

inline std::string hh_mm(date::local_seconds t) {
  const auto day = date::floor<date::days>(t);
  const auto secs = (t - day).count();
  return hh_mm(static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
}

// "2026-03-08" for the date of a wall-clock time.
inline std::string iso_date(date::local_seconds t) {
  const date::year_month_day ymd{date::floor<date::days>(t)};
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace rf::cron::detail
