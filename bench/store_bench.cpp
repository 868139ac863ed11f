// The store without HTTP: a batch launch (one transaction that inserts a batch and its
// sessions) and the reads the API and the scheduler make most, each through the
// repository functions themselves, so the figures include SOCI's binding and row mapping.
// RF_BENCH_DATABASE_URL picks the database (default: a temporary SQLite file).
//   build/bench/store_bench                      SQLite
//   RF_BENCH_DATABASE_URL=postgresql://... build/bench/store_bench
//
// The fixture seeds one team: 400 flows (267 maintenance flows, 200 of them scheduled and
// due), one 1,000-target batch, 200 single sessions of one flow and a token.

#include "common/ids.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"
#include "store/schedules.hpp"
#include "store/sessions.hpp"
#include "store/trees.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

namespace {

namespace store = rf::store;
namespace domain = rf::domain;

constexpr rf::millis t0 = 1'700'000'000'000;

struct fixture {
  std::unique_ptr<store::database> db;
  domain::user user;
  domain::tree tree;       // a maintenance flow: batches are launched from it
  domain::tree proc_tree;  // a procedure with 200 sessions
  std::string batch_id;    // 1,000 sessions
  std::string session_id;
  std::string token_hash = "bench-token-" + rf::new_uuid();

  // A flow of this team with eight steps; only the listed ones have a description.
  domain::tree flow(std::string name, domain::tree_type type, const std::string& structure, rf::millis at,
                    std::string description = "") const {
    return {rf::new_uuid(), user.team_id, user.id, std::move(name), std::move(description), type, structure, at, at, 8};
  }

  fixture() {
    rf::init_crypto();
    const char* env = std::getenv("RF_BENCH_DATABASE_URL");
    std::string url =
        env && *env
            ? env
            : "sqlite:" +
                  (std::filesystem::temp_directory_path() / ("rf-store-bench-" + rf::new_uuid() + ".db")).string();
    db = std::make_unique<store::database>(url, 2);
    db->migrate();
    store::lease sql(db->pool());
    user = *store::create_team_with_admin(sql, "Bench", {"bench-" + rf::new_uuid() + "@example.com", "Bench", "x"}, 1)
                .value;
    std::string steps;
    for (int i = 0; i < 8; ++i)
      steps += std::string(i ? "," : "") + R"({"id":"s)" + std::to_string(i) +
               R"(","type":"procedure_step","title":"Step","description":"Drain, patch, reboot, verify."})";
    const std::string structure = R"({"steps":[)" + steps + "]}";
    tree = flow("Patch", domain::tree_type::maintenance, structure, 1);
    store::insert_tree(sql, tree);
    proc_tree = flow("Onboard", domain::tree_type::procedural, structure, 2);
    store::insert_tree(sql, proc_tree);

    store::transaction tx(sql);
    // 198 more flows, every third a maintenance flow, to list.
    for (int i = 2; i < 200; ++i) {
      const auto type = i % 3 == 0 ? domain::tree_type::maintenance : domain::tree_type::procedural;
      store::insert_tree(sql, flow("Flow " + std::to_string(i), type, structure, t0 + i, "A flow to list"));
    }
    // 200 maintenance flows with a schedule each, all of them due.
    for (int i = 0; i < 200; ++i) {
      const domain::tree t = flow("Scheduled " + std::to_string(i), domain::tree_type::maintenance, structure, t0);
      store::insert_tree(sql, t);
      domain::schedule s;
      s.id = rf::new_uuid();
      s.team_id = user.team_id;
      s.tree_id = t.id;
      s.created_by = user.id;
      s.cron_expression = "0 * * * *";
      s.timezone = "UTC";
      s.next_run_at = t0 + i;
      s.created_at = s.updated_at = t0;
      store::insert_schedule(sql, s);
    }
    store::new_batch b{user.team_id, tree, user.id, domain::batch_source::manual, std::nullopt, std::nullopt, {}};
    for (int i = 0; i < 1000; ++i) b.targets.push_back({"srv-" + std::to_string(i) + ".example", "rack 4"});
    batch_id = store::insert_batch(sql, b, t0).value->batch_id;
    for (int i = 0; i < 200; ++i) {
      domain::session s;
      s.id = rf::new_uuid();
      s.team_id = user.team_id;
      s.tree_id = proc_tree.id;
      s.tree_name = proc_tree.name;
      s.user_id = user.id;
      s.tree_snapshot = structure;
      s.target_label = "desk " + std::to_string(i);
      s.started_at = t0 + i;
      store::insert_session(sql, s);
      session_id = s.id;
    }
    store::store_token(sql, token_hash, user.id, t0, t0 + 1'000'000'000);
    tx.commit();
  }
};

