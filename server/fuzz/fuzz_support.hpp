#pragma once
// Shared by the fuzz targets: a check that turns a broken contract into a crash that
// libFuzzer records (with the message on stderr), and small predicates on text.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace rf::fuzz {

// Not assert(): it must hold in every build type, and the message names the contract.
#define RF_FUZZ_CHECK(cond, what)                                                                             \
  do {                                                                                                        \
    if (!(cond)) {                                                                                            \
      std::fprintf(stderr, "\nRF_FUZZ_CHECK failed at %s:%d: %s\n  (%s)\n", __FILE__, __LINE__, what, #cond); \
      std::abort();                                                                                           \
    }                                                                                                         \
  } while (0)

// A check for a contract whose violation has been reported and awaits a fix: it can be
// skipped by naming its id in RF_FUZZ_IGNORE (comma-separated), so that fuzzing can go
// on looking for other bugs meanwhile. Unset, every check is on.
inline bool ignored(const char* id) {
  static const char* env = std::getenv("RF_FUZZ_IGNORE");
  if (env == nullptr) return false;
  const std::string_view list(env), wanted(id);
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (item == wanted) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

#define RF_FUZZ_CHECK_ID(id, cond, what)                                 \
  do {                                                                   \
    if (!::rf::fuzz::ignored(id)) RF_FUZZ_CHECK(cond, "[" id "] " what); \
  } while (0)

// Messages of the cron engine promise printable ASCII only (cron.hpp).
inline bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f) return false;
  return true;
}

// Well-formed UTF-8 by the Unicode Standard's Table 3-7, byte range by byte range: the
// reference for rf::valid_utf8, written the other way round on purpose.
inline bool well_formed_utf8(std::string_view s) {
  auto in = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto at = [&](std::size_t k) -> unsigned char {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    std::size_t n = 0;
    if (b0 <= 0x7F)
      n = 1;
    else if (in(b0, 0xC2, 0xDF) && in(at(1), 0x80, 0xBF))
      n = 2;
    else if (b0 == 0xE0 && in(at(1), 0xA0, 0xBF) && in(at(2), 0x80, 0xBF))
      n = 3;
    else if ((in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) && in(at(1), 0x80, 0xBF) && in(at(2), 0x80, 0xBF))
      n = 3;
    else if (b0 == 0xED && in(at(1), 0x80, 0x9F) && in(at(2), 0x80, 0xBF))
      n = 3;
    else if (b0 == 0xF0 && in(at(1), 0x90, 0xBF) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF))
      n = 4;
    else if (in(b0, 0xF1, 0xF3) && in(at(1), 0x80, 0xBF) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF))
      n = 4;
    else if (b0 == 0xF4 && in(at(1), 0x80, 0x8F) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF))
      n = 4;
    if (n == 0) return false;
    i += n;
  }
  return true;
}

inline bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

// FNV-1a: spreads an input over a few choices when it carries no explicit selector.
inline unsigned long long fnv1a(std::string_view s) {
  unsigned long long h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace rf::fuzz
