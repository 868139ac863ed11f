#include "http/static_files.hpp"

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

}  // namespace

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

std::optional<response> serve_static(const std::string& web_dir, const std::string& path) {
  if (web_dir.empty()) return std::nullopt;
  // Reject anything that could climb out of the web directory.
  if (path.empty() || path.front() != '/' || path.find("..") != std::string::npos ||
      path.find('\\') != std::string::npos || path.find('\0') != std::string::npos)
    return std::nullopt;
  const fs::path root(web_dir);
  fs::path file = root / path.substr(1);
  std::error_code ec;
  bool is_index = false;
  if (path == "/" || !fs::is_regular_file(file, ec)) {
    // A path that looks like a file (has an extension) and is missing is a real 404;
    // anything else belongs to the SPA router.
    if (path != "/" && fs::path(path).has_extension()) return std::nullopt;
    file = root / "index.html";
    is_index = true;
  }
  auto body = read_file(file);
  if (!body) return std::nullopt;
  response r;
  r.status = 200;
  r.content_type = std::string(mime_type(file));
  r.body = std::move(*body);
  const bool hashed = path.starts_with("/assets/");
  r.headers.emplace_back("Cache-Control", is_index || !hashed ? "no-cache" : "public, max-age=31536000, immutable");
  add_security_headers(r, is_index || file.extension() == ".html");
  return r;
}

}  // namespace rf::http