fixture& shared() {
  static fixture f;
  return f;
}

void create_batch(benchmark::State& state) {
  auto& f = shared();
  store::new_batch b{f.user.team_id, f.tree, f.user.id, domain::batch_source::manual, std::nullopt, std::nullopt, {}};
  for (int i = 0; i < state.range(0); ++i) b.targets.push_back({"srv-" + std::to_string(i) + ".example", "rack 4"});
  store::lease sql(f.db->pool());
  for (auto _ : state) {
    store::transaction tx(sql);
    auto r = store::insert_batch(sql, b, 1000);
    tx.commit();
    benchmark::DoNotOptimize(r);
  }
  state.counters["sessions/s"] =
      benchmark::Counter(double(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(create_batch)->Arg(50)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Authentication without the cache: one joined row.
void user_for_token(benchmark::State& state) {
  auto& f = shared();
  store::lease sql(f.db->pool());
  for (auto _ : state) benchmark::DoNotOptimize(store::user_for_token(sql, f.token_hash, t0));
}
BENCHMARK(user_for_token)->Unit(benchmark::kMicrosecond)->UseRealTime();

// One session with its snapshot and progress (GET /sessions/{id}).
void get_session(benchmark::State& state) {
  auto& f = shared();
  store::lease sql(f.db->pool());
  for (auto _ : state) benchmark::DoNotOptimize(store::get_session(sql, f.user.team_id, f.session_id));
}
BENCHMARK(get_session)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A page of 50 of one flow's 200 sessions, with the count (GET /sessions/?tree_id=).
void list_sessions(benchmark::State& state) {
  auto& f = shared();
  store::lease sql(f.db->pool());
  store::session_filter filter;
  filter.tree_id = f.proc_tree.id;
  filter.size = 50;
  for (auto _ : state) benchmark::DoNotOptimize(store::list_sessions(sql, f.user.team_id, filter));
}
BENCHMARK(list_sessions)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A page of 200 of the 267 maintenance flows, with the count (GET /trees/?tree_type=).
void list_trees(benchmark::State& state) {
  auto& f = shared();
  store::lease sql(f.db->pool());
  store::tree_filter filter;
  filter.tree_type = domain::tree_type::maintenance;
  for (auto _ : state) benchmark::DoNotOptimize(store::list_trees(sql, f.user.team_id, filter));
}
BENCHMARK(list_trees)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A batch with its 1,000 sessions (GET /batches/{id}).
void get_batch(benchmark::State& state) {
  auto& f = shared();
  store::lease sql(f.db->pool());
  for (auto _ : state) benchmark::DoNotOptimize(store::get_batch(sql, f.user.team_id, f.batch_id));
}
BENCHMARK(get_batch)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The scheduler's claim of 50 due schedules, rolled back so that they stay due.
void claim_due_schedules(benchmark::State& state) {
  auto& f = shared();
  store::lease sql(f.db->pool());
  for (auto _ : state) {
    store::transaction tx(sql);
    benchmark::DoNotOptimize(store::claim_due_schedules(sql, f.db->kind(), t0 + 1'000'000, 50));
  }
}
BENCHMARK(claim_due_schedules)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
