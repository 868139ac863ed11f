#include "common/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace rf {

namespace {

// Decodes one code point at `i`; returns its length, or 0 when malformed.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 32;              // Latin-1 capitals (not ×)
  if (c >= 0x100 && c <= 0x137) return c | 1;                // Ā..ķ: capital even, small odd
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;  // Ĺ..ň: capital odd
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;  // Ÿ
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic А..Я
  if (c >= 0x400 && c <= 0x40F) return c + 80;                // Ѐ..Џ
  return c;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (!n) return false;
    i += n;
  }
  return true;
}

std::string fold_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (!n) {  // not expected (inputs are validated); keep the byte as it is
      out.push_back(s[i++]);
      continue;
    }
    encode(fold(cp), out);
    i += n;
  }
  return out;
}

std::string email_key(std::string_view email) {
  if (!valid_utf8(email)) {
    // ICU would turn each malformed sequence into U+FFFD, and two different invalid
    // inputs could then share a key; keep the bytes instead.
    std::string out(email);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    return out;
  }
  if (email.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw std::length_error("email_key: input longer than ICU can take");
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU NFKC_Casefold data is not available: ") + u_errorName(status));
  }
  const icu::UnicodeString source =
      icu::UnicodeString::fromUTF8(icu::StringPiece(email.data(), static_cast<std::int32_t>(email.size())));
  const icu::UnicodeString folded = nfkc_cf->normalize(source, status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU NFKC_Casefold failed: ") + u_errorName(status));
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

}  // namespace rf
