// Pure helpers: instants, ids, UTF-8, case folding and the e-mail key.

#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace rf {
namespace {

TEST(instants, format_and_parse_round_trip) {
  EXPECT_EQ(format_instant(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_instant(1'795'000'000'123), "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(format_instant(-500), "1969-12-31T23:59:59.500Z");
  // parse_instant is the server's one RFC 3339 reader (cron/rfc3339.cpp, with its tables in
  // tests/unit/cron/rfc3339_test.cpp) in epoch milliseconds: what format_instant writes,
  // it reads back.
  for (const millis t : {millis{0}, millis{1'795'000'000'123}, millis{-500}, millis{253'402'300'799'999}})
    EXPECT_EQ(parse_instant(format_instant(t)), t) << t;
  EXPECT_EQ(parse_instant("2026-11-18T12:06:40.123+01:00"), 1'795'000'000'123);
  EXPECT_EQ(parse_instant("2026-11-18T11:06:40Z"), 1'795'000'000'000);
  for (const char* bad : {"", "2026-02-30T00:00:00Z", "2026-11-18T11:06:40", "2026-11-18T11:06:40Zjunk"})
    EXPECT_FALSE(parse_instant(bad)) << bad;
}

TEST(ids, uuids_are_v7_canonical_and_time_ordered) {
  init_crypto();
  const std::string a = new_uuid();
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '7');
  EXPECT_EQ(parse_uuid(a), a);
  std::string upper = a;
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(parse_uuid(upper), a);
  EXPECT_FALSE(parse_uuid("not-a-uuid"));
  EXPECT_FALSE(parse_uuid("0123456789abcdef0123456789abcdef0123"));
  EXPECT_FALSE(parse_uuid("01234567-89ab-cdef-0123-456789abcdeg"));
  // Ids made a few milliseconds apart sort in creation order.
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_LT(a, new_uuid());
}

TEST(ids, tokens_and_passwords) {
  init_crypto();
  const std::string t = new_token();
  EXPECT_EQ(t.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(hash_token(t).size(), 64u);
  EXPECT_NE(hash_token(t), hash_token(new_token()));
  const std::string h = hash_password("correct horse");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(h, "correct horse"));
  EXPECT_FALSE(verify_password(h, "correct horsE"));
}

TEST(text, utf8_validation) {
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("\xC3\xBC\xE2\x9C\x93\xF0\x9F\x9B\xA0"));  // ü ✓ 🛠
  EXPECT_FALSE(valid_utf8("\xFF\xFE"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(valid_utf8("abc\xE2\x82"));       // cut mid-character
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(text, case_folding_covers_latin_greek_cyrillic) {
  EXPECT_EQ(fold_case("PATCH the RDS Farm"), "patch the rds farm");
  EXPECT_EQ(fold_case("\xC3\x9C"
                      "BERPR\xC3\x9C"
                      "FUNG \xC3\x86\xC3\x98\xC3\x85"),
            "\xC3\xBC"
            "berpr\xC3\xBC"
            "fung \xC3\xA6\xC3\xB8\xC3\xA5");    // ÜBERPRÜFUNG ÆØÅ
  EXPECT_EQ(fold_case("\xC3\x97"), "\xC3\x97");  // × stays
  EXPECT_EQ(fold_case("\xC5\x81\xC3\x93"
                      "D\xC5\xB9"),
            "\xC5\x82\xC3\xB3"
            "d\xC5\xBA");                                                        // ŁÓDŹ
  EXPECT_EQ(fold_case("\xCE\x91\xCE\xA9"), "\xCE\xB1\xCF\x89");                  // ΑΩ
  EXPECT_EQ(fold_case("\xD0\x9C\xD0\x98\xD0\xA0"), "\xD0\xBC\xD0\xB8\xD1\x80");  // МИР
  EXPECT_EQ(fold_case("\xE6\x97\xA5\xE6\x9C\xAC"), "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本 unchanged
}

// email_key(): NFKC case folding through ICU, so that addresses that differ only in case,
// in compatibility forms or in ß/ss are one account.
TEST(text, email_key_folds_case_the_unicode_way) {
  const std::string strasse = email_key("strasse@x.com");
  EXPECT_EQ(email_key("Stra\xC3\x9F"
                      "e@x.com"),
            strasse);  // Straße
  EXPECT_EQ(email_key("STRASSE@x.com"), strasse);
  EXPECT_EQ(email_key("STRA\xE1\xBA\x9E"
                      "E@x.com"),
            strasse);  // STRAẞE, capital sharp s
  EXPECT_EQ(strasse, "strasse@x.com");

  // ǅ (U+01C5, title case), Ǆ (U+01C4) and ǆ (U+01C6) are one letter pair in three cases;
  // NFKC splits them into d + ž, the same as writing the two letters.
  const std::string dz = email_key("d\xC5\xBE@x.com");  // dž
  EXPECT_EQ(dz, "d\xC5\xBE@x.com");
  EXPECT_EQ(email_key("\xC7\x85@x.com"), dz);
  EXPECT_EQ(email_key("\xC7\x84@x.com"), dz);
  EXPECT_EQ(email_key("\xC7\x86@x.com"), dz);
  EXPECT_EQ(email_key("D\xC5\xBD@x.com"), dz);   // DŽ as two letters
  EXPECT_EQ(email_key("dz\xCC\x8C@x.com"), dz);  // z + combining caron composes to ž

  // Fullwidth forms: ｔｅｓｔ＠ｘ．ｃｏｍ.
  EXPECT_EQ(email_key("\xEF\xBD\x94\xEF\xBD\x85\xEF\xBD\x93\xEF\xBD\x94@x.com"), "test@x.com");
  EXPECT_EQ(email_key("\xEF\xBC\xB4\xEF\xBC\xA5\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xA0\xEF\xBD\x98\xEF\xBC\x8E"
                      "com"),
            "test@x.com");  // ＴＥＳＴ＠ｘ．com

  // Default-ignorable code points are dropped: a soft hyphen or a zero-width space does
  // not make a second account.
  EXPECT_EQ(email_key("te\xC2\xADst@x.com"), "test@x.com");
  EXPECT_EQ(email_key("te\xE2\x80\x8Bst@x.com"), "test@x.com");

  // Other scripts fold too; letters that differ stay different.
  EXPECT_EQ(email_key("\xCE\x9C\xCE\x91\xCE\xA1\xCE\x99\xCE\x91@x.gr"),
            "\xCE\xBC\xCE\xB1\xCF\x81\xCE\xB9\xCE\xB1@x.gr");  // ΜΑΡΙΑ -> μαρια
  EXPECT_EQ(email_key("\xD0\x98\xD0\x92\xD0\x90\xD0\x9D@x.ru"), "\xD0\xB8\xD0\xB2\xD0\xB0\xD0\xBD@x.ru");  // ИВАН
  EXPECT_NE(email_key("anna@x.com"), email_key("\xD0\xB0nna@x.com"));  // Cyrillic а is not Latin a
}

TEST(text, email_key_only_lowercases_ascii) {
  EXPECT_EQ(email_key("Alice.Smith+Tag@Example.COM"), "alice.smith+tag@example.com");
  EXPECT_EQ(email_key("a_b-c.d@x-y.z"), "a_b-c.d@x-y.z");
  // Every printable ASCII character maps to itself or its lower-case letter.
  std::string printable;
  for (char c = 0x20; c < 0x7f; ++c) printable.push_back(c);
  std::string lowered = printable;
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  EXPECT_EQ(email_key(printable), lowered);
  EXPECT_EQ(email_key(""), "");
}

TEST(text, email_key_is_idempotent_and_valid_utf8) {
  for (const std::string_view s :
       {"Stra\xC3\x9F"
        "e@x.com",
        "\xC7\x85@x.com", "\xEF\xBD\x94\xEF\xBD\x85\xEF\xBD\x93\xEF\xBD\x94@x.com", "\xE2\x84\xAB@x.com",
        "\xEF\xAC\x81@x.com", "\xE2\x91\xA0@x.com"}) {  // Å (Angstrom sign), ﬁ, ①
    const std::string key = email_key(s);
    EXPECT_TRUE(valid_utf8(key)) << s;
    EXPECT_EQ(email_key(key), key) << s;
  }
  EXPECT_EQ(email_key("\xEF\xAC\x81@x.com"), "fi@x.com");  // the ﬁ ligature
  EXPECT_EQ(email_key("\xE2\x91\xA0@x.com"), "1@x.com");   // ① circled one
}

TEST(text, email_key_keeps_invalid_utf8_deterministic) {
  // Not normalized (ICU would replace the bad bytes with U+FFFD, merging different
  // inputs): ASCII letters lower-cased, every other byte kept.
  EXPECT_EQ(email_key("AB\xFF@X.COM"), "ab\xFF@x.com");
  EXPECT_EQ(email_key("\xC3\x28@x.com"), "\xC3\x28@x.com");
  EXPECT_EQ(email_key("abc\xE2\x82"), "abc\xE2\x82");
  EXPECT_EQ(email_key("\xED\xA0\x80@x.com"), "\xED\xA0\x80@x.com");  // a surrogate
  EXPECT_NE(email_key("a\xFF@x.com"), email_key("a\xFE@x.com"));
  EXPECT_EQ(email_key("A\xFF@x.com"), email_key("A\xFF@x.com"));
  EXPECT_FALSE(valid_utf8(email_key("A\xFF@x.com")));
}

TEST(text, email_key_keeps_embedded_nul) {
  const std::string with_nul("a\0B@x.com", 9);
  EXPECT_EQ(email_key(with_nul), std::string("a\0b@x.com", 9));
}

}  // namespace
}  // namespace rf
