#include "domain/misfire.hpp"

namespace rf::domain {

misfire_decision decide_misfire(millis first_due, millis now, millis grace_ms,
                                const std::function<std::optional<millis>(millis)>& next_after, int max_walk) {
  millis latest = first_due;
  millis previous = first_due;  // the occurrence before `latest`
  long long due = 1;
  for (int steps = 0; steps < max_walk; ++steps) {
    const auto n = next_after(latest);
    if (!n || *n > now) break;
    previous = latest;
    latest = *n;
    ++due;
  }
  misfire_decision d;
  const bool within_grace = now - latest <= grace_ms;
  if (within_grace) d.fire = latest;
  d.missed = within_grace ? due - 1 : due;
  if (d.missed > 0) {
    d.first_missed = first_due;
    d.last_missed = within_grace ? previous : latest;
  }
  return d;
}

}  // namespace rf::domain
