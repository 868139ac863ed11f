// The static handler called directly with hostile paths: nothing outside the web directory
// is ever served, whatever the path says and wherever a symlink points.

#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace rf::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view shell = "<!doctype html><title>SPA-SHELL</title>";
constexpr std::string_view secret = "TOP-SECRET-NEXT-TO-THE-WEB-DIR";

void write(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class static_files_test : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rf-static-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    base = tmpl;
    const auto web = base / "web";
    write(web / "index.html", shell);
    write(web / "assets" / "app-1234.js", "console.log('app')");
    write(web / "robots.txt", "User-agent: *");
    write(base / "secret.txt", secret);
    write(base / "web-other" / "secret.txt", secret);  // shares a prefix with "web"
    fs::create_symlink(base / "secret.txt", web / "link.txt");
    fs::create_symlink(base / "secret.txt", web / "link");
    fs::create_symlink("../secret.txt", web / "assets" / "relative.js");
    fs::create_symlink(base, web / "up");
    fs::create_symlink("/etc", web / "etc");
    fs::create_symlink(web / "assets" / "app-1234.js", web / "latest.js");  // inside: fine
    root = resolve_web_dir(web.string());
    ASSERT_FALSE(root.empty());
  }
  void TearDown() override { fs::remove_all(base); }

  // The body served for `path`, or "404" when the handler declines.
  std::string body(std::string_view path) {
    auto r = serve_static(root, path);
    return r ? r->body : "404";
  }

  fs::path base;
  std::string root;
};

TEST_F(static_files_test, serves_files_inside_and_the_shell_for_app_routes) {
  EXPECT_EQ(body("/"), shell);
  EXPECT_EQ(body("/index.html"), shell);
  EXPECT_EQ(body("/trees/123/edit"), shell);
  EXPECT_EQ(body("/assets/app-1234.js"), "console.log('app')");
  EXPECT_EQ(body("/latest.js"), "console.log('app')");
  EXPECT_EQ(body("/missing.js"), "404");
  auto asset = serve_static(root, "/assets/app-1234.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->content_type, "text/javascript; charset=utf-8");
  bool immutable = false;
  for (const auto& [k, v] : asset->headers) immutable |= k == "Cache-Control" && v.find("immutable") != v.npos;
  EXPECT_TRUE(immutable);
}

TEST_F(static_files_test, resolves_the_web_dir_once_to_its_canonical_form) {
  EXPECT_EQ(root, fs::canonical(base / "web").string());
  EXPECT_EQ(resolve_web_dir((base / "web" / ".." / "web").string()), root);
  EXPECT_EQ(resolve_web_dir((base / "nowhere").string()), "");
  EXPECT_EQ(resolve_web_dir(base.string()), "");  // no index.html there
  EXPECT_EQ(resolve_web_dir(""), "");
  EXPECT_FALSE(serve_static("", "/"));
}

TEST_F(static_files_test, never_serves_a_file_from_outside) {
  const std::string abs_secret = (base / "secret.txt").string();
  const std::string paths[] = {
      "//etc/passwd",
      "///etc/passwd",
      "//proc/self/environ",
      "/" + abs_secret,
      "//" + abs_secret,
      "/../secret.txt",
      "/../../../../../../etc/passwd",
      "/assets/../../secret.txt",
      "/./../secret.txt",
      "/..",
      "/..\\secret.txt",
      "/\\..\\secret.txt",
      "/assets\\..\\..\\secret.txt",
      std::string("/secret.txt\0.html", 17),
      std::string("/\0/../secret.txt", 16),
      "/link.txt",
      "/link",
      "/assets/relative.js",
      "/up/secret.txt",
      "/up/web-other/secret.txt",
      "/etc/passwd",
      "/etc/hostname",
      "/etc",
      "/up",
      "/web-other/secret.txt",
      "/../web-other/secret.txt",
  };
  for (const auto& p : paths) {
    const auto b = body(p);
    EXPECT_EQ(b.find(secret), std::string::npos) << p;
    EXPECT_EQ(b.find("root:"), std::string::npos) << p;
    EXPECT_TRUE(b == shell || b == "404") << p << " served " << b.substr(0, 80);
  }
}

TEST_F(static_files_test, refuses_dot_segments_backslashes_and_nul_outright) {
  const std::string_view refused[] = {"/../secret.txt",
                                      "/assets/../index.html",
                                      "/./index.html",
                                      "/a\\b",
                                      std::string_view("/a\0b", 4),
                                      "relative",
                                      ""};
  for (const auto p : refused) {
    EXPECT_FALSE(serve_static(root, p)) << p;
  }
}

}  // namespace
}  // namespace rf::http
