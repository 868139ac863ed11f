#pragma once
// The request target (origin-form: path and query string) into our request type. Kept
// out of server.cpp so that it can be tested and fuzzed without Beast and Asio.

#include "http/message.hpp"

#include <string_view>

namespace rf::http {

// Fills `out.path` (percent-decoded) and `out.query` (decoded, '+' as space, in order)
// from the request target; false when the target is not a valid origin-form URI or its
// path decodes to something holding a NUL.
bool parse_target(std::string_view target, request& out);

}  // namespace rf::http
