// describe(): the plain-English sentence shown next to a schedule ("At 09:00 on day 15
// of every month"). It is built from the parsed bit sets, so it says what the engine
// will do, plus the field text where the text is the clearer way to say it ("*/15" is
// "every 15 minutes", not a list of four minutes).
#include "cron/cron.hpp"
#include "cron/text.hpp"

#include <charconv>

namespace rf::cron {
namespace {

constexpr std::array<std::string_view, 13> month_words{"",        "January",  "February", "March",  "April",
                                                       "May",     "June",     "July",     "August", "September",
                                                       "October", "November", "December"};
constexpr std::array<std::string_view, 8> weekday_words{"Sunday",   "Monday", "Tuesday",  "Wednesday",
                                                        "Thursday", "Friday", "Saturday", "Sunday"};

std::vector<int> values_of(std::uint64_t bits, int low, int high) {
  std::vector<int> out;
  for (int v = low; v <= high; ++v) {
    if ((bits >> v) & 1u) out.push_back(v);
  }
  return out;
}

// The step n of a field written exactly "*/n", or 0. A step larger than the field's
// span (high - low) yields the first value only, so it is no step to speak of: 0 too.
int star_step(const std::string& field, int span) {
  if (field.size() < 3 || field[0] != '*' || field[1] != '/') return 0;
  int n = 0;
  const auto [end, ec] = std::from_chars(field.data() + 2, field.data() + field.size(), n);
  return ec == std::errc{} && end == field.data() + field.size() && n <= span ? n : 0;
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

// Runs of three or more consecutive values read "a through b"; the rest are listed.
template <class Name>
std::vector<std::string> compress(const std::vector<int>& values, Name name, bool* has_run) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < values.size()) {
    std::size_t j = i;
    while (j + 1 < values.size() && values[j + 1] == values[j] + 1) ++j;
    if (j - i >= 2) {
      parts.push_back(name(values[i]) + " through " + name(values[j]));
      if (has_run != nullptr) *has_run = true;
    } else {
      for (std::size_t k = i; k <= j; ++k) parts.push_back(name(values[k]));
    }
    i = j + 1;
  }
  return parts;
}

std::string number(int v) { return std::to_string(v); }

std::string month_list(std::uint16_t months) {
  return detail::join_words(compress(
      values_of(months, 1, 12), [](int m) { return std::string(month_words[m]); }, nullptr));
}

// Weekdays in the order people say them, Monday first, so that FRI-SUN reads
// "Friday through Sunday".
std::string weekday_list(std::uint8_t weekdays, std::string_view last_joiner = "and") {
  std::vector<int> values;
  for (int w = 1; w <= 7; ++w) {
    if ((weekdays >> (w % 7)) & 1u) values.push_back(w);
  }
  return detail::join_words(compress(
                                values, [](int w) { return std::string(weekday_words[w]); }, nullptr),
                            last_joiner);
}

}  // namespace

std::string expression::describe() const {
  constexpr std::uint64_t every_minute = (std::uint64_t{1} << 60) - 1;
  constexpr std::uint32_t every_hour = (1u << 24) - 1;
  constexpr std::uint32_t every_dom = 0xFFFF'FFFEu;
  constexpr std::uint16_t every_month = 0x1FFE;
  constexpr std::uint8_t every_weekday = 0x7F;

  const std::vector<int> minutes = values_of(minutes_, 0, 59);
  const std::vector<int> hours = values_of(hours_, 0, 23);
  const int minute_step = star_step(fields_[0], 59);
  const int hour_step = star_step(fields_[1], 23);

  // The time of day.
  std::string time;
  bool time_is_list = false;  // "At 09:00 and 17:00": reads well followed by "every day"
  // One time of day reads as that time also for a wildcard job whose steps collapse to
  // one value ("0 */30 * * *" runs at 00:00 only, not "every 30 hours").
  if ((fixed_time_ && minutes.size() * hours.size() <= 8) || (minutes.size() == 1 && hours.size() == 1)) {
    std::vector<std::string> times;
    for (const int h : hours) {
      for (const int m : minutes) times.push_back(detail::hh_mm(h, m));
    }
    time = "At " + detail::join_words(times);
    time_is_list = true;
  } else {
    const bool hours_contiguous = hours.back() - hours.front() + 1 == static_cast<int>(hours.size());
    const bool one_minute = minutes.size() == 1;
    const int m = minutes.front();
    if (one_minute && m == 0 && hour_step > 0 && hours_ != every_hour) {
      time = "Every " + number(hour_step) + " hours";
    } else if (one_minute && hours_ != every_hour && hour_step == 0 && hours_contiguous) {
      time = "Every hour from " + detail::hh_mm(hours.front(), m) + " through " + detail::hh_mm(hours.back(), m);
    } else {
      if (minutes_ == every_minute) {
        time = "Every minute";
      } else if (minute_step > 0) {
        time = "Every " + number(minute_step) + " minutes";
      } else if (one_minute && m == 0) {
        time = "Every hour";
      } else if (one_minute) {
        time = "At " + number(m) + (m == 1 ? " minute" : " minutes") + " past the hour";
      } else {
        time = "At minutes " + detail::join_words(compress(minutes, number, nullptr)) + " past the hour";
      }
      if (hours_ != every_hour) {
        if (hour_step > 0) {
          time += ", every " + number(hour_step) + " hours";
        } else if (hours_contiguous) {
          time += ", between " + detail::hh_mm(hours.front(), 0) + " and " + detail::hh_mm(hours.back(), 59);
        } else {
          time += ", in hours " + detail::join_words(compress(hours, number, nullptr));
        }
      }
    }
  }

  // The days.
  const bool both_must_match = dom_star_ || dow_star_;
  const bool dom_all = days_of_month_ == every_dom;
  const bool dow_all = days_of_week_ == every_weekday;
  const bool month_all = months_ == every_month;

  std::string dom_phrase;
  if (const int step = star_step(fields_[2], 30); step > 1) {
    dom_phrase = "every " + ordinal(step) + " day";
  } else {
    bool has_run = false;
    const auto parts = compress(values_of(days_of_month_, 1, 31), number, &has_run);
    dom_phrase = (has_run ? "days " : "day ") + detail::join_words(parts);
  }

  std::string days;
  bool months_said = false;
  if (both_must_match ? (dom_all && dow_all) : (dom_all || dow_all)) {
    if (time_is_list) days = " every day";
  } else if (both_must_match && dow_all) {
    days = " on " + dom_phrase + " of " + (month_all ? "every month" : month_list(months_));
    months_said = true;
  } else if (both_must_match && dom_all) {
    days = " on " + weekday_list(days_of_week_);
  } else if (both_must_match) {
    days = " on " + dom_phrase + " of " + (month_all ? "every month" : month_list(months_)) + ", if it is a " +
           weekday_list(days_of_week_, "or");
    months_said = true;
  } else {
    days = " on " + dom_phrase + " of the month and on " + weekday_list(days_of_week_);
  }

  std::string out = time + days;
  if (!month_all && !months_said) out += ", only in " + month_list(months_);
  return out;
}

}  // namespace rf::cron
