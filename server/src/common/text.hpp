#pragma once
// Small text utilities the standard library lacks: UTF-8 validation, a case fold for
// searching that covers the alphabets MSP customers' names are written in, and the key
// that makes e-mail addresses unique (Unicode NFKC case folding, through ICU).

#include <string>
#include <string_view>

namespace rf {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool valid_utf8(std::string_view s);

// Lower-cases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals; every other
// code point is kept. `s` must be valid UTF-8.
std::string fold_case(std::string_view s);

// The key under which an e-mail address is unique: the Unicode NFKC_Casefold of the
// address (ICU's Normalizer2), so "Straße@x.com" and "STRASSE@x.com", "ｔｅｓｔ@x.com"
// and "test@x.com", "ǅ@x.com" and "dž@x.com" are one key; default-ignorable code points
// (soft hyphen, zero-width space) are dropped. ASCII only changes case. Input that is not
// valid UTF-8 cannot be normalized; it gets its ASCII letters lower-cased and is otherwise
// kept as it is, which is deterministic and cannot equal the key of any valid address
// (that one is valid UTF-8). Throws std::runtime_error only when ICU's normalization data
// cannot be loaded, a broken installation.
std::string email_key(std::string_view email);

}  // namespace rf
