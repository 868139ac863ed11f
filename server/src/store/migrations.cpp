#include "store/migrations.hpp"

#include <optional>
#include <stdexcept>
#include <string>

namespace rf::store {

namespace {

std::string_view trim_right(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

std::string_view trim(std::string_view s) {
  s = trim_right(s);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The name in a marker line "-- dialect: NAME" (spaces after the dashes optional), or
// nullopt for any other line.
std::optional<std::string_view> marker_name(std::string_view line) {
  constexpr std::string_view marker = "dialect:";
  if (!line.starts_with("--")) return std::nullopt;
  line = trim(line.substr(2));
  if (!line.starts_with(marker)) return std::nullopt;
  return trim(line.substr(marker.size()));
}

// A block's dialect, or nullopt for "-- dialect: end"; throws on an unknown name.
std::optional<dialect> marker_dialect(std::string_view name, int line_no) {
  if (name == "sqlite") return dialect::sqlite;
  if (name == "postgresql") return dialect::postgresql;
  if (name == "end") return std::nullopt;
  throw std::invalid_argument("migration line " + std::to_string(line_no) + ": unknown dialect '" + std::string(name) +
                              "' (use sqlite, postgresql or end)");
}

// One dialect's migrations, and the texts their `sql` views point into.
struct resolved {
  std::vector<std::string> texts;
  std::vector<migration> all;

  explicit resolved(dialect d) {
    const auto& sources = migration_sources();
    texts.reserve(sources.size());  // no reallocation: `all` holds views into these strings
    for (const auto& m : sources) {
      try {
        texts.push_back(select_dialect(m.sql, d));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("migration " + std::to_string(m.version) + "_" + std::string(m.name) + ": " +
                                    e.what());
      }
      all.push_back({m.version, m.name, texts.back()});
    }
  }
};

}  // namespace

std::string select_dialect(std::string_view source, dialect d) {
  std::string out;
  std::optional<dialect> block;  // the block being read; nullopt: lines for every dialect
  bool in_statement = false;     // a statement (in any dialect) has begun and not ended
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < source.size()) {
    auto eol = source.find('\n', pos);
    if (eol == std::string_view::npos) eol = source.size();
    const std::string_view line = source.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    const std::string_view trimmed = trim_right(line);
    if (const auto name = marker_name(trimmed)) {
      const auto next = marker_dialect(*name, line_no);
      const auto where = "migration line " + std::to_string(line_no) + ": ";
      if (in_statement) throw std::invalid_argument(where + "a dialect marker inside a statement");
      if (!next && !block) throw std::invalid_argument(where + "'-- dialect: end' outside a dialect block");
      if (next && block == next) throw std::invalid_argument(where + "a dialect block repeats its dialect");
      block = next;
      continue;
    }
    if (!trimmed.empty() && !trimmed.starts_with("--")) in_statement = trimmed.back() != ';';
    if (block && *block != d) continue;
    out.append(line).push_back('\n');
  }
  if (block) throw std::invalid_argument("migration ends inside a dialect block (add '-- dialect: end')");
  return out;
}

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < sql.size()) {
    auto eol = sql.find('\n', pos);
    if (eol == std::string_view::npos) eol = sql.size();
    std::string_view line = sql.substr(pos, eol - pos);
    pos = eol + 1;
    auto trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r')) trimmed.remove_suffix(1);
    if (trimmed.starts_with("--")) continue;
    current.append(line).push_back('\n');
    if (!trimmed.empty() && trimmed.back() == ';') {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \n\r\t") != std::string::npos) out.push_back(current);
  return out;
}

const std::vector<migration>& migrations(dialect d) {
  static const resolved sqlite(dialect::sqlite), postgresql(dialect::postgresql);
  return (d == dialect::sqlite ? sqlite : postgresql).all;
}

const std::vector<migration>& sqlite_migrations() { return migrations(dialect::sqlite); }
const std::vector<migration>& postgresql_migrations() { return migrations(dialect::postgresql); }

}  // namespace rf::store
