#include "http/server.hpp"

#include "http/log_text.hpp"
#include "http/static_files.hpp"
#include "http/target.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <array>
#include <atomic>
#include <iostream>
#include <optional>
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
  std::string web_root;  // the web directory, canonical; empty: API only
  // Offloaded requests admitted (running on a worker or waiting for one), and the most
  // that may be: one per worker plus the queue.
  std::atomic<std::size_t> offloaded{0};
  std::size_t offload_limit;

  impl(server_options o, const router& r, invoker inv)
      : opts(std::move(o)),
        routes(r),
        invoke(std::move(inv)),
        ioc(int(opts.io_threads)),
        workers(opts.worker_threads),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        web_root(resolve_web_dir(opts.web_dir)),
        offload_limit(opts.worker_threads + (opts.offload_queue ? opts.offload_queue : 4 * opts.worker_threads)) {
    if (!opts.web_dir.empty() && web_root.empty())
      spdlog::warn("no web app at '{}' (build it with `make`); serving the API only", opts.web_dir);
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve_connection(tcp_stream stream);
  asio::awaitable<response> dispatch(request& req, const router::match_result& m);
  std::optional<response> refusal_before_body(const request& req, bool target_ok) const;
  response handle(request& req, const router::match_result& m);
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

// The answer to a failed read of a request, or nullopt when none is possible (the peer
// went away, or stayed silent past the timeout).
std::optional<response> read_error_answer(const beast::error_code& ec) {
  if (ec == bhttp::error::body_limit) return plain_error(413, "Request body is larger than 1 MiB");
  if (ec == bhttp::error::header_limit) return plain_error(431, "Request header fields too large");
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
      ec == bhttp::error::partial_message)
    return std::nullopt;
  return plain_error(400, "Malformed HTTP request");
}

// A refusal the header alone decides; the body (if any) is never read.
std::optional<response> header_refusal(const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& msg = parser.get();
  // RFC 9112 3.2: an HTTP/1.1 request without exactly one Host is a 400. Two Hosts are how
  // a request is made to mean one thing to a proxy and another to us.
  if (msg.version() >= 11 && msg.count(bhttp::field::host) != 1)
    return plain_error(400, "An HTTP/1.1 request needs exactly one Host header");
  // A request body framed by a transfer coding other than chunked has no length
  // (RFC 9112 6.3): refuse it and close, never guess where it ends.
  if (msg.count(bhttp::field::transfer_encoding) && !parser.chunked())
    return plain_error(400, "Transfer-Encoding must end in chunked");
  return std::nullopt;
}

bool expects_continue(const bhttp::request<bhttp::string_body>& msg) {
  return msg.version() >= 11 && beast::iequals(msg[bhttp::field::expect], "100-continue");
}

// Counts an offloaded request for as long as it is admitted, also if it throws.
struct admission {
  std::atomic<std::size_t>& count;
  ~admission() { --count; }
};

bhttp::response<bhttp::string_body> to_beast(response&& r, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "resolutionflow");
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.insert(k, v);
  // Static files set their own caching and nosniff; everything else is an API answer (or
  // an error) that must not be cached by a browser or proxy (it may carry a team's data)
  // nor sniffed into HTML.
  if (res.find(bhttp::field::cache_control) == res.end()) res.set(bhttp::field::cache_control, "no-store");
  if (res.find("X-Content-Type-Options") == res.end()) res.set("X-Content-Type-Options", "nosniff");
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

response server::impl::handle(request& req, const router::match_result& m) {
  if (m.found) return invoke(*m.found, req, m.params);
  if (!is_api_path(req.path) && (req.method == verb::get || req.method == verb::head)) {
    if (auto r = serve_static(web_root, req.path)) return std::move(*r);
  }
  if (m.path_known) {
    auto r = plain_error(405, "Method Not Allowed");
    r.headers.emplace_back("Allow", m.allow);
    return r;
  }
  return plain_error(404, "Not Found");
}

asio::awaitable<response> server::impl::dispatch(request& req, const router::match_result& m) {
  if (!m.found || !m.found->offload) co_return handle(req, m);
  // CPU-heavy handlers (argon2id) run on the worker pool so I/O threads keep serving. The
  // pool's queue is bounded: past it a request is answered 503 at once, so a flood costs
  // the flooder retries instead of making every real sign-in wait behind it.
  if (offloaded.fetch_add(1) >= offload_limit) {
    --offloaded;
    auto r = plain_error(503, "The server is busy; try again shortly");
    r.headers.emplace_back("Retry-After", "1");
    co_return r;
  }
  admission admitted{offloaded};
  co_return co_await asio::co_spawn(
      workers, [&]() -> asio::awaitable<response> { co_return invoke(*m.found, req, m.params); }, asio::use_awaitable);
}

