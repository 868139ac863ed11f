// dst_notes(): says in words what a clock change does to the upcoming runs, so that the
// schedule panel can warn "On 2026-03-08 it runs at 03:00: 02:30 does not exist" before
// it happens rather than leave an engineer to discover it in the run history. The
// expression's step notes come first: the preview has one list of notes, and a step that
// silently collapses to one value is as much a surprise as a clock change.
#include "cron/cron.hpp"
#include "cron/text.hpp"

namespace rf::cron {
namespace {

using std::chrono::seconds;

// The matching wall-clock minutes in [from, to). A gap or an overlap is an hour or less
// in practice (Samoa skipped a whole day once), so this stays small.
std::vector<date::local_seconds> matches_between(const expression& e, date::local_seconds from,
                                                 date::local_seconds to) {
  std::vector<date::local_seconds> out;
  while (auto next = e.next_local(from, to)) {
    out.push_back(*next);
    from = *next + seconds{60};
  }
  return out;
}

// "02:30", "02:00 and 02:30", or for many "the 60 times from 02:00 to 02:59".
std::string times_phrase(const std::vector<date::local_seconds>& times) {
  if (times.size() > 4) {
    return "the " + std::to_string(times.size()) + " times from " + detail::hh_mm(times.front()) + " to " +
           detail::hh_mm(times.back());
  }
  std::vector<std::string> words;
  for (const auto t : times) words.push_back(detail::hh_mm(t));
  return detail::join_words(words);
}

std::string transition_note(const expression& e, const date::sys_info& before, const date::sys_info& after) {
  const auto boundary = after.begin.time_since_epoch();
  if (after.offset > before.offset) {
    const date::local_seconds gap_start{boundary + before.offset};
    const date::local_seconds gap_end{boundary + after.offset};
    const auto skipped = matches_between(e, gap_start, gap_end);
    if (skipped.empty()) return {};
    const std::string day = detail::iso_date(skipped.front());
    const bool plural = skipped.size() > 1;
    if (e.is_fixed_time()) {
      std::string runs_at = detail::hh_mm(gap_end);
      if (detail::iso_date(gap_end) != day) runs_at += " on " + detail::iso_date(gap_end);
      return "On " + day + " it runs at " + runs_at + ": " + times_phrase(skipped) +
             (plural ? " do not exist" : " does not exist");
    }
    return "On " + day + " the clocks skip from " + detail::hh_mm(gap_start) + " to " + detail::hh_mm(gap_end) +
           ", so it does not run at " + times_phrase(skipped);
  }
  const date::local_seconds repeat_start{boundary + after.offset};
  const date::local_seconds repeat_end{boundary + before.offset};
  const auto repeated = matches_between(e, repeat_start, repeat_end);
  if (repeated.empty()) return {};
  const std::string day = detail::iso_date(repeated.front());
  const std::string verb = repeated.size() > 1 ? " occur twice" : " occurs twice";
  if (e.is_fixed_time()) {
    return "On " + day + " " + times_phrase(repeated) + verb + "; it runs once, at the first (" + before.abbrev + ")";
  }
  return "On " + day + " " + times_phrase(repeated) + verb + "; it runs at both (" + before.abbrev + " and " +
         after.abbrev + ")";
}

}  // namespace

std::vector<std::string> dst_notes(const expression& e, const date::time_zone& tz, instant from, int count) {
  std::vector<std::string> notes = e.step_notes();
  const std::vector<instant> runs = next_runs(e, tz, from, count);
  if (runs.empty()) return notes;
  // Every clock change after `from` up to the last run can touch these runs: a gap fire
  // happens exactly at the change, and a skipped or repeated time lies between two runs.
  instant s = from + seconds{1};
  for (;;) {
    const date::sys_info info = tz.get_info(s);
    if (info.end > runs.back()) break;
    const date::sys_info next = tz.get_info(info.end);
    if (next.offset != info.offset) {
      if (std::string note = transition_note(e, info, next); !note.empty()) {
        notes.push_back(std::move(note));
      }
    }
    s = info.end;
  }
  return notes;
}

}  // namespace rf::cron
