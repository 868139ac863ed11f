// Cron engine throughput: next_after() evaluations per second on one core (SPEC §7 asks
// for millions). Each benchmark cycles through 4096 starting instants spread over
// 2026-2029, seconds included, the way the scheduler asks "what comes after now?" for
// schedules that last fired at unrelated times; a single repeated instant would only
// measure one branch and a warm cache.
#include "cron/cron.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <stdexcept>

namespace {

using rf::cron::expression;
using rf::cron::instant;

expression must_parse(std::string_view text) {
  auto parsed = expression::parse(text);
  if (auto* error = std::get_if<std::string>(&parsed)) throw std::runtime_error(*error);
  return std::get<expression>(std::move(parsed));
}

const std::vector<instant>& starting_instants() {
  static const std::vector<instant> instants = [] {
    std::mt19937_64 random(20260308);
    const instant first = *rf::cron::parse_rfc3339("2026-01-01T00:00:00Z");
    std::uniform_int_distribution<std::int64_t> offset(0, 4LL * 365 * 86400);
    std::vector<instant> out(4096);
    for (auto& t : out) t = first + std::chrono::seconds{offset(random)};
    return out;
  }();
  return instants;
}

void bm_next_after(benchmark::State& state, std::string_view text, std::string_view zone) {
  const expression e = must_parse(text);
  const date::time_zone* tz = rf::cron::find_zone(zone);
  if (tz == nullptr) throw std::runtime_error("zone missing");
  const auto& starts = starting_instants();
  (void)e.next_after(starts.front(), *tz);  // loads the zone file outside the timing
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(e.next_after(starts[i], *tz));
    i = (i + 1) & (starts.size() - 1);
  }
  state.SetItemsProcessed(state.iterations());
}

// A chain of consecutive fires: next_after(previous fire), as next_runs() and the
// preview do.
void bm_next_runs_chain(benchmark::State& state, std::string_view text, std::string_view zone) {
  const expression e = must_parse(text);
  const date::time_zone* tz = rf::cron::find_zone(zone);
  if (tz == nullptr) throw std::runtime_error("zone missing");
  const instant start = *rf::cron::parse_rfc3339("2026-01-01T00:00:00Z");
  const instant stop = *rf::cron::parse_rfc3339("2036-01-01T00:00:00Z");
  instant t = start;
  for (auto _ : state) {
    const auto next = e.next_after(t, *tz);
    t = next && *next < stop ? *next : start;
    benchmark::DoNotOptimize(t);
  }
  state.SetItemsProcessed(state.iterations());
}

void bm_parse(benchmark::State& state, std::string_view text) {
  for (auto _ : state) benchmark::DoNotOptimize(expression::parse(text));
  state.SetItemsProcessed(state.iterations());
}

void bm_describe(benchmark::State& state, std::string_view text) {
  const expression e = must_parse(text);
  for (auto _ : state) benchmark::DoNotOptimize(e.describe());
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK_CAPTURE(bm_next_after, every_5_minutes_utc, "*/5 * * * *", "UTC");
BENCHMARK_CAPTURE(bm_next_after, every_5_minutes_new_york, "*/5 * * * *", "America/New_York");
BENCHMARK_CAPTURE(bm_next_after, daily_0230_new_york, "30 2 * * *", "America/New_York");
BENCHMARK_CAPTURE(bm_next_after, dom_or_dow_berlin, "0 9 1,15 * 5", "Europe/Berlin");
BENCHMARK_CAPTURE(bm_next_after, weekdays_lord_howe, "0 9 * * 1-5", "Australia/Lord_Howe");
BENCHMARK_CAPTURE(bm_next_after, leap_day_utc, "0 0 29 2 *", "UTC");
BENCHMARK_CAPTURE(bm_next_after, leap_day_new_york, "0 0 29 2 *", "America/New_York");
BENCHMARK_CAPTURE(bm_next_runs_chain, every_5_minutes_new_york, "*/5 * * * *", "America/New_York");
BENCHMARK_CAPTURE(bm_next_runs_chain, daily_0230_new_york, "30 2 * * *", "America/New_York");
BENCHMARK_CAPTURE(bm_parse, dom_or_dow, "0 9 1,15 * 5");
BENCHMARK_CAPTURE(bm_parse, nickname, "@daily");
BENCHMARK_CAPTURE(bm_describe, dom_or_dow, "0 9 1,15 * 5");
