#include "http/router.hpp"

namespace rf::http {

bool is_api_path(std::string_view path) {
  const auto start = path.find_first_not_of('/');
  if (start == 0 || start == std::string_view::npos) return false;
  const auto seg = path.substr(start, path.find('/', start) - start);
  return seg.size() == 3 && (seg[0] | 0x20) == 'a' && (seg[1] | 0x20) == 'p' && (seg[2] | 0x20) == 'i';
}

void router::add(verb method, std::string pattern, handler fn, bool offload) {
  routes_.push_back(route{method, std::move(pattern), std::move(fn), offload, "public"});
}

void router::add(route r) { routes_.push_back(std::move(r)); }

namespace {

// Matches `path` against `pattern` segment by segment; `{x}` captures one non-empty segment.
bool match_pattern(std::string_view pattern, std::string_view path, path_params& out) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (pattern.size() > 1 && pattern.back() == '/') pattern.remove_suffix(1);
  out.clear();
  std::size_t pi = 0, si = 0;
  while (pi < pattern.size() && si < path.size()) {
    if (pattern[pi] == '{') {
      const auto close = pattern.find('}', pi);
      auto end = path.find('/', si);
      if (end == std::string_view::npos) end = path.size();
      if (end == si) return false;
      out.emplace_back(path.substr(si, end - si));
      pi = close + 1;
      si = end;
    } else {
      if (pattern[pi] != path[si]) return false;
      ++pi;
      ++si;
    }
  }
  return pi == pattern.size() && si == path.size();
}

}  // namespace

router::match_result router::match(verb method, std::string_view path) const {
  match_result result;
  path_params params;
  // Literal segments win over captures: "/trees/counts" must not be taken as "/trees/{id}".
  const route* capture_match = nullptr;
  path_params capture_params;
  for (const auto& r : routes_) {
    if (!match_pattern(r.pattern, path, params)) continue;
    const bool is_get_like = (method == verb::head && r.method == verb::get);
    if (r.method != method && !is_get_like) {
      result.path_known = true;
      const auto name = to_string(r.method);
      if (result.allow.find(name) == std::string::npos) {
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += name;
        if (r.method == verb::get) result.allow += ", HEAD";
      }
      continue;
    }
    if (params.empty()) {
      result.found = &r;
      result.params.clear();
      return result;
    }
    if (!capture_match || params.size() < capture_params.size()) {
      capture_match = &r;
      capture_params = params;
    }
  }
  if (capture_match) {
    result.found = capture_match;
    result.params = std::move(capture_params);
  }
  return result;
}

}  // namespace rf::http
