#pragma once
// The HTTP server: Beast over Asio with C++20 coroutines, one io_context on N threads.
// Each connection is a coroutine: a fresh parser per message (1 MiB body limit), read and
// write timeouts, keep-alive. Slow or idle clients cost a socket and a timer, never a thread.
// The header is read before the body, so a request that will be refused (too large, no
// Host) is answered at once, and `Expect: 100-continue` gets its interim answer.

#include "http/router.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace rf::http {

struct server_options {
  std::string host = "127.0.0.1";
  unsigned short port = 8000;
  std::size_t io_threads = 2;
  std::size_t worker_threads = 2;  // for routes marked `offload` (password hashing)
  // Offloaded requests that may wait for a worker; beyond it they are answered 503 at once
  // (a flood of logins must not queue without bound ahead of real ones). 0: 4 per worker.
  std::size_t offload_queue = 0;
  std::string web_dir;  // empty: no static files; resolved (canonical) once at startup
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds idle_timeout{30};  // waiting for the next request on a keep-alive socket
  std::chrono::seconds io_timeout{30};    // reading one request, writing one response
  bool access_log = true;
};

// Calls the matched route's handler and maps every outcome to a response; must not throw.
using invoker = std::function<response(const route&, const request&, const path_params&)>;

class server {
 public:
  server(server_options options, const router& routes, invoker invoke);
  ~server();

  // Binds and listens; returns the bound port (useful with port 0).
  unsigned short listen();
  // Serves until SIGINT/SIGTERM or stop(); then stops accepting, lets in-flight requests
  // finish (up to 5 s) and returns. `on_stop` runs once when stopping begins.
  void run(std::function<void()> on_stop = {});
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace rf::http
