#pragma once
// The built web app: files under the web directory, index.html for any other non-API
// path (the SPA router takes it from there), long caching for hashed assets.

#include "http/message.hpp"

#include <optional>
#include <string>

namespace rf::http {

// nullopt when `web_dir` is empty or has no index.html.
std::optional<response> serve_static(const std::string& web_dir, const std::string& path);

// Headers every response carries (nosniff, frame-ancestors, ...).
void add_security_headers(response& r, bool html);

}  // namespace rf::http
