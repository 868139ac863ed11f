#include "http/log_text.hpp"

#include "common/text.hpp"

#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/sink.h>

#include <memory>

namespace rf::http {

namespace {

// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 when it is not one
// (overlongs, surrogates and code points past U+10FFFF are not).
std::size_t utf8_sequence(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t n = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 ? 2 : 0;
  if (n == 0 || b0 > 0xf4 || s.size() < n) return 0;
  return valid_utf8(s.substr(0, n)) ? n : 0;
}

bool needs_escape(std::string_view s) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) return true;
  }
  return !valid_utf8(s);
}

// Forwards to the wrapped sink with the message escaped; formatting (pattern, colours)
// stays with the wrapped sink, so `spdlog::set_pattern` keeps working.
class escaping_sink final : public spdlog::sinks::sink {
 public:
  explicit escaping_sink(std::shared_ptr<spdlog::sinks::sink> inner) : inner_(std::move(inner)) {}

  void log(const spdlog::details::log_msg& msg) override {
    if (!inner_->should_log(msg.level)) return;
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    if (!needs_escape(payload)) {
      inner_->log(msg);
      return;
    }
    const std::string escaped = escape_for_log(payload);
    spdlog::details::log_msg copy(msg);
    copy.payload = spdlog::string_view_t(escaped.data(), escaped.size());
    inner_->log(copy);
  }
  void flush() override { inner_->flush(); }
  void set_pattern(const std::string& pattern) override { inner_->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> f) override { inner_->set_formatter(std::move(f)); }

 private:
  std::shared_ptr<spdlog::sinks::sink> inner_;
};

}  // namespace

std::string escape_for_log(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b != 0x7f) {
      const std::size_t n = b < 0x80 ? 1 : utf8_sequence(s.substr(i));
      if (n) {
        out.append(s.substr(i, n));
        i += n;
        continue;
      }
    }
    out += "\\x";
    out += hex[b >> 4];
    out += hex[b & 0xf];
    ++i;
  }
  return out;
}

void escape_log_messages(spdlog::logger& logger) {
  for (auto& s : logger.sinks())
    if (!std::dynamic_pointer_cast<escaping_sink>(s)) s = std::make_shared<escaping_sink>(s);
}

}  // namespace rf::http
