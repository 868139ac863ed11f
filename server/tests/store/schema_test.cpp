// One schema on both backends: the migrated database is described from its own catalogue
// (SQLite: sqlite_master and the table pragmas; PostgreSQL: information_schema and
// pg_catalog) in one canonical text, and that text must equal schema.expected beside this
// file. The suite runs once per backend, so both runs compare against the same file, and
// a table, column, index or constraint that differs between the dialects fails one run.
// An intended difference is written in schema.expected as a pair of lines for one dialect
// each, with its reason.

#include "fixture.hpp"

#include "store/database.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace rf {
namespace {

using testing::shared_db;
using row = std::vector<std::optional<std::string>>;

// Every row of `query` (`columns` columns, each read as text; NULL as nullopt), with the
// `:t` parameter bound to `param` when given.
std::vector<row> rows(soci::session& sql, const std::string& query, std::size_t columns,
                      const std::optional<std::string>& param = std::nullopt) {
  std::vector<std::string> values(columns);
  std::vector<soci::indicator> inds(columns);
  std::string bound = param.value_or("");
  soci::statement st(sql);
  st.alloc();
  for (std::size_t i = 0; i < columns; ++i) st.exchange(soci::into(values[i], inds[i]));
  if (param) st.exchange(soci::use(bound));
  st.prepare(query);
  st.define_and_bind();
  st.execute();
  std::vector<row> out;
  while (st.fetch()) {
    row r;
    for (std::size_t i = 0; i < columns; ++i) r.push_back(store::if_set(values[i], inds[i]));
    out.push_back(std::move(r));
  }
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// "(is_active = 1)" and "is_active = 1" alike: one pair of parentheses around the whole
// predicate goes, as PostgreSQL adds it and SQLite keeps the text as written.
std::string normalise_predicate(std::string_view p) {
  std::string s = collapse_spaces(p);
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    int depth = 0;
    bool encloses = true;
    for (std::size_t i = 0; i < s.size() && encloses; ++i) {
      depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      if (depth == 0 && i + 1 < s.size()) encloses = false;
    }
    if (!encloses) break;
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

// "'engineer'::text" and "'engineer'" alike: PostgreSQL reports a default with its cast.
std::string normalise_default(std::string_view d) {
  std::string s = collapse_spaces(d);
  const auto cast = s.rfind("::");
  if (cast != std::string::npos && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz ", cast + 2) == std::string::npos)
    s.erase(cast);
  return s;
}

std::string column_line(const std::string& name, const std::string& type, bool not_null,
                        const std::optional<std::string>& default_value) {
  std::string line = "  column " + name + " " + type + (not_null ? " not null" : " null");
  if (default_value) line += " default " + normalise_default(*default_value);
  return line;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string on_delete_name(std::string action) {
  std::transform(action.begin(), action.end(), action.begin(), [](unsigned char c) { return std::tolower(c); });
  return action;
}

// One table's description: columns in their order, then the primary key, and the
// unique constraints, foreign keys and indexes, each group sorted.
struct table_description {
  std::vector<std::string> columns;
  std::string primary_key;
  std::vector<std::string> others;

  std::string text(const std::string& name) {
    std::sort(others.begin(), others.end());
    std::string out = "table " + name + "\n";
    for (const auto& c : columns) out += c + "\n";
    if (!primary_key.empty()) out += primary_key + "\n";
    for (const auto& o : others) out += o + "\n";
    return out;
  }
};

std::string sqlite_type(std::string declared) {
  std::transform(declared.begin(), declared.end(), declared.begin(), [](unsigned char c) { return std::toupper(c); });
  if (declared == "BIGINT" || declared == "INTEGER") return "integer";
  if (declared == "TEXT") return "text";
  return "sqlite-type(" + declared + ")";
}

std::string describe_sqlite(soci::session& sql) {
  std::string out;
  for (const auto& t : rows(sql,
                            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                            " ORDER BY name",
                            1)) {
    const std::string table = *t[0];
    table_description d;
    std::vector<std::pair<int, std::string>> key;
    for (const auto& c : rows(sql,
                              "SELECT name, type, CAST(\"notnull\" AS TEXT), dflt_value, CAST(pk AS TEXT)"
                              " FROM pragma_table_info(:t) ORDER BY cid",
                              5, table)) {
      d.columns.push_back(column_line(*c[0], sqlite_type(*c[1]), *c[2] == "1", c[3]));
      if (*c[4] != "0") key.emplace_back(std::stoi(*c[4]), *c[0]);
    }
    if (!key.empty()) {
      std::sort(key.begin(), key.end());
      std::vector<std::string> names;
      for (const auto& [_, n] : key) names.push_back(n);
      d.primary_key = "  primary key (" + join(names) + ")";
    }
    for (const auto& i : rows(sql,
                              "SELECT name, CAST(\"unique\" AS TEXT), origin, CAST(partial AS TEXT)"
                              " FROM pragma_index_list(:t)",
                              4, table)) {
      const std::string index = *i[0], origin = *i[2];
      if (origin == "pk") continue;  // described by the primary key
      std::vector<std::string> cols;
      for (const auto& c : rows(sql,
                                "SELECT name, CAST(\"desc\" AS TEXT) FROM pragma_index_xinfo(:t)"
                                " WHERE key = 1 ORDER BY seqno",
                                2, index))
        cols.push_back(c[0].value_or("<expression>") + (*c[1] == "1" ? " DESC" : ""));
      if (origin == "u") {
        d.others.push_back("  unique (" + join(cols) + ")");
        continue;
      }
      std::string line =
          std::string("  ") + (*i[1] == "1" ? "unique index " : "index ") + index + " (" + join(cols) + ")";
      if (*i[3] == "1") {
        const auto create = rows(sql, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :t", 1, index);
        const std::string text = create.at(0)[0].value_or("");
        std::string upper = text;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
        line += " where " + normalise_predicate(text.substr(upper.rfind(" WHERE ") + 7));
      }
      d.others.push_back(line);
    }
    std::vector<row> fks = rows(sql,
                                "SELECT CAST(id AS TEXT), \"table\", \"from\", \"to\", on_delete"
                                " FROM pragma_foreign_key_list(:t) ORDER BY id, seq",
                                5, table);
    for (std::size_t i = 0; i < fks.size();) {
      std::vector<std::string> from, to;
      std::size_t j = i;
      for (; j < fks.size() && fks[j][0] == fks[i][0]; ++j) {
        from.push_back(*fks[j][2]);
        to.push_back(fks[j][3].value_or("<primary key>"));
      }
      d.others.push_back("  foreign key (" + join(from) + ") references " + *fks[i][1] + " (" + join(to) +
                         ") on delete " + on_delete_name(*fks[i][4]));
      i = j;
    }
    out += d.text(table);
  }
  for (const auto& o : rows(sql,
                            "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('view', 'trigger')"
                            " ORDER BY type, name",
                            3))
    out += *o[0] + " " + *o[1] + " on " + *o[2] + "\n";
  return out;
}

std::string postgresql_type(const std::string& data_type) {
  if (data_type == "bigint") return "integer";
  if (data_type == "text") return "text";
  return "postgresql-type(" + data_type + ")";
}

std::string pg_action(const std::string& code) {
  if (code == "a") return "no action";
  if (code == "r") return "restrict";
  if (code == "c") return "cascade";
  if (code == "n") return "set null";
  if (code == "d") return "set default";
  return "<" + code + ">";
}

std::string describe_postgresql(soci::session& sql) {
  // The columns of a constraint's key (conkey/confkey) by name, in key order.
  const std::string key_columns =
      "(SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.%KEY%) WITH ORDINALITY k(attnum, ord)"
      " JOIN pg_attribute a ON a.attrelid = c.%REL% AND a.attnum = k.attnum)";
  auto keys = [&](const char* key, const char* rel) {
    std::string s = key_columns;
    s.replace(s.find("%KEY%"), 5, key);
    s.replace(s.find("%REL%"), 5, rel);
    return s;
  };
  std::string out;
  for (const auto& t : rows(sql,
                            "SELECT table_name::text FROM information_schema.tables"
                            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
                            1)) {
    const std::string table = *t[0];
    table_description d;
    for (const auto& c : rows(sql,
                              "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text"
                              " FROM information_schema.columns"
                              " WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position",
                              4, table))
      d.columns.push_back(column_line(*c[0], postgresql_type(*c[1]), *c[2] == "NO", c[3]));
    for (const auto& c : rows(sql,
                              "SELECT c.contype::text, " + keys("conkey", "conrelid") + ", rc.relname::text, " +
                                  keys("confkey", "confrelid") +
                                  ", c.confdeltype::text, pg_get_constraintdef(c.oid)"
                                  " FROM pg_constraint c JOIN pg_class tc ON tc.oid = c.conrelid"
                                  " JOIN pg_namespace n ON n.oid = tc.relnamespace"
                                  " LEFT JOIN pg_class rc ON rc.oid = c.confrelid"
                                  " WHERE n.nspname = current_schema() AND tc.relname = :t",
                              6, table)) {
      const std::string kind = *c[0];
      if (kind == "p") {
        d.primary_key = "  primary key (" + *c[1] + ")";
      } else if (kind == "u") {
        d.others.push_back("  unique (" + *c[1] + ")");
      } else if (kind == "f") {
        d.others.push_back("  foreign key (" + *c[1] + ") references " + *c[2] + " (" + *c[3] + ") on delete " +
                           pg_action(*c[4]));
      } else {
        // CHECK and exclusion constraints: SQLite cannot list them, so any shows as a difference.
        d.others.push_back("  constraint " + *c[5]);
      }
    }
    for (const auto& i : rows(sql,
                              "SELECT ic.relname::text, i.indisunique::text,"
                              " (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ', ' ORDER BY k)"
                              "  FROM generate_series(1, i.indnkeyatts) k),"
                              " pg_get_expr(i.indpred, i.indrelid)"
                              " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                              " JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace n ON n.oid = tc.relnamespace"
                              " WHERE n.nspname = current_schema() AND tc.relname = :t"
                              " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid"
                              "  AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u'))",
                              4, table)) {
      std::string line =
          std::string("  ") + (*i[1] == "true" ? "unique index " : "index ") + *i[0] + " (" + *i[2] + ")";
      if (i[3]) line += " where " + normalise_predicate(*i[3]);
      d.others.push_back(line);
    }
    out += d.text(table);
  }
  for (const auto& o : rows(sql,
                            "SELECT 'view', table_name::text, table_name::text FROM information_schema.views"
                            " WHERE table_schema = current_schema()"
                            " UNION ALL SELECT DISTINCT 'trigger', trigger_name::text, event_object_table::text"
                            " FROM information_schema.triggers WHERE trigger_schema = current_schema()"
                            " ORDER BY 1, 2",
                            3))
    out += *o[0] + " " + *o[1] + " on " + *o[2] + "\n";
  return out;
}

std::string describe(soci::session& sql) {
  return store::dialect_of(sql) == store::dialect::sqlite ? describe_sqlite(sql) : describe_postgresql(sql);
}

// schema.expected for one dialect: comments and blank lines dropped, a line tagged
// "[sqlite]" or "[postgresql]" kept for that dialect only, every line trimmed.
std::vector<std::string> expected_lines(std::istream& in, store::dialect d) {
  const std::string mine = d == store::dialect::sqlite ? "[sqlite]" : "[postgresql]";
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    std::string_view v = line;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    if (v.empty() || v.starts_with("#")) continue;
    if (v.starts_with("[")) {
      if (!v.starts_with(mine)) continue;
      v.remove_prefix(mine.size());
    }
    out.push_back(collapse_spaces(v));
  }
  return out;
}

std::vector<std::string> actual_lines(const std::string& description) {
  std::istringstream in(description);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(collapse_spaces(line));
  return out;
}

TEST(schema, both_dialects_migrate_to_the_described_schema) {
  store::lease sql(shared_db().pool());
  const auto d = store::dialect_of(sql);
  const auto path = std::filesystem::path(__FILE__).parent_path() / "schema.expected";
  std::ifstream file(path);
  ASSERT_TRUE(file) << "cannot read " << path;
  const std::string description = describe(sql);
  const auto want = expected_lines(file, d);
  const auto got = actual_lines(description);
  // The first difference, then the whole description, so the file is easy to update.
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  EXPECT_TRUE(i == want.size() && i == got.size())
      << "first difference at line " << i + 1
      << " of the description:\n  expected: " << (i < want.size() ? want[i] : "<end>")
      << "\n  actual:   " << (i < got.size() ? got[i] : "<end>") << "\nthe whole description of this "
      << (d == store::dialect::sqlite ? "SQLite" : "PostgreSQL") << " database:\n"
      << description;
}

// The describer itself: it must see what the catalogue holds, or the comparison above
// proves nothing.
TEST(schema, the_description_covers_keys_indexes_and_foreign_keys) {
  store::lease sql(shared_db().pool());
  const std::string description = describe(sql);
  for (const char* line :
       {"table maintenance_schedules\n", "  primary key (team_id, bucket)\n", "  unique (schedule_id, scheduled_for)\n",
        "  foreign key (tree_id) references trees (id) on delete cascade\n",
        "  index maintenance_schedules_due (next_run_at) where is_active = 1\n",
        "  column role text not null default 'engineer'\n"})
    EXPECT_NE(description.find(line), std::string::npos) << line << "in\n" << description;
}

}  // namespace
}  // namespace rf
