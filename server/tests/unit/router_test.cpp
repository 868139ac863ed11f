// The route table: literal segments beat captures, trailing slashes, 404 versus 405.

#include "http/router.hpp"
#include "http/target.hpp"

#include <gtest/gtest.h>

namespace rf::http {
namespace {

handler named(std::string name) {
  return [name](const request&, const path_params&) {
    response r;
    r.body = name;
    return r;
  };
}

class router_test : public ::testing::Test {
 protected:
  void SetUp() override {
    r.add(verb::get, "/api/v1/trees", named("list"));
    r.add(verb::post, "/api/v1/trees", named("create"));
    r.add(verb::get, "/api/v1/trees/counts", named("counts"));
    r.add(verb::get, "/api/v1/trees/{id}", named("get"));
    r.add(verb::del, "/api/v1/trees/{id}", named("delete"));
    r.add(verb::get, "/api/v1/trees/{id}/batches", named("history"));
  }
  std::string call(verb v, std::string_view path) {
    auto m = r.match(v, path);
    if (!m.found) return m.path_known ? "405 " + m.allow : "404";
    request req;
    return m.found->fn(req, m.params).body + (m.params.empty() ? "" : ":" + m.params[0]);
  }
  router r;
};

TEST_F(router_test, matches_with_and_without_trailing_slash) {
  EXPECT_EQ(call(verb::get, "/api/v1/trees"), "list");
  EXPECT_EQ(call(verb::get, "/api/v1/trees/"), "list");
  EXPECT_EQ(call(verb::post, "/api/v1/trees/"), "create");
  EXPECT_EQ(call(verb::get, "/api/v1/trees/abc/"), "get:abc");
}

TEST_F(router_test, literal_segments_win_over_captures) {
  EXPECT_EQ(call(verb::get, "/api/v1/trees/counts"), "counts");
  EXPECT_EQ(call(verb::get, "/api/v1/trees/abc/batches"), "history:abc");
}

TEST_F(router_test, tells_404_from_405_and_lists_allowed_verbs) {
  EXPECT_EQ(call(verb::get, "/api/v1/nothing"), "404");
  EXPECT_EQ(call(verb::get, "/api/v1/trees/a/b/c"), "404");
  EXPECT_EQ(call(verb::get, "/api/v1/trees//batches"), "404");  // an empty capture names nothing
  EXPECT_EQ(call(verb::patch, "/api/v1/trees"), "405 GET, HEAD, POST");
  EXPECT_EQ(call(verb::head, "/api/v1/trees"), "list");
}

TEST(target, decodes_path_and_query) {
  request req;
  ASSERT_TRUE(parse_target("/api/v1/trees/?q=rds+farm&tree_type=maintenance&q=second", req));
  EXPECT_EQ(req.path, "/api/v1/trees/");
  ASSERT_NE(req.query_param("q"), nullptr);
  EXPECT_EQ(*req.query_param("q"), "rds farm");
  EXPECT_EQ(*req.query_param("tree_type"), "maintenance");
  request u;
  ASSERT_TRUE(parse_target("/api/v1/trees/?q=%C3%BC", u));
  EXPECT_EQ(*u.query_param("q"), "\xC3\xBC");
}

TEST(target, refuses_what_cannot_be_text) {
  for (const char* bad :
       {"no-slash", "/a%00b", "/?q=%00", "/?q=%ff%fe", "/?q=abc%e2%82", "/%ed%a0%80", "http://host/x"}) {
    request req;
    EXPECT_FALSE(parse_target(bad, req)) << bad;
  }
}

}  // namespace
}  // namespace rf::http
