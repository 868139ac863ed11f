// Flow structures and targets (SPEC §1): each rule accepted and refused at the right place.

#include "domain/validation.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace rf::domain {
namespace {

namespace json = boost::json;

std::vector<problem> check(std::string_view type, std::string_view structure) {
  return validate_tree_structure(*parse<tree_type>(type), json::parse(structure));
}

std::string first_loc(const std::vector<problem>& p) { return p.empty() ? "" : json::serialize(p.front().loc); }

TEST(tree_validation, a_valid_procedure_passes) {
  EXPECT_TRUE(check("procedural", R"({"steps":[{"id":"a","type":"procedure_step","title":"Drain",
      "content_type":"action"},{"id":"b","type":"procedure_end","title":"Done","description":"ok"}]})")
                  .empty());
  EXPECT_TRUE(check("maintenance", R"({"steps":[{"id":"a","type":"procedure_step","title":"Patch"}]})").empty());
}

struct bad_case {
  const char* type;
  const char* structure;
  const char* loc;
};

class refused : public ::testing::TestWithParam<bad_case> {};

TEST_P(refused, names_the_field) {
  const auto& c = GetParam();
  auto p = check(c.type, c.structure);
  ASSERT_FALSE(p.empty()) << c.structure;
  EXPECT_EQ(first_loc(p), c.loc) << p.front().msg;
}

INSTANTIATE_TEST_SUITE_P(
    tree_validation, refused,
    ::testing::Values(
        bad_case{"procedural", R"([])", R"(["tree_structure"])"},
        bad_case{"procedural", R"({})", R"(["tree_structure","steps"])"},
        bad_case{"procedural", R"({"steps":[]})", R"(["tree_structure","steps"])"},
        bad_case{"procedural", R"({"steps":{}})", R"(["tree_structure","steps"])"},
        bad_case{"procedural", R"({"steps":[{"id":"","type":"procedure_step","title":"x"}]})",
                 R"(["tree_structure","steps",0,"id"])"},
        bad_case{
            "procedural",
            R"({"steps":[{"id":"a","type":"procedure_step","title":"x"},{"id":"a","type":"procedure_step","title":"y"}]})",
            R"(["tree_structure","steps",1,"id"])"},
        bad_case{"procedural", R"({"steps":[{"id":"a","type":"question","title":"x"}]})",
                 R"(["tree_structure","steps",0,"type"])"},
        bad_case{"procedural", R"({"steps":[{"id":"a","type":"procedure_step","title":"  "}]})",
                 R"(["tree_structure","steps",0,"title"])"},
        bad_case{"maintenance", R"({"steps":[{"id":"a","type":"procedure_step","title":"x","content_type":"note"}]})",
                 R"(["tree_structure","steps",0,"content_type"])"},
        bad_case{"troubleshooting", R"({"nodes":[{"id":"q","type":"solution","title":"x"}]})",
                 R"(["tree_structure","root"])"},
        bad_case{"troubleshooting", R"({"root":"nope","nodes":[{"id":"q","type":"solution","title":"x"}]})",
                 R"(["tree_structure","root"])"},
        bad_case{
            "troubleshooting",
            R"({"root":"q","nodes":[{"id":"q","type":"question","title":"x","answers":[{"label":"y","next":"gone"}]}]})",
            R"(["tree_structure","nodes",0,"answers",0,"next"])"},
        bad_case{
            "troubleshooting",
            R"({"root":"s","nodes":[{"id":"s","type":"solution","title":"x","answers":[{"label":"y","next":"s"}]}]})",
            R"(["tree_structure","nodes",0,"answers"])"},
        bad_case{"troubleshooting", R"({"root":"q","nodes":[{"id":"q","type":"question","title":"x"}]})",
                 R"(["tree_structure","nodes",0,"answers"])"}));

TEST(tree_validation, a_decision_tree_with_valid_references_passes) {
  EXPECT_TRUE(check("troubleshooting", R"({"root":"q","nodes":[
      {"id":"q","type":"question","title":"Plugged in?","answers":[{"label":"No","next":"s"},{"label":"Yes","next":"a"}]},
      {"id":"a","type":"action","title":"Reboot","answers":[{"label":"Done","next":"s"}]},
      {"id":"s","type":"solution","title":"Fixed"}]})")
                  .empty());
}

TEST(target_validation, limits_and_shapes) {
  std::vector<target> out;
  EXPECT_TRUE(validate_targets(json::parse(R"([{"label":"a"},{"label":"b","notes":"n"}])"), 1, 10, out).empty());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].notes, "n");
  EXPECT_EQ(first_loc(validate_targets(json::parse("[]"), 1, 10, out)), R"(["targets"])");
  EXPECT_EQ(first_loc(validate_targets(json::parse(R"([{"label":"a"},{"label":"b"}])"), 1, 1, out)), R"(["targets"])");
  EXPECT_EQ(first_loc(validate_targets(json::parse(R"([{"label":"a"},{"notes":"x"}])"), 1, 10, out)),
            R"(["targets",1,"label"])");
  const std::string label255(255, 'x'), label256(256, 'x');
  EXPECT_TRUE(validate_targets(json::parse(R"([{"label":")" + label255 + R"("}])"), 1, 10, out).empty());
  EXPECT_EQ(first_loc(validate_targets(json::parse(R"([{"label":")" + label256 + R"("}])"), 1, 10, out)),
            R"(["targets",0,"label"])");
  // Characters, not bytes: 255 two-byte characters are fine.
  std::string umlauts;
  for (int i = 0; i < 255; ++i) umlauts += "\xC3\xBC";
  EXPECT_TRUE(validate_targets(json::parse(R"([{"label":")" + umlauts + R"("}])"), 1, 10, out).empty());
  const std::string notes501(501, 'n');
  EXPECT_EQ(first_loc(validate_targets(json::parse(R"([{"label":"a","notes":")" + notes501 + R"("}])"), 1, 10, out)),
            R"(["targets",0,"notes"])");
}

}  // namespace
}  // namespace rf::domain
