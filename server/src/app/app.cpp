#include "app/app.hpp"

#include "api/context.hpp"
#include "api/routes.hpp"
#include "common/ids.hpp"
#include "http/log_text.hpp"
#include "http/server.hpp"
#include "scheduler/scheduler.hpp"
#include "store/database.hpp"

#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

namespace rf::app {

namespace {

std::string redact(const std::string& url) {
  // postgresql://user:secret@host → postgresql://user:***@host
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

int print_routes() {
  // The handlers are never called here; an in-memory database satisfies the wiring.
  store::database db("sqlite::memory:", 1);
  rf::system_clock clock;
  api::context ctx{db, clock};
  http::router routes;
  api::add_routes(routes, ctx);
  for (const auto& r : routes.routes())
    std::cout << "{\"method\":\"" << http::to_string(r.method) << "\",\"path\":\"" << r.pattern << "\",\"access\":\""
              << r.access << "\"}\n";
  return 0;
}

int migrate(const std::string& database_url) {
  init_crypto();
  store::database db(database_url, 1);
  const int n = db.migrate();
  spdlog::info("{} migration(s) applied to {}", n, redact(database_url));
  return 0;
}

int serve(const serve_config& cfg) {
  init_crypto();
  const std::size_t io_threads =
      // Handlers block on the database, so more threads than cores keep cheap requests from
      // queueing behind a write that waits for SQLite's lock.
      cfg.io_threads ? cfg.io_threads : std::max<std::size_t>(4, 2 * std::thread::hardware_concurrency());
  // Password hashing (argon2id) is CPU-bound: one worker per core, at least 2; the server
  // bounds how many sign-ins may wait for one (503 beyond, see http::server_options).
  const std::size_t worker_threads = std::max<std::size_t>(2, std::thread::hardware_concurrency());
  // One connection per thread that may hold one at a time, plus one for the scheduler.
  store::database db(cfg.database_url, io_threads + worker_threads + 1);
  db.migrate();

  rf::offset_clock clock(cfg.clock_offset_ms);
  if (cfg.clock_offset_ms) spdlog::warn("clock offset {} ms: for tests only", cfg.clock_offset_ms);
  store::quota_limits quotas;
  quotas.sessions_per_window = cfg.quota_sessions;
  quotas.session_window_ms = cfg.quota_session_window_s * 1000;
  quotas.flows = cfg.quota_flows;
  quotas.target_lists = cfg.quota_target_lists;
  quotas.members = cfg.quota_members;
  quotas.open_invites = cfg.quota_invites;
  scheduler::options sopts;
  sopts.max_sleep = std::chrono::milliseconds(cfg.scheduler_max_sleep_ms);
  sopts.quotas = quotas;
  scheduler::scheduler sched(db, clock, sopts);

  api::context ctx{db, clock};
  ctx.registration = cfg.registration == "open" ? api::registration_mode::open : api::registration_mode::invite;
  ctx.quotas = quotas;
  if (cfg.scheduler) ctx.schedules_changed = [&sched] { sched.wake(); };
  http::router routes;
  api::add_routes(routes, ctx);

  // Request paths reach log lines from many places (access log, handlers' error logs):
  // escape control characters in every message at the sink.
  http::escape_log_messages(*spdlog::default_logger());
  http::server_options opts;
  opts.host = cfg.host;
  opts.port = cfg.port;
  opts.io_threads = io_threads;
  opts.worker_threads = worker_threads;
  opts.web_dir = cfg.web_dir;  // resolved and checked for an index.html by the server
  opts.access_log = cfg.access_log;
  http::server server(opts, routes, api::invoke);
  const unsigned short port = server.listen();
  spdlog::info("database {}, {} I/O threads, scheduler {}, registration {}", redact(cfg.database_url), io_threads,
               cfg.scheduler ? "on" : "off", cfg.registration);
  // Tests and scripts read this line to learn the port (it may have been 0).
  std::cout << "resolutionflow listening on http://" << cfg.host << ":" << port << std::endl;

  if (cfg.scheduler) sched.start();
  server.run([&] {
    if (cfg.scheduler) sched.stop();
  });
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace rf::app
