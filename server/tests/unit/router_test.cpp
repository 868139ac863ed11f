// The route table: literal segments beat captures, trailing slashes, 404 versus 405; the
// API's path space; request text in log lines.

#include "http/log_text.hpp"
#include "http/router.hpp"
#include "http/target.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

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

TEST(api_path, any_number_of_slashes_and_any_case_before_the_api_segment) {
  for (const char* p : {"/api", "/api/", "/api/v1/trees", "//api/v1/trees", "///api", "/API/v1", "/Api/V1/x"})
    EXPECT_TRUE(is_api_path(p)) << p;
  for (const char* p : {"/", "", "/apis", "/ap", "/trees/api", "/assets/api.js", "/%2fapi", "\\api", "api/v1", "/apí"})
    EXPECT_FALSE(is_api_path(p)) << p;
}

TEST(log_text, escapes_control_bytes_and_what_is_not_utf8) {
  static constexpr char forged[] = "/a\r\nGET /forged 200\x1b[31m\x7f\t\0z";
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"/api/v1/trees", "/api/v1/trees"},
      {"/x\\r\\n", "/x\\r\\n"},  // text that merely looks escaped stays as it is
      {"/x\r\nFAKE 200", "/x\\x0d\\x0aFAKE 200"},
      {std::string_view(forged, sizeof forged - 1), "/a\\x0d\\x0aGET /forged 200\\x1b[31m\\x7f\\x09\\x00z"},
      {"caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9b\xa0", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9b\xa0"},
      {"\xff\xfe", "\\xff\\xfe"},
      {"\xc0\xae", "\\xc0\\xae"},           // overlong '.'
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},  // a surrogate
      {"\xe2\x82", "\\xe2\\x82"},           // cut short
      {"\xc3\xa9\xc3", "\xc3\xa9\\xc3"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(escape_for_log(in), out) << in;
}

TEST(log_text, every_message_of_a_wrapped_logger_is_escaped_and_keeps_its_pattern) {
  std::ostringstream out;
  auto logger = std::make_shared<spdlog::logger>("escape-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_pattern("%l %v");
  escape_log_messages(*logger);
  escape_log_messages(*logger);    // wrapping twice escapes once
  logger->set_pattern("[%l] %v");  // still reaches the wrapped sink
  logger->error("GET {}: database error", std::string_view("/api/v1/x\r\nFORGED\x1b[2J\xff"));
  logger->info("caf\xc3\xa9 is fine");
  EXPECT_EQ(out.str(),
            "[error] GET /api/v1/x\\x0d\\x0aFORGED\\x1b[2J\\xff: database error\n[info] caf\xc3\xa9 is fine\n");
}

}  // namespace
}  // namespace rf::http
