#pragma once
// The built web app: files under the web directory, index.html for any other non-API
// path (the SPA router takes it from there), long caching for hashed assets.
//
// Containment: only regular files that lie inside the web directory after every symlink
// is resolved are served. A path that would leave it (`//etc/passwd`, `/%2fetc/passwd`,
// `..` segments, backslashes, a symlink pointing outside) gets the SPA shell or a 404,
// never a file from outside.

#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace rf::http {

// The canonical form of `dir` (absolute, symlinks resolved) when it holds an index.html,
// else empty. Resolve once at startup and pass the result to serve_static: containment is
// checked against this one resolved root.
std::string resolve_web_dir(const std::string& dir);

// `root` must come from resolve_web_dir; nullopt when it is empty, when `path` names a
// missing file (it has an extension) or when `path` is refused outright (a `.` or `..`
// segment, a backslash, a NUL): the caller answers 404.
std::optional<response> serve_static(const std::string& root, std::string_view path);

// Headers every response carries (nosniff, frame-ancestors, ...).
void add_security_headers(response& r, bool html);

}  // namespace rf::http
