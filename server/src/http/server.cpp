#include "http/server.hpp"

#include "http/static_files.hpp"
#include "http/target.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <atomic>
#include <iostream>
#include <thread>

namespace rf::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using tcp_stream = beast::tcp_stream;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct server::impl {
  server_options opts;
  const router& routes;
  invoker invoke;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::function<void()> on_stop;

  impl(server_options o, const router& r, invoker inv)
      : opts(std::move(o)),
        routes(r),
        invoke(std::move(inv)),
        ioc(int(opts.io_threads)),
        workers(opts.worker_threads),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve_connection(tcp_stream stream);
  response handle(request& req);
  void begin_stop();
};

namespace {

verb from_beast(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return verb::get;
    case bhttp::verb::head: return verb::head;
    case bhttp::verb::post: return verb::post;
    case bhttp::verb::put: return verb::put;
    case bhttp::verb::patch: return verb::patch;
    case bhttp::verb::delete_: return verb::del;
    case bhttp::verb::options: return verb::options;
    default: return verb::other;
  }
}

response plain_error(unsigned status, std::string_view detail) {
  return response::json(status, boost::json::object{{"detail", detail}});
}

bhttp::response<bhttp::string_body> to_beast(response&& r, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "resolutionflow");
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
  if (head) {
    res.content_length(r.body.size());
  } else {
    res.body() = std::move(r.body);
    res.prepare_payload();
  }
  return res;
}

}  // namespace

response server::impl::handle(request& req) {
  auto m = routes.match(req.method, req.path);
  if (m.found) return invoke(*m.found, req, m.params);
  const bool api = req.path == "/api" || req.path.starts_with("/api/");
  if (!api && (req.method == verb::get || req.method == verb::head)) {
    if (auto r = serve_static(opts.web_dir, req.path)) return std::move(*r);
  }
  if (m.path_known) {
    auto r = plain_error(405, "Method Not Allowed");
    r.headers.emplace_back("Allow", m.allow);
    return r;
  }
  return plain_error(404, "Not Found");
}

asio::awaitable<void> server::impl::serve_connection(tcp_stream stream) {
  beast::flat_buffer buffer;
  stream.socket().set_option(tcp::no_delay(true));
  bool first = true;
  for (;;) {
    // A fresh parser per message: limits and state never leak between requests.
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(opts.body_limit);
    parser.header_limit(16 * 1024);
    stream.expires_after(first ? opts.io_timeout : opts.idle_timeout);
    first = false;
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
    if (ec) {
      response r;
      if (ec == bhttp::error::body_limit) {
        r = plain_error(413, "Request body is larger than 1 MiB");
      } else if (ec == bhttp::error::header_limit) {
        r = plain_error(431, "Request header fields too large");
      } else if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
                 ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
                 ec == bhttp::error::partial_message) {
        break;
      } else {
        r = plain_error(400, "Malformed HTTP request");
      }
      // The rest of the message is unread, so the connection cannot be reused.
      stream.expires_after(opts.io_timeout);
      auto res = to_beast(std::move(r), 11, false, false);
      co_await bhttp::async_write(stream, res, use_tuple);
      break;
    }

    auto& msg = parser.get();
    const auto started = std::chrono::steady_clock::now();
    request req;
    req.method = from_beast(msg.method());
    req.keep_alive = msg.keep_alive();
    response r;
    if (msg.count(bhttp::field::transfer_encoding) && !parser.chunked()) {
      // A request body framed by a transfer coding other than chunked has no length
      // (RFC 9112 6.3): refuse it and close, never guess where it ends.
      r = plain_error(400, "Transfer-Encoding must end in chunked");
      req.keep_alive = false;
    } else if (!parse_target(msg.target(), req)) {
      r = plain_error(400, "Malformed request target");
    } else {
      req.authorization = std::string(msg[bhttp::field::authorization]);
      req.content_type = std::string(msg[bhttp::field::content_type]);
      req.body = std::move(msg.body());
      ++in_flight;
      auto m = routes.match(req.method, req.path);
      if (m.found && m.found->offload) {
        // CPU-heavy handlers run on the worker pool so I/O threads keep serving.
        r = co_await asio::co_spawn(
            workers, [&]() -> asio::awaitable<response> { co_return invoke(*m.found, req, m.params); },
            asio::use_awaitable);
      } else {
        r = handle(req);
      }
      --in_flight;
    }
    if (req.body.size() > 256 * 1024) {
      // Parsing a large body can leave tens of MB in malloc's free lists; hand them back
      // so a burst of big requests does not raise the resident size for good.
      req.body = std::string();
      malloc_trim(0);
    }
    const unsigned status = r.status;
    const bool keep_alive = req.keep_alive && !stopping.load();
    auto res = to_beast(std::move(r), msg.version(), keep_alive, req.method == verb::head);
    stream.expires_after(opts.io_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, use_tuple);
    if (opts.access_log) {
      const auto us =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      spdlog::info("{} {} {} {:.2f}ms", to_string(req.method), req.path, status, us / 1000.0);
    }
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> server::impl::accept_loop() {
  for (;;) {
    // Each connection gets its own strand: its reads, writes and timers never run at once.
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), use_tuple);
    if (ec) {
      if (!acceptor.is_open() || stopping) co_return;
      // Out of file descriptors and the like: back off briefly rather than spin.
      asio::steady_timer t(ioc, std::chrono::milliseconds(50));
      co_await t.async_wait(use_tuple);
      continue;
    }
    asio::co_spawn(socket.get_executor(), serve_connection(tcp_stream(std::move(socket))), [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::error("connection ended by an exception: {}", ex.what());
      }
    });
  }
}

void server::impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("stopping: no new connections, finishing in-flight requests");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  if (on_stop) on_stop();
  // Poll until in-flight requests are answered (bounded), then stop the loop; idle
  // keep-alive connections are simply closed with it.
  auto timer = std::make_shared<asio::steady_timer>(ioc);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  auto poll = std::make_shared<std::function<void()>>();
  *poll = [this, timer, deadline, poll] {
    if (in_flight.load() == 0 || std::chrono::steady_clock::now() > deadline) {
      ioc.stop();
      return;
    }
    timer->expires_after(std::chrono::milliseconds(10));
    timer->async_wait([poll](beast::error_code) { (*poll)(); });
  };
  (*poll)();
}

server::server(server_options options, const router& routes, invoker invoke)
    : impl_(std::make_unique<impl>(std::move(options), routes, std::move(invoke))) {}

server::~server() { impl_->workers.join(); }

unsigned short server::listen() {
  auto& a = impl_->acceptor;
  const tcp::endpoint ep(asio::ip::make_address(impl_->opts.host), impl_->opts.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void server::run(std::function<void()> on_stop) {
  auto& s = *impl_;
  s.on_stop = std::move(on_stop);
  s.signals.async_wait([&s](beast::error_code ec, int) {
    if (!ec) s.begin_stop();
  });
  asio::co_spawn(s.ioc, s.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < s.opts.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.workers.stop();
}

void server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

}  // namespace rf::http
