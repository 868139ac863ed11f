// Pure helpers: instants, ids, UTF-8 and case folding.

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
  EXPECT_EQ(parse_instant("2026-11-18T11:06:40.123Z"), 1'795'000'000'123);
  EXPECT_EQ(parse_instant("2026-11-18T12:06:40.123+01:00"), 1'795'000'000'123);
  EXPECT_EQ(parse_instant("2026-11-18T11:06:40Z"), 1'795'000'000'000);
  for (const char* bad : {"", "2026-11-18", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-18T11:06:40",
                          "2026-11-18T24:00:00Z", "2026-11-18T11:06:40.Z", "2026-11-18T11:06:40Zjunk"})
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

}  // namespace
}  // namespace rf
