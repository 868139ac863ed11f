// `resolutionflow cron`: the cron engine for scripts and checks (SPEC §3).
//
// Reads JSON lines {"expr": "30 2 * * *", "tz": "America/New_York",
// "after": "2026-03-07T12:00:00Z", "n": 3} — expr, tz and after required, after in
// RFC 3339 with Z or an offset, n from 1 to 1000 (default 1) — and answers each line with
// exactly one line: {"next": ["2026-03-08T07:00:00Z", ...]} or {"error": "..."}. Bad
// JSON, missing or unknown fields, a bad expression, an unknown zone or a bad time each
// give an error line; nothing the input contains can make it crash or stop early.
// "next" holds fewer than n instants only if the engine finds no more before the year
// 10000.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace rf::cron {

// Answers every line of `in` on `out` and flushes whenever the input has nothing more
// buffered, so it also works as a co-process (one line in, one line out). Returns 0 when
// every line was answered with "next", 1 when at least one was an error.
int run_cli(std::istream& in, std::ostream& out);

// One request line to its one response line (without the newline).
std::string answer_line(std::string_view line);

}  // namespace rf::cron
