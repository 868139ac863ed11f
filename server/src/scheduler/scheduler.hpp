#pragma once
// The scheduler: a loop that fires due maintenance schedules. It keeps no schedule in
// memory; every tick asks the database for due rows, claims up to 50 of them in one
// transaction (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: BEGIN IMMEDIATE) and fires
// each inside it: the catch-up decision (domain/misfire.hpp), the batch and its sessions
// or a skipped entry (quota, batch limit), and the schedule's bookkeeping commit together.
// Any number of replicas can run it against one database; the unique key on
// (schedule_id, scheduled_for) is the second guard against a double fire.

#include "common/time.hpp"
#include "domain/models.hpp"
#include "store/database.hpp"
#include "store/quotas.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace rf::scheduler {

struct options {
  // Upper bound of one sleep, so edits made by other replicas are seen within it.
  std::chrono::milliseconds max_sleep{15'000};
  // Schedules fired per tick before the loop looks at the time again.
  int max_per_tick = 2000;
  // Schedules claimed and fired per transaction. Each fire is atomic either way (its batch,
  // sessions and bookkeeping commit together); grouping amortises the commit when
  // thousands fall due in the same minute.
  int per_transaction = 50;
  // The team quotas the API enforces; a fire over the session quota is recorded as a
  // skipped run instead of creating sessions.
  store::quota_limits quotas;
};

struct tick_result {
  int fired = 0;
  int missed_entries = 0;
  int skipped = 0;  // fires refused by the session quota or the batch limit
};

class scheduler {
 public:
  scheduler(store::database& db, const rf::clock& clock, options opts = {});
  ~scheduler();

  void start();
  void stop();
  // Wakes the loop at once (a schedule was saved in this process).
  void wake();

  // Fires every schedule due at the clock's now; public so tests can drive it.
  tick_result tick();

 private:
  void run();
  // Claims and fires up to per_transaction due schedules in one transaction; returns how
  // many it claimed.
  int fire_some(millis now, tick_result& result);
  void fire(store::lease& sql, const domain::schedule& s, millis now, tick_result& result);

  store::database& db_;
  const rf::clock& clock_;
  options opts_;
  std::thread thread_;
  std::mutex mutex_;  // guards stopping_ and woken_
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
};

}  // namespace rf::scheduler
