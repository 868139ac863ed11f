#pragma once
// The routing table: (verb, path pattern, handler). Being a table, it tells 404 from 405
// and can be walked by tests (the authorization matrix walks every route).

#include "http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace rf::http {

// Captured `{name}` segments, in pattern order.
using path_params = std::vector<std::string>;
using handler = std::function<response(const request&, const path_params&)>;

struct route {
  verb method;
  std::string pattern;  // "/api/v1/trees/{id}"; a trailing slash is optional when matching
  handler fn;
  bool offload = false;  // CPU-heavy (password hashing): run on the worker pool
  // Who may call it: "public", or the role level the handler checks ("read", "write",
  // "admin"). Informational here; tests walk the table and check every route keeps it.
  std::string access = "public";
};

// True for paths in the API's space: the first segment is `api` in any case, after any
// number of slashes (`/api/v1/x`, `//api/x`, `/API/v1`). Such a path is never answered
// with the SPA shell: a client that mistyped an API URL gets a JSON 404, not a 200 page.
bool is_api_path(std::string_view path);

class router {
 public:
  void add(route r);
  void add(verb method, std::string pattern, handler fn, bool offload = false);

  struct match_result {
    const route* found = nullptr;
    path_params params;
    bool path_known = false;  // some route has this path but not this verb: 405
    std::string allow;        // the verbs that path does answer, for the Allow header
  };
  match_result match(verb method, std::string_view path) const;

  const std::vector<route>& routes() const { return routes_; }

 private:
  std::vector<route> routes_;
};

}  // namespace rf::http
