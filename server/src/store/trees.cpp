#include "store/trees.hpp"

#include "store/sql.hpp"

#include "common/text.hpp"

namespace rf::store {

using soci::into;
using soci::use;

namespace {

// The one mapper of a flow row. A summary leaves out the structure, which can be large.
void map_tree(columns& c, domain::tree& t, bool with_structure) {
  c("id", t.id)("team_id", t.team_id)("created_by", t.created_by)("name", t.name)("description", t.description);
  c("tree_type", t.tree_type);
  if (with_structure) c("tree_structure", t.tree_structure);
  c("created_at", t.created_at)("updated_at", t.updated_at)("step_count", t.step_count);
}

void bump_version(lease& sql, const std::string& team_id) {
  sql << "UPDATE teams SET trees_version = trees_version + 1 WHERE id = :team", use(team_id);
}

// A LIKE pattern that finds `q` anywhere, case-folded, with LIKE's wildcards escaped.
std::string like_pattern(const std::string& q) {
  std::string p = "%";
  for (char c : fold_case(q)) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  p.push_back('%');
  return p;
}

std::optional<domain::tree> select_tree(lease& sql, const std::string& team_id, const std::string& id,
                                        bool for_update) {
  const bool lock = for_update && dialect_of(sql) == dialect::postgresql;
  return select_one<domain::tree>(
      sql, [](columns& c, domain::tree& t) { map_tree(c, t, true); },
      lock ? "FROM trees WHERE id = :id AND team_id = :team FOR UPDATE"
           : "FROM trees WHERE id = :id AND team_id = :team",
      binds(id, team_id));
}

}  // namespace

void insert_tree(lease& sql, const domain::tree& t) {
  transaction tx(sql);
  sql << "INSERT INTO trees (id, team_id, created_by, name, description, tree_type, tree_structure, created_at,"
         " updated_at, step_count)"
         " VALUES (:id, :team, :by, :name, :descr, :type, :structure, :created, :updated, :steps)",
      use(t.id), use(t.team_id), use(t.created_by), use(t.name), use(t.description), use(t.tree_type),
      use(t.tree_structure), use(t.created_at), use(t.updated_at), use(t.step_count);
  bump_version(sql, t.team_id);
  tx.commit();
}

long long trees_version(lease& sql, const std::string& team_id) {
  long long v = 0;
  sql << "SELECT trees_version FROM teams WHERE id = :team", use(team_id), into(v);
  return v;
}

std::optional<domain::tree> get_tree(lease& sql, const std::string& team_id, const std::string& id) {
  return select_tree(sql, team_id, id, false);
}

std::optional<domain::tree> get_tree_for_update(lease& sql, const std::string& team_id, const std::string& id) {
  return select_tree(sql, team_id, id, true);
}

tree_page list_trees(lease& sql, const std::string& team_id, const tree_filter& f) {
  where_builder where;
  where.equals("team_id", team_id).equals("tree_type", f.tree_type);
  if (f.q) {
    // Both sides folded the same way: rf_fold (registered on SQLite connections) matches
    // fold_case; PostgreSQL's lower() is Unicode-aware already.
    const std::string pattern = like_pattern(*f.q);
    where.condition(dialect_of(sql) == dialect::sqlite
                        ? "(rf_fold(name) LIKE :q1 ESCAPE '\\' OR rf_fold(description) LIKE :q2 ESCAPE '\\')"
                        : "(lower(name) LIKE :q1 ESCAPE '\\' OR lower(description) LIKE :q2 ESCAPE '\\')",
                    pattern, pattern);
  }
  tree_page page;
  page.total = count_rows(sql, "FROM trees" + where.sql(), where.values());
  page.items = select_all<domain::tree>(
      sql, [](columns& c, domain::tree& t) { map_tree(c, t, false); },
      "FROM trees" + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
      binds(where.values()).add(f.limit).add(f.offset));
  return page;
}

tree_counts count_trees(lease& sql, const std::string& team_id) {
  tree_counts c;
  sql << "SELECT COUNT(*),"
         " COUNT(CASE WHEN tree_type = 'troubleshooting' THEN 1 END),"
         " COUNT(CASE WHEN tree_type = 'procedural' THEN 1 END),"
         " COUNT(CASE WHEN tree_type = 'maintenance' THEN 1 END)"
         " FROM trees WHERE team_id = :team",
      use(team_id), into(c.total), into(c.troubleshooting), into(c.procedural), into(c.maintenance);
  return c;
}

bool update_tree(lease& sql, const domain::tree& t) {
  transaction tx(sql);
  const bool found = execute(sql,
                             "UPDATE trees SET name = :name, description = :descr, tree_type = :type,"
                             " tree_structure = :structure, updated_at = :updated, step_count = :steps"
                             " WHERE id = :id AND team_id = :team",
                             binds(t.name, t.description, t.tree_type, t.tree_structure, t.updated_at, t.step_count,
                                   t.id, t.team_id)) > 0;
  if (found) bump_version(sql, t.team_id);
  tx.commit();
  return found;
}

bool delete_tree(lease& sql, const std::string& team_id, const std::string& id) {
  transaction tx(sql);
  sql << "DELETE FROM maintenance_schedules WHERE tree_id = :id AND team_id = :team", use(id), use(team_id);
  const bool gone = execute(sql, "DELETE FROM trees WHERE id = :id AND team_id = :team", binds(id, team_id)) > 0;
  if (gone) bump_version(sql, team_id);
  tx.commit();
  return gone;
}

}  // namespace rf::store
