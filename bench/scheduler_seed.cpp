// Seeds N active hourly maintenance schedules (one flow each, minutes spread evenly over
// the hour) straight into a database, and reports the fire lag of scheduled batches.
//   scheduler_seed seed   DATABASE_URL N
//   scheduler_seed report DATABASE_URL SINCE_MS
// The benchmark script (bench/scheduler.sh) runs `serve` between the two.

#include "common/ids.hpp"
#include "cron/cron.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;

long long now_ms() { return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count(); }

int seed(const std::string& url, int n) {
  rf::store::database db(url, 1);
  db.migrate();
  rf::store::lease sql(db.pool());
  auto user = *rf::store::create_team_with_admin(sql, "Scheduler bench",
                                                 {"sched-" + rf::new_uuid() + "@example.com", "Bench", "x"}, now_ms())
                   .value;
  const auto* utc = rf::cron::find_zone("UTC");
  const long long start = now_ms();
  std::string tree_id, schedule_id, cron_text;
  long long next = 0, created = start;
  const std::string structure = R"({"steps":[{"id":"s1","type":"procedure_step","title":"Patch"}]})";
  rf::store::transaction tx(sql, db.kind());
  soci::statement tree_st = (sql.prepare << "INSERT INTO trees (id, team_id, created_by, name, description, tree_type,"
                                            " tree_structure, created_at, updated_at) VALUES (:id, :team, :by, 'Bench',"
                                            " '', 'maintenance', :s, :c, :u)",
                             soci::use(tree_id), soci::use(user.team_id), soci::use(user.id), soci::use(structure),
                             soci::use(created), soci::use(created));
  soci::statement sched_st =
      (sql.prepare << "INSERT INTO maintenance_schedules (id, team_id, tree_id, created_by, cron_expression, timezone,"
                      " is_active, misfire_grace_seconds, next_run_at, created_at, updated_at)"
                      " VALUES (:id, :team, :tree, :by, :cron, 'UTC', 1, 3600, :next, :c, :u)",
       soci::use(schedule_id), soci::use(user.team_id), soci::use(tree_id), soci::use(user.id), soci::use(cron_text),
       soci::use(next), soci::use(created), soci::use(created));
  for (int i = 0; i < n; ++i) {
    tree_id = rf::new_uuid();
    schedule_id = rf::new_uuid();
    cron_text = std::to_string(i % 60) + " * * * *";
    auto e = std::get<rf::cron::expression>(rf::cron::expression::parse(cron_text));
    next = duration_cast<milliseconds>(e.next_after(rf::cron::instant{seconds(start / 1000)}, *utc)->time_since_epoch())
               .count();
    tree_st.execute(true);
    sched_st.execute(true);
  }
  tx.commit();
  std::printf("seeded %d schedules in %.1f s\n", n, (now_ms() - start) / 1000.0);
  return 0;
}

int report(const std::string& url, long long since) {
  rf::store::database db(url, 1);
  rf::store::lease sql(db.pool());
  std::vector<long long> lags;
  long long created = 0, scheduled = 0;
  soci::statement st = (sql.prepare << "SELECT created_at, scheduled_for FROM batches"
                                       " WHERE source = 'schedule' AND created_at >= :since",
                        soci::use(since), soci::into(created), soci::into(scheduled));
  st.execute();
  while (st.fetch()) lags.push_back(created - scheduled);
  std::sort(lags.begin(), lags.end());
  auto pct = [&](double p) { return lags.empty() ? 0LL : lags[std::min(lags.size() - 1, size_t(p * lags.size()))]; };
  std::printf("fired %zu batches; fire lag ms: p50 %lld, p90 %lld, p99 %lld, max %lld\n", lags.size(), pct(0.5),
              pct(0.9), pct(0.99), lags.empty() ? 0 : lags.back());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s seed URL N | report URL SINCE_MS\n", argv[0]);
    return 2;
  }
  rf::init_crypto();
  const std::string mode = argv[1];
  if (mode == "seed") return seed(argv[2], std::stoi(argv[3]));
  if (mode == "report") return report(argv[2], std::stoll(argv[3]));
  return 2;
}
