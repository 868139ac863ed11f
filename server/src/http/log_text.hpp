#pragma once
// Text from requests in log lines. A request path may decode to CR, LF or terminal escape
// codes (`/x%0d%0aFAKE`); written raw, it would forge log lines or recolour an operator's
// terminal. Everything a client sent is escaped before it reaches a log line.

#include <spdlog/logger.h>

#include <string>
#include <string_view>

namespace rf::http {

// `s` with bytes below 0x20, 0x7f, and bytes that are not part of well-formed UTF-8
// written as `\xNN` (lower-case hex). Printable ASCII and valid UTF-8 are kept as they are.
std::string escape_for_log(std::string_view s);

// Wraps every sink of `logger` so that each message is passed through escape_for_log:
// handlers log request paths and database errors (which quote the request) in many
// places, and one filter at the sink covers them all. Call before other threads log.
void escape_log_messages(spdlog::logger& logger);

}  // namespace rf::http
