#include "scheduler/scheduler.hpp"

#include "cron/cron.hpp"
#include "domain/misfire.hpp"
#include "domain/validation.hpp"
#include "store/schedules.hpp"
#include "store/sessions.hpp"
#include "store/target_lists.hpp"
#include "store/trees.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <variant>

namespace rf::scheduler {

namespace {

using namespace std::chrono;

cron::instant to_instant(millis ms) { return cron::instant{floor<seconds>(milliseconds(ms))}; }
millis to_millis(cron::instant t) { return duration_cast<milliseconds>(t.time_since_epoch()).count(); }

// Walking every missed occurrence is bounded: a schedule that fires every minute and was
// down for a week is ~10,000 steps. Beyond the cap (about 139 days of every-minute
// occurrences) the walk stops: the missed count is then a lower bound, and the next run
// is computed from now as always.
constexpr int max_walk = 200'000;

}  // namespace

scheduler::scheduler(store::database& db, const rf::clock& clock, options opts) : db_(db), clock_(clock), opts_(opts) {}

scheduler::~scheduler() { stop(); }

void scheduler::start() {
  thread_ = std::thread([this] { run(); });
}

void scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void scheduler::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void scheduler::run() {
  spdlog::info("scheduler started");
  for (;;) {
    milliseconds sleep = opts_.max_sleep;
    try {
      tick();
      store::lease sql(db_.pool());
      if (auto next = store::earliest_due(sql)) {
        const auto until = milliseconds(*next - clock_.now_ms());
        sleep = std::clamp(until, milliseconds(0), opts_.max_sleep);
      }
    } catch (const std::exception& e) {
      // The database may be restarting; try again shortly rather than give up.
      spdlog::error("scheduler tick failed: {}", e.what());
      sleep = milliseconds(1000);
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, sleep, [this] { return stopping_ || woken_; });
    if (stopping_) break;
    woken_ = false;
  }
  spdlog::info("scheduler stopped");
}

tick_result scheduler::tick() {
  tick_result result;
  const millis now = clock_.now_ms();
  for (int fired = 0; fired < opts_.max_per_tick;) {
    const int n = fire_some(now, result);
    if (n == 0) break;
    fired += n;
  }
  return result;
}

int scheduler::fire_some(millis now, tick_result& result) {
  store::lease sql(db_.pool());
  try {
    store::transaction tx(sql, db_.kind());
    auto claimed = store::claim_due_schedules(sql, db_.kind(), now, opts_.per_transaction);
    // Firing locks each schedule's team (its session quota). Every replica takes those
    // locks in team order, so two replicas firing schedules of the same teams cannot
    // deadlock.
    std::stable_sort(claimed.begin(), claimed.end(),
                     [](const auto& a, const auto& b) { return a.team_id < b.team_id; });
    for (const auto& s : claimed) fire(sql, s, now, result);
    tx.commit();
    return static_cast<int>(claimed.size());
  } catch (const soci::soci_error&) {
    store::recover(sql);
    throw;
  }
}

void scheduler::fire(store::lease& sql, const domain::schedule& s, millis due_at, tick_result& result) {
  // Records carry the moment this fire happens (not when the tick began), so the run
  // history and the lag figures say when the batch really appeared.
  const millis now = std::max(due_at, clock_.now_ms());

  auto parsed = cron::expression::parse(s.cron_expression);
  const date::time_zone* zone = cron::find_zone(s.timezone);
  auto* expr = std::get_if<cron::expression>(&parsed);
  if (!expr || !zone) {
    // Only a time zone removed from the system database can get here; park the schedule
    // visibly (no next run) instead of failing every tick.
    spdlog::error("schedule {}: cannot evaluate '{}' in {}; parking it", s.id, s.cron_expression, s.timezone);
    store::record_fire(sql, s.id, now, std::nullopt, std::nullopt);
    return;
  }

  const auto decision = domain::decide_misfire(
      *s.next_run_at, now, s.misfire_grace_seconds * 1000,
      [&](millis t) -> std::optional<millis> {
        auto n = expr->next_after(to_instant(t), *zone);
        return n ? std::optional<millis>(to_millis(*n)) : std::nullopt;
      },
      max_walk);
  if (decision.missed > 0) {
    store::insert_missed_event(sql, s, decision.missed, decision.first_missed, decision.last_missed, now);
    ++result.missed_entries;
    spdlog::warn("schedule {} (flow {}): missed {} occurrence(s) from {} to {}", s.id, s.tree_id, decision.missed,
                 format_instant(decision.first_missed), format_instant(decision.last_missed));
  }
  const millis latest = decision.fire.value_or(decision.last_missed);

  std::optional<std::string> batch_id;
  if (decision.fire) {
    auto tree = store::get_tree(sql, s.team_id, s.tree_id);
    if (!tree || tree->tree_type != domain::tree_type::maintenance) {
      store::record_fire(sql, s.id, now, std::nullopt, std::nullopt);
      return;
    }
    store::new_batch b;
    b.team_id = s.team_id;
    b.tree = *tree;
    b.created_by = s.created_by;
    b.source = domain::batch_source::schedule;
    b.schedule_id = s.id;
    b.scheduled_for = latest;
    if (s.target_list_id) {
      if (auto l = store::get_target_list(sql, s.team_id, *s.target_list_id)) b.targets = l->targets;
    }
    if (b.targets.empty()) b.targets.push_back({std::string(domain::unassigned_target), ""});
    const auto count = static_cast<long long>(b.targets.size());
    // The quota and the batch limit bind a schedule as they bind a person; a refused fire
    // is a visible entry in the run history, never a silent gap.
    std::optional<std::string> refused;
    // A savepoint keeps the transaction usable if the unique key refuses the batch, and
    // gives the quota back with it.
    store::transaction fire_tx(sql, db_.kind());
    if (b.targets.size() > domain::max_targets_per_batch) {
      refused = "batch_limit";
    } else if (!store::reserve_sessions(sql, s.team_id, count, now, opts_.quotas).ok) {
      refused = "quota";
    }
    if (refused) {
      store::insert_skipped_event(sql, s, *refused, latest, count, now);
      fire_tx.commit();
      ++result.skipped;
      spdlog::warn("schedule {} (flow {}): occurrence {} skipped ({}), {} target(s)", s.id, s.tree_id,
                   format_instant(latest), *refused, count);
    } else if (auto created = store::insert_batch(sql, b, now)) {
      fire_tx.commit();
      batch_id = created.value->batch_id;
      ++result.fired;
      spdlog::info("schedule {} (flow {}) fired for {}: batch {}, {} target(s), lag {} ms", s.id, s.tree_id,
                   format_instant(latest), *batch_id, count, now - latest);
    } else {
      // The unique key says this occurrence already fired: move on without a second batch.
      spdlog::warn("schedule {}: occurrence {} had already fired", s.id, format_instant(latest));
    }
  }
  auto next = expr->next_after(to_instant(std::max(now, latest)), *zone);
  store::record_fire(sql, s.id, now, batch_id, next ? std::optional<millis>(to_millis(*next)) : std::nullopt);
}

}  // namespace rf::scheduler
