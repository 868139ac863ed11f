// Migrations: each dialect runs exactly the statements it ran when the version shipped,
// and the dialect blocks of the single sources (store/migrations.hpp) are read strictly.

#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rf {
namespace {

using store::dialect;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// Every statement of every shipped migration, in order, as split_statements returns it:
// the FNV-1a hash of its text on SQLite and on PostgreSQL, and its first line for the
// reader. Taken from migrations/sqlite/ and migrations/postgresql/ as they were before
// the two folders became one source (commit 7781a5d). A database records only the
// versions it applied, so these never change; a new migration adds rows.
struct shipped_statement {
  int version;
  std::uint64_t sqlite;
  std::uint64_t postgresql;
  const char* starts;
};
constexpr shipped_statement shipped[] = {
    {1, 0xcb71468ddf7c1ffeull, 0xcb71468ddf7c1ffeull, "CREATE TABLE teams ("},
    {1, 0x59b0d849788e52c0ull, 0x59b0d849788e52c0ull, "CREATE TABLE users ("},
    {1, 0x5439cf02771f04ebull, 0x5439cf02771f04ebull, "CREATE INDEX users_team ON users(team_id);"},
    {1, 0x7faca36e4ebfcc02ull, 0x7faca36e4ebfcc02ull, "CREATE TABLE auth_tokens ("},
    {1, 0xdb85d124599dedb7ull, 0xdb85d124599dedb7ull, "CREATE INDEX auth_tokens_user ON auth_tokens(user_id"},
    {1, 0x250c88f8414ef7ffull, 0x250c88f8414ef7ffull, "CREATE TABLE invites ("},
    {1, 0x3a3b6e0d03a9f2c4ull, 0x3a3b6e0d03a9f2c4ull, "CREATE TABLE login_failures ("},
    {1, 0xf247dd7ad45763c4ull, 0xf247dd7ad45763c4ull, "CREATE TABLE trees ("},
    {1, 0xdfce6ec13aa0ab5cull, 0xdfce6ec13aa0ab5cull, "CREATE INDEX trees_team_created ON trees(team_id, cr"},
    {1, 0xe67faacaa210eb08ull, 0xe67faacaa210eb08ull, "CREATE TABLE target_lists ("},
    {1, 0x073355e04535f4dbull, 0x073355e04535f4dbull, "CREATE INDEX target_lists_team ON target_lists(team_"},
    {1, 0x4dba1e93509d6047ull, 0x4dba1e93509d6047ull, "CREATE TABLE maintenance_schedules ("},
    {1, 0x87b9054948a95ae2ull, 0x87b9054948a95ae2ull, "CREATE INDEX maintenance_schedules_due ON maintenanc"},
    {1, 0x2d2a08ed8e264f87ull, 0x2d2a08ed8e264f87ull, "CREATE INDEX maintenance_schedules_team ON maintenan"},
    {1, 0x9ad0aa45efbd63a6ull, 0x9ad0aa45efbd63a6ull, "CREATE TABLE batches ("},
    {1, 0xe49230a9a4279306ull, 0xe49230a9a4279306ull, "CREATE INDEX batches_tree ON batches(team_id, tree_i"},
    {1, 0x0cbf74722432557cull, 0x0cbf74722432557cull, "CREATE TABLE sessions ("},
    {1, 0x6a99123ebf10ab50ull, 0x6a99123ebf10ab50ull, "CREATE INDEX sessions_team_started ON sessions(team_"},
    {1, 0x7a12a47ab7030987ull, 0x7a12a47ab7030987ull, "CREATE INDEX sessions_batch ON sessions(batch_id, st"},
    {1, 0xec27fb3d183e7b81ull, 0xec27fb3d183e7b81ull, "CREATE INDEX sessions_tree ON sessions(team_id, tree"},
    {1, 0xbd92d33f1d2949d6ull, 0xbd92d33f1d2949d6ull, "CREATE TABLE schedule_events ("},
    {1, 0x93ff8fd7060ca51eull, 0x93ff8fd7060ca51eull, "CREATE INDEX schedule_events_tree ON schedule_events"},
    {2, 0xc1d376ec3f9af948ull, 0xc1d376ec3f9af948ull, "ALTER TABLE users ADD COLUMN removed_at BIGINT;"},
    {2, 0x6f022c5b2dd06c66ull, 0x6f022c5b2dd06c66ull, "ALTER TABLE invites ADD COLUMN role TEXT NOT NULL DE"},
    {2, 0xf73b1eeeb844120bull, 0xf73b1eeeb844120bull, "CREATE INDEX invites_team ON invites(team_id, expire"},
    {2, 0xc54f6ae6c8d247aeull, 0xc54f6ae6c8d247aeull, "ALTER TABLE trees ADD COLUMN step_count BIGINT NOT N"},
    {2, 0x2d329e25e2c2b70dull, 0xea7a52837a7094d8ull, "UPDATE trees SET step_count: procedures (JSON)"},
    {2, 0xff30a317d671c78aull, 0x8f5a3b55d958c1daull, "UPDATE trees SET step_count: decision trees (JSON)"},
    {2, 0x7f871c43e543f617ull, 0x7f871c43e543f617ull, "CREATE TABLE team_usage ("},
    {2, 0xbeb7156e6009c2fdull, 0xbeb7156e6009c2fdull, "ALTER TABLE schedule_events ADD COLUMN reason TEXT;"},
    {2, 0xaca5d187f4fd687aull, 0xaca5d187f4fd687aull, "ALTER TABLE schedule_events ADD COLUMN scheduled_for"},
    {2, 0x5d19b5d2da9ab75eull, 0x5d19b5d2da9ab75eull, "ALTER TABLE schedule_events ADD COLUMN target_count "},
    {2, 0xb2ce4d2b9a3bd53bull, 0xb2ff65653014f4f4ull, "UPDATE maintenance_schedules: trim cron_expression"},
};

TEST(migrations, each_dialect_runs_the_statements_it_shipped_with) {
  for (const dialect d : {dialect::sqlite, dialect::postgresql}) {
    const char* name = d == dialect::sqlite ? "sqlite" : "postgresql";
    for (const auto& m : store::migrations(d)) {
      std::vector<shipped_statement> pinned;
      for (const auto& s : shipped)
        if (s.version == m.version) pinned.push_back(s);
      if (pinned.empty()) continue;  // a migration newer than this table
      const auto statements = store::split_statements(m.sql);
      ASSERT_EQ(statements.size(), pinned.size()) << name << " migration " << m.version;
      for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto want = d == dialect::sqlite ? pinned[i].sqlite : pinned[i].postgresql;
        EXPECT_EQ(fnv1a(statements[i]), want) << name << " migration " << m.version << " statement " << i
                                              << " (shipped: " << pinned[i].starts << ") is now:\n"
                                              << statements[i];
      }
    }
  }
}

