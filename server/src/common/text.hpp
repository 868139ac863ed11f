#pragma once
// Small text utilities the standard library lacks: UTF-8 validation and a case fold for
// searching that covers the alphabets MSP customers' names are written in.

#include <string>
#include <string_view>

namespace rf {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool valid_utf8(std::string_view s);

// Lower-cases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals; every other
// code point is kept. `s` must be valid UTF-8.
std::string fold_case(std::string_view s);

}  // namespace rf
