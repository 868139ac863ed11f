// The catch-up decision of SPEC §4, table-driven: which occurrence fires after downtime and
// how many are recorded as missed.

#include "domain/misfire.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace rf::domain {
namespace {

constexpr millis minute = 60'000;

// Occurrences every `step` minutes from 0, optionally ending at `last`.
auto every(millis step, std::optional<millis> last = std::nullopt) {
  return [=](millis t) -> std::optional<millis> {
    const millis n = (t / (step * minute) + 1) * step * minute;
    if (last && n > *last) return std::nullopt;
    return n;
  };
}

struct row {
  const char* what;
  millis first_due, now, grace;
  millis step;
  std::optional<millis> last;
  std::optional<millis> fire;
  long long missed;
  millis first_missed, last_missed;
};

TEST(misfire, decides_which_occurrence_fires_and_how_many_are_missed) {
  const row rows[] = {
      {"on time", 5 * minute, 5 * minute, 60 * minute, 5, {}, 5 * minute, 0, 0, 0},
      {"a little late, nothing else due", 5 * minute, 9 * minute, 60 * minute, 5, {}, 5 * minute, 0, 0, 0},
      {"short downtime: latest fires, older ones missed", 5 * minute, 32 * minute, 10 * minute, 5, {}, 30 * minute,
       5, 5 * minute, 25 * minute},
      {"downtime past the grace: nothing fires, all missed", 60 * minute, 210 * minute, 1 * minute, 60, {}, {}, 3,
       60 * minute, 180 * minute},
      {"exactly at the grace: still fires", 60 * minute, 70 * minute, 10 * minute, 60, {}, 60 * minute, 0, 0, 0},
      {"one past the grace", 60 * minute, 70 * minute + 1, 10 * minute, 60, {}, {}, 1, 60 * minute, 60 * minute},
      {"grace zero fires only on the dot", 5 * minute, 5 * minute, 0, 5, {}, 5 * minute, 0, 0, 0},
      {"a schedule that ends", 5 * minute, 60 * minute, 60 * minute, 5, 15 * minute, 15 * minute, 2, 5 * minute,
       10 * minute},
  };
  for (const auto& r : rows) {
    const auto d = decide_misfire(r.first_due, r.now, r.grace, every(r.step, r.last));
    EXPECT_EQ(d.fire, r.fire) << r.what;
    EXPECT_EQ(d.missed, r.missed) << r.what;
    if (r.missed) {
      EXPECT_EQ(d.first_missed, r.first_missed) << r.what;
      EXPECT_EQ(d.last_missed, r.last_missed) << r.what;
    }
  }
}

TEST(misfire, the_walk_is_bounded) {
  // Every minute, down for a year: the walk stops, the newest reached occurrence is far
  // older than the grace, so nothing fires and the count is a lower bound.
  const auto d = decide_misfire(minute, 365LL * 24 * 60 * minute, 60 * minute, every(1), 1000);
  EXPECT_FALSE(d.fire);
  EXPECT_EQ(d.missed, 1001);
}

}  // namespace
}  // namespace rf::domain