TEST(migrations, versions_are_the_same_and_ordered_on_both_dialects) {
  const auto& sources = store::migration_sources();
  ASSERT_GE(sources.size(), 2u);
  EXPECT_EQ(sources[0].version, 1);
  EXPECT_EQ(sources[0].name, "initial");
  EXPECT_EQ(sources[1].version, 2);
  EXPECT_EQ(sources[1].name, "trust");
  for (std::size_t i = 1; i < sources.size(); ++i) EXPECT_LT(sources[i - 1].version, sources[i].version);
  for (const dialect d : {dialect::sqlite, dialect::postgresql}) {
    const auto& resolved = store::migrations(d);
    ASSERT_EQ(resolved.size(), sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
      EXPECT_EQ(resolved[i].version, sources[i].version);
      EXPECT_EQ(resolved[i].name, sources[i].name);
      EXPECT_EQ(resolved[i].sql.find("-- dialect:"), std::string_view::npos);
    }
  }
  EXPECT_EQ(&store::sqlite_migrations(), &store::migrations(dialect::sqlite));
  EXPECT_EQ(&store::postgresql_migrations(), &store::migrations(dialect::postgresql));
}

struct select_case {
  const char* name;
  const char* source;
  std::optional<std::string> sqlite;      // nullopt: select_dialect throws
  std::optional<std::string> postgresql;  // nullopt: select_dialect throws
};

