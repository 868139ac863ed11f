#pragma once
// Which occurrence of a due schedule fires, and how many are recorded as missed (SPEC §4,
// "Catch-up"). Pure: the scheduler asks, then does the I/O.

#include "common/time.hpp"

#include <functional>
#include <optional>

namespace rf::domain {

struct misfire_decision {
  std::optional<millis> fire;  // the occurrence to fire now, if any is within the grace
  long long missed = 0;        // older occurrences (all of them when none fires)
  millis first_missed = 0;     // the range of the missed ones, when missed > 0
  millis last_missed = 0;
};

// `first_due` is the schedule's next_run_at (≤ now); `next_after(t)` gives the first
// occurrence strictly after t, or nullopt when there is none. Every occurrence from
// first_due up to `now` is due: the most recent fires if it is at most `grace_ms` old,
// and the others are missed. The walk stops after `max_walk` steps (then `missed` is a
// lower bound): a schedule that runs every minute and was down for four months.
misfire_decision decide_misfire(millis first_due, millis now, millis grace_ms,
                                const std::function<std::optional<millis>(millis)>& next_after,
                                int max_walk = 200'000);

}  // namespace rf::domain
