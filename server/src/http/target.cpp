#include "http/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace rf::http {

bool parse_target(std::string_view target, request& out) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const auto& u = *parsed;
  out.path = u.path();
  if (out.path.find('\0') != std::string::npos) return false;
  boost::urls::encoding_opts opt;
  opt.space_as_plus = true;
  for (auto p : u.params(opt)) out.query.emplace_back(p.key, p.value);
  return true;
}

}  // namespace rf::http
