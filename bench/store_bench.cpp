// The store's batch launch, without HTTP: one transaction that inserts a batch and its
// sessions. RF_BENCH_DATABASE_URL picks the database (default: a temporary SQLite file).
//   build/bench/store_bench                      SQLite
//   RF_BENCH_DATABASE_URL=postgresql://... build/bench/store_bench

#include "common/ids.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"
#include "store/sessions.hpp"
#include "store/trees.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

namespace {

struct fixture {
  std::unique_ptr<rf::store::database> db;
  rf::domain::user user;
  rf::domain::tree tree;

  fixture() {
    rf::init_crypto();
    const char* env = std::getenv("RF_BENCH_DATABASE_URL");
    std::string url =
        env && *env
            ? env
            : "sqlite:" +
                  (std::filesystem::temp_directory_path() / ("rf-store-bench-" + rf::new_uuid() + ".db")).string();
    db = std::make_unique<rf::store::database>(url, 2);
    db->migrate();
    rf::store::lease sql(db->pool());
    user =
        *rf::store::create_team_with_admin(sql, "Bench", {"bench-" + rf::new_uuid() + "@example.com", "Bench", "x"}, 1)
             .value;
    std::string steps;
    for (int i = 0; i < 8; ++i)
      steps += std::string(i ? "," : "") + R"({"id":"s)" + std::to_string(i) +
               R"(","type":"procedure_step","title":"Step","description":"Drain, patch, reboot, verify."})";
    tree = {rf::new_uuid(), user.team_id, user.id, "Patch", "", rf::domain::tree_type::maintenance,
            R"({"steps":[)" + steps + "]}", 1, 1};
    rf::store::insert_tree(sql, tree);
  }
};

fixture& shared() {
  static fixture f;
  return f;
}

void create_batch(benchmark::State& state) {
  auto& f = shared();
  rf::store::new_batch b{f.user.team_id, f.tree,       f.user.id, rf::domain::batch_source::manual,
                         std::nullopt,   std::nullopt, {}};
  for (int i = 0; i < state.range(0); ++i) b.targets.push_back({"srv-" + std::to_string(i) + ".example", "rack 4"});
  rf::store::lease sql(f.db->pool());
  for (auto _ : state) {
    rf::store::transaction tx(sql);
    auto r = rf::store::insert_batch(sql, b, 1000);
    tx.commit();
    benchmark::DoNotOptimize(r);
  }
  state.counters["sessions/s"] =
      benchmark::Counter(double(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(create_batch)->Arg(50)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
