#include "http/target.hpp"

#include "common/text.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace rf::http {

bool parse_target(std::string_view target, request& out) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const auto& u = *parsed;
  out.path = u.path();
  // Everything below us handles text: a target that decodes to NUL or to bytes that are
  // not UTF-8 is malformed (PostgreSQL would refuse it with an error otherwise).
  if (out.path.find('\0') != std::string::npos || !valid_utf8(out.path)) return false;
  boost::urls::encoding_opts opt;
  opt.space_as_plus = true;
  for (auto p : u.params(opt)) {
    if (p.key.find('\0') != std::string::npos || p.value.find('\0') != std::string::npos || !valid_utf8(p.key) ||
        !valid_utf8(p.value))
      return false;
    out.query.emplace_back(p.key, p.value);
  }
  return true;
}

}  // namespace rf::http
