#include "http/static_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rf::http {

namespace fs = std::filesystem;

namespace {

std::string_view mime_type(const fs::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// `p` is canonical and `root` is canonical: element-wise prefix, so /srv/web2 is not
// inside /srv/web.
bool inside(const fs::path& root, const fs::path& p) {
  return std::mismatch(root.begin(), root.end(), p.begin(), p.end()).first == root.end();
}

// The request path as a path relative to the web root, built segment by segment so that
// it can never be absolute (`root / "/etc/passwd"` is "/etc/passwd"): empty segments
// (`//`) are dropped. nullopt for a segment that is `.` or `..`, or a byte no file name
// of ours contains (backslash, NUL).
std::optional<fs::path> relative_path(std::string_view path) {
  fs::path rel;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    auto end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    const auto seg = path.substr(pos, end - pos);
    pos = end + 1;
    if (seg.empty()) continue;
    if (seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos)
      return std::nullopt;
    rel /= fs::path(std::string(seg));
  }
  return rel;
}

// The regular file `rel` names inside `root`, resolved (symlinks included); nullopt when
// it is missing, not a regular file, or resolves to somewhere outside the root.
std::optional<fs::path> contained_file(const fs::path& root, const fs::path& rel) {
  if (rel.empty()) return std::nullopt;
  std::error_code ec;
  const auto real = fs::canonical(root / rel, ec);
  if (ec || !inside(root, real) || !fs::is_regular_file(real, ec) || ec) return std::nullopt;
  return real;
}

}  // namespace

std::string resolve_web_dir(const std::string& dir) {
  if (dir.empty()) return {};
  std::error_code ec;
  const auto root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root, ec) || !contained_file(root, "index.html")) return {};
  return root.string();
}

void add_security_headers(response& r, bool html) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (html) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                           "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    r.headers.emplace_back("X-Frame-Options", "DENY");
  }
}

std::optional<response> serve_static(const std::string& root_dir, std::string_view path) {
  if (root_dir.empty() || path.empty() || path.front() != '/') return std::nullopt;
  const auto rel = relative_path(path);
  if (!rel) return std::nullopt;
  const fs::path root(root_dir);
  auto file = contained_file(root, *rel);
  const bool is_index = !file;
  if (is_index) {
    // A path that looks like a file (has an extension) and is missing is a real 404;
    // anything else belongs to the SPA router.
    if (rel->has_extension()) return std::nullopt;
    file = contained_file(root, "index.html");
    if (!file) return std::nullopt;
  }
  auto body = read_file(*file);
  if (!body) return std::nullopt;
  response r;
  r.status = 200;
  r.content_type = std::string(mime_type(*file));
  r.body = std::move(*body);
  const bool hashed = !is_index && rel->begin() != rel->end() && *rel->begin() == "assets";
  r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  add_security_headers(r, is_index || file->extension() == ".html");
  return r;
}

}  // namespace rf::http