const select_case select_cases[] = {
    {"no blocks", "-- c\nCREATE TABLE t (a TEXT);\n\nCREATE INDEX i ON t(a);\n",
     "-- c\nCREATE TABLE t (a TEXT);\n\nCREATE INDEX i ON t(a);\n",
     "-- c\nCREATE TABLE t (a TEXT);\n\nCREATE INDEX i ON t(a);\n"},
    {"one block per dialect",
     "A;\n-- dialect: sqlite\nS1;\nS2\n  x;\n-- dialect: postgresql\n-- why\nP;\n-- dialect: end\n\nB;\n",
     "A;\nS1;\nS2\n  x;\n\nB;\n", "A;\n-- why\nP;\n\nB;\n"},
    {"a block for one dialect only", "A;\n-- dialect: postgresql\nP;\n-- dialect: end\nB;\n", "A;\nB;\n",
     "A;\nP;\nB;\n"},
    {"spaces around the name", "-- dialect:   sqlite  \nS;\n-- dialect:end\n", "S;\n", ""},
    {"no space after the dashes", "--dialect: postgresql\nP;\n--  dialect: end\n", "", "P;\n"},
    {"the last line without a line end", "A;\n-- dialect: sqlite\nS;\n-- dialect: end", "A;\nS;\n", "A;\n"},
    {"an unknown dialect", "-- dialect: mysql\nM;\n-- dialect: end\n", std::nullopt, std::nullopt},
    {"a block left open", "A;\n-- dialect: sqlite\nS;\n", std::nullopt, std::nullopt},
    {"an end outside a block", "A;\n-- dialect: end\n", std::nullopt, std::nullopt},
    {"a block repeating its dialect", "-- dialect: sqlite\nS;\n-- dialect: sqlite\nT;\n-- dialect: end\n", std::nullopt,
     std::nullopt},
    {"a block starting inside a statement", "UPDATE t\n-- dialect: sqlite\nSET a = 1;\n-- dialect: end\n", std::nullopt,
     std::nullopt},
    {"a block ending inside a statement", "-- dialect: sqlite\nUPDATE t\n-- dialect: end\nSET a = 1;\n", std::nullopt,
     std::nullopt},
};

TEST(migrations, select_dialect_keeps_common_lines_and_the_dialect_s_blocks) {
  for (const auto& c : select_cases) {
    for (const dialect d : {dialect::sqlite, dialect::postgresql}) {
      const auto& want = d == dialect::sqlite ? c.sqlite : c.postgresql;
      if (want) {
        EXPECT_EQ(store::select_dialect(c.source, d), *want) << c.name;
      } else {
        EXPECT_THROW(store::select_dialect(c.source, d), std::invalid_argument) << c.name;
      }
    }
  }
}

TEST(migrations, split_statements_ends_a_statement_at_a_semicolon_that_ends_a_line) {
  using v = std::vector<std::string>;
  EXPECT_EQ(store::split_statements(""), v{});
  EXPECT_EQ(store::split_statements("-- only a comment\n\n  \n"), v{});
  EXPECT_EQ(store::split_statements("A;\nB;  \r\n"), (v{"A;\n", "B;  \r\n"}));
  // Comment lines go; an indented one and a trailing one stay with their statement.
  EXPECT_EQ(store::split_statements("-- c\nCREATE TABLE t (\n  a TEXT,  -- why\n  -- more\n  b TEXT\n);\n"),
            (v{"CREATE TABLE t (\n  a TEXT,  -- why\n  -- more\n  b TEXT\n);\n"}));
  // A ';' inside a line does not split; blank lines before a statement belong to it.
  EXPECT_EQ(store::split_statements("SELECT ';'; SELECT 1;\n\nB;\n"), (v{"SELECT ';'; SELECT 1;\n", "\nB;\n"}));
  // Text after the last ';' is a statement of its own.
  EXPECT_EQ(store::split_statements("A;\nB"), (v{"A;\n", "B\n"}));
}

}  // namespace
}  // namespace rf