namespace {

// Closes a connection after its last answer: stop sending (the client sees the end of the
// answer), then read and discard what the client is still sending, for at most 2 s and
// 8 MiB. Closing with unread bytes in the socket makes the kernel send a reset, and a reset
// makes the client's kernel throw away the answer it has received but not yet read: the
// 413 for an oversized upload was mostly lost that way.
asio::awaitable<void> close_after_answer(tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  stream.expires_after(std::chrono::seconds(2));
  std::array<char, 16 * 1024> sink;
  for (std::size_t drained = 0; drained < 8 * 1024 * 1024;) {
    auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
    if (rec) break;
    drained += n;
  }
}

}  // namespace

std::optional<response> server::impl::refusal_before_body(const request& req, bool target_ok) const {
  if (!target_ok) return plain_error(400, "Malformed request target");
  const auto m = routes.match(req.method, req.path);
  if (m.found) return std::nullopt;
  // A GET or HEAD outside the API may still be a static file or the SPA shell.
  if (!is_api_path(req.path) && (req.method == verb::get || req.method == verb::head)) return std::nullopt;
  if (!m.path_known) return plain_error(404, "Not Found");
  auto r = plain_error(405, "Method Not Allowed");
  r.headers.emplace_back("Allow", m.allow);
  return r;
}

asio::awaitable<void> server::impl::serve_connection(tcp_stream stream) {
  beast::flat_buffer buffer;
  stream.socket().set_option(tcp::no_delay(true));
  bool first = true;
  bool answered_then_closed = false;
  for (;;) {
    // A fresh parser per message: limits and state never leak between requests.
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(opts.body_limit);
    parser.header_limit(16 * 1024);
    stream.expires_after(first ? opts.io_timeout : opts.idle_timeout);
    first = false;
    // The header first: what it says can settle the answer before any of the body is read.
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
    const auto started = std::chrono::steady_clock::now();
    auto& msg = parser.get();
    request req;
    req.method = from_beast(msg.method());
    const bool target_ok = parse_target(msg.target(), req);
    // An answer given without reading the whole message: the connection closes after it.
    std::optional<response> refusal;
    if (!ec) {
      refusal = header_refusal(parser);
      if (!refusal && !parser.is_done() && expects_continue(msg)) {
        // The client waits for a go-ahead before sending the body; when the header already
        // shows the request will fail, the final answer is the only one it gets.
        refusal = refusal_before_body(req, target_ok);
        if (!refusal) {
          stream.expires_after(opts.io_timeout);
          bhttp::response<bhttp::empty_body> go_ahead{bhttp::status::continue_, 11};
          auto [wec, wn] = co_await bhttp::async_write(stream, go_ahead, use_tuple);
          if (wec) break;
        }
      }
      if (!refusal && !parser.is_done()) {
        stream.expires_after(opts.io_timeout);
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      }
    }
    if (ec) {
      // The rest of the message is unread, so the connection cannot be reused.
      refusal = read_error_answer(ec);
      if (!refusal) break;
    }

    response r;
    bool keep_alive = false;
    if (refusal) {
      r = std::move(*refusal);
    } else if (!target_ok) {
      r = plain_error(400, "Malformed request target");
      keep_alive = msg.keep_alive() && !stopping.load();
    } else {
      req.keep_alive = msg.keep_alive();
      req.authorization = std::string(msg[bhttp::field::authorization]);
      req.content_type = std::string(msg[bhttp::field::content_type]);
      req.body = std::move(msg.body());
      const auto m = routes.match(req.method, req.path);
      ++in_flight;
      r = co_await dispatch(req, m);
      --in_flight;
      keep_alive = req.keep_alive && !stopping.load();
    }
    if (req.body.size() > 256 * 1024) {
      // Parsing a large body can leave tens of MB in malloc's free lists; hand them back
      // so a burst of big requests does not raise the resident size for good.
      req.body = std::string();
      malloc_trim(0);
    }
    const unsigned status = r.status;
    const unsigned version = msg.version() == 10 ? 10 : 11;
    auto res = to_beast(std::move(r), version, keep_alive, req.method == verb::head);
    stream.expires_after(opts.io_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, use_tuple);
    if (opts.access_log) {
      const auto us =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      // The path is the client's text: escaped, so that CR, LF or terminal codes in it
      // cannot forge or garble log lines.
      const std::string_view path = target_ok ? std::string_view(req.path) : std::string_view(msg.target());
      spdlog::info("{} {} {} {:.2f}ms", to_string(req.method), escape_for_log(path), status, us / 1000.0);
    }
    if (wec) break;
    if (!keep_alive) {
      answered_then_closed = true;
      break;
    }
  }
  if (answered_then_closed) {
    co_await close_after_answer(stream);
  } else {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
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
