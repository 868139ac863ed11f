// Parsing: text -> expression. The grammar is Debian cron's (cronie / Vixie) minus the
// parts that make no sense for a clock-driven schedule (@reboot), with every non-standard
// extension (Quartz's ? L W #, seconds and year fields) refused by name so that the
// engineer learns why their expression from another tool does not work here.
#include "cron/cron.hpp"
#include "cron/text.hpp"

#include <algorithm>
#include <cctype>
#include <span>

namespace rf::cron {
namespace {

constexpr std::array<std::string_view, 12> month_names{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> weekday_names{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
constexpr std::array<std::string_view, 13> month_words{"",        "January",  "February", "March",  "April",
                                                       "May",     "June",     "July",     "August", "September",
                                                       "October", "November", "December"};
constexpr std::array<std::string_view, 7> weekday_words{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                        "Thursday", "Friday", "Saturday"};

enum class field_kind { minute, hour, day_of_month, month, day_of_week };

struct field_spec {
  field_kind kind;
  std::string_view name;
  int low;
  int high;
  std::span<const std::string_view> names;  // names[i] stands for first_name_value + i
  int first_name_value;
  std::string_view name_hint;
};

constexpr std::array<field_spec, 5> field_specs{{
    {field_kind::minute, "minute", 0, 59, {}, 0, ""},
    {field_kind::hour, "hour", 0, 23, {}, 0, ""},
    {field_kind::day_of_month, "day-of-month", 1, 31, {}, 0, ""},
    {field_kind::month, "month", 1, 12, month_names, 1, "JAN-DEC"},
    {field_kind::day_of_week, "day-of-week", 0, 7, weekday_names, 0, "SUN-SAT"},
}};

struct nickname {
  std::string_view name;
  std::array<std::string_view, 5> fields;
};

constexpr std::array<nickname, 7> nicknames{{
    {"@yearly", {"0", "0", "1", "1", "*"}},
    {"@annually", {"0", "0", "1", "1", "*"}},
    {"@monthly", {"0", "0", "1", "*", "*"}},
    {"@weekly", {"0", "0", "*", "*", "0"}},
    {"@daily", {"0", "0", "*", "*", "*"}},
    {"@midnight", {"0", "0", "*", "*", "*"}},
    {"@hourly", {"0", "*", "*", "*", "*"}},
}};

constexpr std::string_view nickname_list = "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";
constexpr std::string_view field_list = "minute hour day-of-month month day-of-week";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The largest days a month can ever have, February counted with its leap day: the
// check for expressions that can never fire uses this.
constexpr std::array<int, 13> max_month_days{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Parses one field into a bit set (bit v set when value v matches). One instance per
// field; errors come back as the message, prefixed with the field's name.
class field_parser {
 public:
  // `note` receives what the field does that its text may not suggest (a step larger than
  // its range); it is left alone otherwise.
  field_parser(const field_spec& spec, std::string_view text, std::string& note)
      : spec_(spec), text_(text), note_(note) {}

  std::variant<std::uint64_t, std::string> parse() {
    std::uint64_t bits = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = text_.find(',', start);
      const std::string_view item =
          text_.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (item.empty()) {
        return fail("empty list item in " + detail::quoted(text_) + " (two commas in a row, or a comma at an end)");
      }
      if (auto error = parse_item(item, bits)) return std::move(*error);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (spec_.kind == field_kind::day_of_week && (bits & (1u << 7))) {
      // 7 is Sunday as well as 0; the engine only knows 0-6.
      bits = (bits | 1u) & ~(std::uint64_t{1} << 7);
    }
    return bits;
  }

 private:
  std::string fail(std::string what) const { return std::string(spec_.name) + " field: " + what; }

  // Describes whatever unexpected text starts at item[pos], naming the foreign syntax
  // when we recognise it.
  std::string unexpected(std::string_view item, std::size_t pos) const {
    const char c = item[pos];
    if (c == '?') return fail("'?' is not supported (it is Quartz syntax); use '*'");
    if (c == '#') return fail("'#' (the nth weekday of the month) is not supported");
    if (is_alpha(c)) {
      std::size_t end = pos;
      while (end < item.size() && is_alpha(item[end])) ++end;
      const std::string word = upper(item.substr(pos, end - pos));
      if (word == "L" || word == "LW") return fail("'L' (last day) is not supported");
      if (word == "W") return fail("'W' (nearest weekday) is not supported");
      if (pos == 0 && !spec_.names.empty()) {
        return fail("unknown name " + detail::quoted(item.substr(pos, end - pos)) + " (use " +
                    std::string(spec_.name_hint) + ")");
      }
      if (pos == 0) {
        return fail("names are not allowed here, only numbers: " + detail::quoted(item));
      }
      return fail("unexpected " + detail::quoted(item.substr(pos, end - pos)) + " in " + detail::quoted(item));
    }
    if (c == '*' && pos > 0) {
      return fail("'*' must stand alone or start a step like '*/5', in " + detail::quoted(item));
    }
    return fail("unexpected character " + detail::quoted(item.substr(pos, 1)) + " in " + detail::quoted(item));
  }

  // Reads a number or (in the month and day-of-week fields) a name at item[pos].
  std::variant<int, std::string> read_value(std::string_view item, std::size_t& pos) const {
    if (pos >= item.size()) {
      return fail("a value is missing at the end of " + detail::quoted(item));
    }
    if (is_digit(item[pos])) {
      const std::size_t begin = pos;
      // Saturate instead of overflowing: any number this large is out of range anyway,
      // and the message shows the digits as written.
      long long value = 0;
      while (pos < item.size() && is_digit(item[pos])) {
        if (value < 1'000'000) value = value * 10 + (item[pos] - '0');
        ++pos;
      }
      if (value < spec_.low || value > spec_.high) {
        return fail("value " + digits(item.substr(begin, pos - begin)) + " is out of range " +
                    std::to_string(spec_.low) + "-" + std::to_string(spec_.high));
      }
      return static_cast<int>(value);
    }
    if (is_alpha(item[pos]) && !spec_.names.empty()) {
      const std::size_t begin = pos;
      while (pos < item.size() && is_alpha(item[pos])) ++pos;
      const std::string word = upper(item.substr(begin, pos - begin));
      for (std::size_t i = 0; i < spec_.names.size(); ++i) {
        if (word == spec_.names[i]) return spec_.first_name_value + static_cast<int>(i);
      }
      pos = begin;
    }
    return unexpected(item, pos);
  }

  // Shows a run of digits in a message, shortened when absurdly long.
  static std::string digits(std::string_view run) {
    if (run.size() <= 24) return std::string(run);
    return std::string(run.substr(0, 24)) + "...";
  }

  // "minute 0", "hour 0", "day 1", "January", "Sunday": how a note names one value.
  std::string value_words(int v) const {
    switch (spec_.kind) {
      case field_kind::minute: return "minute " + std::to_string(v);
      case field_kind::hour: return "hour " + std::to_string(v);
      case field_kind::day_of_month: return "day " + std::to_string(v);
      case field_kind::month: return std::string(month_words[static_cast<std::size_t>(v)]);
      case field_kind::day_of_week: return std::string(weekday_words[static_cast<std::size_t>(v % 7)]);
    }
    return std::to_string(v);
  }

  std::optional<std::string> parse_item(std::string_view item, std::uint64_t& bits) {
    std::size_t pos = 0;
    int first = spec_.low;
    int last = spec_.high;
    bool star = false;
    bool range = false;
    if (item[0] == '*') {
      star = true;
      pos = 1;
    } else {
      auto value = read_value(item, pos);
      if (auto* error = std::get_if<std::string>(&value)) return std::move(*error);
      first = last = std::get<int>(value);
      if (pos < item.size() && item[pos] == '-') {
        ++pos;
        auto end_value = read_value(item, pos);
        if (auto* error = std::get_if<std::string>(&end_value)) return std::move(*error);
        last = std::get<int>(end_value);
        range = true;
      }
    }
    int step = 1;
    std::string_view step_text;
    if (pos < item.size() && item[pos] == '/') {
      if (!star && !range) {
        return fail("a step needs '*' or a range before it: " + detail::quoted(item) + " (write for example '" +
                    std::to_string(first) + "-" + std::to_string(spec_.high) + "/...')");
      }
      ++pos;
      const std::size_t begin = pos;
      long long value = 0;
      while (pos < item.size() && is_digit(item[pos])) {
        if (value < 1'000'000) value = value * 10 + (item[pos] - '0');
        ++pos;
      }
      if (pos == begin) {
        if (pos < item.size()) return unexpected(item, pos);
        return fail("'/' must be followed by a step in " + detail::quoted(item));
      }
      if (value == 0) return fail("step 0 in " + detail::quoted(item) + " is not allowed");
      // A step larger than the range is valid, as in cronie: it yields the range's first
      // value only (the value is saturated above, so it stays far from int overflow).
      step = static_cast<int>(value);
      step_text = item.substr(begin, pos - begin);
    }
    if (pos < item.size()) {
      if (item[pos] == '-' && star) {
        return fail("'*' cannot start a range in " + detail::quoted(item));
      }
      if (item[pos] == '-' && range) {
        return fail("a range has two ends, not more: " + detail::quoted(item));
      }
      return unexpected(item, pos);
    }
    if (spec_.kind == field_kind::day_of_week && range && last == 0 && first > 0) {
      // Debian cron: a day-of-week range ending in 0/SUN runs up to Sunday (FRI-SUN).
      last = 7;
    }
    if (first > last) {
      return fail("range " + detail::quoted(item) +
                  " is reversed (its start is after its end); write the smaller value first");
    }
    if (step > last - first && last > first && note_.empty()) {
      // cronie accepts this with a warning on the terminal; here the preview's notes say
      // it. digits() also shortens a range written with absurdly many leading zeros.
      const std::string range = star
                                    ? "the field's span " + std::to_string(spec_.low) + "-" + std::to_string(spec_.high)
                                    : "the range " + digits(item.substr(0, item.find('/')));
      note_ = detail::quoted(item) + " in the " + std::string(spec_.name) + " field means " + value_words(first) +
              " only: its step " + digits(step_text) + " is larger than " + range;
    }
    for (int v = first; v <= last; v += step) bits |= std::uint64_t{1} << v;
    return std::nullopt;
  }

  const field_spec& spec_;
  std::string_view text_;
  std::string& note_;
};

// Fields are separated by spaces or tabs, so only those are trimmed: any other control
// character (a trailing newline from a copied crontab line included) is refused.
std::string_view trim(std::string_view s) {
  constexpr std::string_view space = " \t";
  const auto begin = s.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(space);
  return s.substr(begin, end - begin + 1);
}

std::vector<std::string_view> split_fields(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_blank(s[i])) ++i;
    if (i == s.size()) break;
    const std::size_t begin = i;
    while (i < s.size() && !is_blank(s[i])) ++i;
    out.push_back(s.substr(begin, i - begin));
  }
  return out;
}

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7f;
}

// The message for the first control character in `text`, if there is one. A control
// character is never part of a cron field; a line feed or carriage return usually means
// the text was copied with its line end, a NUL that it was cut from binary data.
std::optional<std::string> control_character(std::string_view text) {
  const auto found = std::find_if(text.begin(), text.end(), is_control);
  if (found == text.end()) return std::nullopt;
  const std::size_t at = static_cast<std::size_t>(found - text.begin());
  std::string what = detail::quoted(text.substr(at, 1));
  if (*found == '\n') what += " (a line feed)";
  if (*found == '\r') what += " (a carriage return)";
  if (*found == '\0') what += " (a NUL)";
  if (*found == '\x7f') what += " (DEL)";
  return "the expression must not contain control characters: found " + what + " at position " +
         std::to_string(at + 1) + "; separate the fields with spaces or tabs";
}

}  // namespace

std::variant<expression, std::string> expression::parse(std::string_view text) {
  if (auto message = control_character(text)) return std::move(*message);
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) {
    return "the expression is empty: expected 5 fields (" + std::string(field_list) + ") or a nickname such as @daily";
  }
  const std::vector<std::string_view> tokens = split_fields(trimmed);

