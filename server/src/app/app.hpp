#pragma once
// Wiring: configuration in, a running service out. main.cpp parses the command line into
// these structs and calls one function; tests can call them too.

#include <cstddef>
#include <string>

namespace rf::app {

struct serve_config {
  std::string host = "127.0.0.1";
  unsigned short port = 8000;
  std::string database_url = "sqlite:data/resolutionflow.db";
  std::string web_dir = "web/dist";
  bool scheduler = true;
  std::size_t io_threads = 0;  // 0: one per core, at least 2
  int scheduler_max_sleep_ms = 15'000;
  bool access_log = true;
  long long clock_offset_ms = 0;  // tests only: run the process's clock ahead or behind
  std::string registration = "invite";  // "invite" or "open" (SPEC §8)
  // Per-team quotas (docs/decisions.md); defaults as in SPEC §8.
  long long quota_sessions = 20'000;       // per rolling window
  long long quota_session_window_s = 600;  // ten minutes
  long long quota_flows = 5'000;
  long long quota_target_lists = 1'000;
  long long quota_members = 500;
  long long quota_invites = 100;
};

// Runs until SIGINT/SIGTERM; returns the process exit code.
int serve(const serve_config& cfg);
// Prints the route table as JSON lines {method, path, access} (for the authorization
// matrix test and for operators).
int print_routes();
// Applies pending migrations and returns.
int migrate(const std::string& database_url);

}  // namespace rf::app
