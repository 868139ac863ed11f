// resolutionflow: parse the command line, run one subcommand. Nothing else lives here.

#include "app/app.hpp"
#include "cron/cli.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

int main(int argc, char** argv) {
  // Logs go to stderr; stdout carries only what scripts read (the listening line, cron output).
  spdlog::set_default_logger(spdlog::stderr_color_mt("rf"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  CLI::App cli{"ResolutionFlow: guided procedures and maintenance flows"};
  cli.require_subcommand(1);

  rf::app::serve_config cfg;
  auto* serve = cli.add_subcommand("serve", "Serve the API and the web app");
  serve->add_option("--host", cfg.host, "Address to listen on")->envname("RF_HOST")->capture_default_str();
  serve->add_option("--port", cfg.port, "Port (0 picks a free one)")->envname("RF_PORT")->capture_default_str();
  serve->add_option("--database", cfg.database_url, "sqlite:PATH or postgresql://user:pass@host:port/db")
      ->envname("RF_DATABASE_URL")
      ->capture_default_str();
  serve->add_option("--web-dir", cfg.web_dir, "Built web app to serve at /")
      ->envname("RF_WEB_DIR")
      ->capture_default_str();
  bool no_scheduler = false;
  serve->add_flag("--no-scheduler", no_scheduler, "Do not fire maintenance schedules in this process");
  serve->add_option("--threads", cfg.io_threads, "I/O threads (default: one per core, at least 2)")
      ->envname("RF_THREADS");
  serve
      ->add_option("--scheduler-max-sleep-ms", cfg.scheduler_max_sleep_ms,
                   "Longest scheduler sleep; bounds how soon other replicas' edits are seen")
      ->envname("RF_SCHEDULER_MAX_SLEEP_MS")
      ->capture_default_str();
  serve->add_option("--clock-offset-ms", cfg.clock_offset_ms, "Tests only: shift this process's clock")
      ->envname("RF_CLOCK_OFFSET_MS")
      ->group("Testing");
  serve->add_option("--registration", cfg.registration, "Who may create a team: invite (first team only) or open")
      ->envname("RF_REGISTRATION")
      ->check(CLI::IsMember({"invite", "open"}))
      ->capture_default_str();
  struct quota_flag {
    const char* flag;
    const char* env;
    long long* value;
    const char* help;
  };
  for (const auto& q : {
           quota_flag{"--quota-sessions", "RF_QUOTA_SESSIONS", &cfg.quota_sessions,
                      "Sessions a team may create per window (429 beyond)"},
           quota_flag{"--quota-session-window", "RF_QUOTA_SESSION_WINDOW", &cfg.quota_session_window_s,
                      "The sessions window in seconds (whole minutes count)"},
           quota_flag{"--quota-flows", "RF_QUOTA_FLOWS", &cfg.quota_flows, "Flows per team (403 beyond)"},
           quota_flag{"--quota-target-lists", "RF_QUOTA_TARGET_LISTS", &cfg.quota_target_lists,
                      "Target lists per team (403 beyond)"},
           quota_flag{"--quota-members", "RF_QUOTA_MEMBERS", &cfg.quota_members, "Members per team (403 beyond)"},
           quota_flag{"--quota-invites", "RF_QUOTA_INVITES", &cfg.quota_invites, "Open invites per team (403 beyond)"},
       })
    serve->add_option(q.flag, *q.value, q.help)
        ->envname(q.env)
        ->check(CLI::Range(1LL, 1'000'000'000LL))
        ->capture_default_str()
        ->group("Quotas");
  bool no_access_log = false;
  serve->add_flag("--no-access-log", no_access_log, "Do not log one line per request")->envname("RF_NO_ACCESS_LOG");

  std::string migrate_url = cfg.database_url;
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  migrate->add_option("--database", migrate_url, "Database URL")->envname("RF_DATABASE_URL")->capture_default_str();

  auto* cron = cli.add_subcommand("cron", "Read JSON lines {expr, tz, after, n} on stdin; write the next fire times");
  auto* routes = cli.add_subcommand("routes", "Print the route table as JSON lines");

  CLI11_PARSE(cli, argc, argv);
  try {
    if (*serve) {
      cfg.scheduler = !no_scheduler;
      cfg.access_log = !no_access_log;
      return rf::app::serve(cfg);
    }
    if (*migrate) return rf::app::migrate(migrate_url);
    if (*routes) return rf::app::print_routes();
    if (*cron) return rf::cron::run_cli(std::cin, std::cout);
    return 2;
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