  std::array<std::string_view, 5> fields;
  if (tokens.front().front() == '@') {
    const std::string_view word = tokens.front();
    if (word == "@reboot") {
      return std::string(
          "@reboot is not supported: a schedule fires on the clock, not when a machine "
          "starts");
    }
    const auto* found =
        std::find_if(nicknames.begin(), nicknames.end(), [&](const nickname& n) { return n.name == word; });
    if (found == nicknames.end()) {
      return "unknown nickname " + detail::quoted(word) + " (nicknames are lower case: " + std::string(nickname_list) +
             ")";
    }
    if (tokens.size() > 1) {
      return detail::quoted(word) + " stands for all five fields and cannot be followed by more text";
    }
    fields = found->fields;
  } else {
    if (tokens.size() != 5) {
      std::string message = "expected 5 fields (" + std::string(field_list) + "), got " + std::to_string(tokens.size());
      if (tokens.size() == 6 || tokens.size() == 7) {
        message += "; seconds and year fields are not supported";
      }
      return message;
    }
    std::copy(tokens.begin(), tokens.end(), fields.begin());
  }

  expression e;
  std::array<std::uint64_t, 5> bits{};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string note;
    auto parsed = field_parser(field_specs[i], fields[i], note).parse();
    if (auto* error = std::get_if<std::string>(&parsed)) return std::move(*error);
    bits[i] = std::get<std::uint64_t>(parsed);
    e.fields_[i] = std::string(fields[i]);
    if (!note.empty()) e.step_notes_.push_back(std::move(note));
  }
  e.minutes_ = bits[0];
  e.hours_ = static_cast<std::uint32_t>(bits[1]);
  e.days_of_month_ = static_cast<std::uint32_t>(bits[2]);
  e.months_ = static_cast<std::uint16_t>(bits[3]);
  e.days_of_week_ = static_cast<std::uint8_t>(bits[4]);
  e.dom_star_ = fields[2].front() == '*';
  e.dow_star_ = fields[4].front() == '*';
  e.fixed_time_ = fields[0].front() != '*' && fields[1].front() != '*';
  e.text_ = std::string(trimmed);

  // When a day must pass both the day-of-month and the day-of-week test, some
  // combinations never happen: 31 February, 30 February, 31 April. Every (month, day)
  // pair that exists falls on every weekday over the 400-year Gregorian cycle, 29
  // February included, so the month lengths are the only thing to check. With the OR
  // rule the day-of-week alone finds days in every month.
  const bool both_must_match = e.dom_star_ || e.dow_star_;
  if (both_must_match) {
    bool can_fire = false;
    for (int month = 1; month <= 12 && !can_fire; ++month) {
      if (!(e.months_ & (1u << month))) continue;
      const std::uint32_t days_in_month = 0xFFFF'FFFFu >> (31 - max_month_days[month]);
      can_fire = (e.days_of_month_ & days_in_month & ~1u) != 0;
    }
    if (!can_fire) {
      return "day-of-month and month never match: " + detail::quoted(e.text_, 80) + " can never fire";
    }
  }

  for (int first_weekday = 0; first_weekday < 7; ++first_weekday) {
    std::uint32_t mask = 0;
    for (int day = 1; day <= 31; ++day) {
      const int weekday = (first_weekday + day - 1) % 7;
      const bool dom_ok = (e.days_of_month_ >> day) & 1u;
      const bool dow_ok = (e.days_of_week_ >> weekday) & 1u;
      if (both_must_match ? (dom_ok && dow_ok) : (dom_ok || dow_ok)) mask |= 1u << day;
    }
    e.day_masks_[static_cast<std::size_t>(first_weekday)] = mask;
  }
  return e;
}

std::optional<std::string> expression::validate(std::string_view text) {
  auto parsed = parse(text);
  if (auto* error = std::get_if<std::string>(&parsed)) return std::move(*error);
  return std::nullopt;
}

}  // namespace rf::cron
