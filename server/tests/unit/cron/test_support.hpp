// Helpers shared by the cron test files.
#pragma once

#include "cron/cron.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace rf::cron::testing {

inline instant at(std::string_view rfc3339) {
  const auto t = parse_rfc3339(rfc3339);
  if (!t) throw std::invalid_argument("bad test instant: " + std::string(rfc3339));
  return *t;
}

inline expression must_parse(std::string_view text) {
  auto parsed = expression::parse(text);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    throw std::invalid_argument("test expression does not parse: " + *error);
  }
  return std::get<expression>(std::move(parsed));
}

inline const date::time_zone& zone(std::string_view name) {
  const date::time_zone* tz = find_zone(name);
  if (tz == nullptr) throw std::invalid_argument("test zone missing: " + std::string(name));
  return *tz;
}

}  // namespace rf::cron::testing
