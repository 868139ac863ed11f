#include "store/trees.hpp"

#include "store/conversions.hpp"

#include "common/text.hpp"

namespace rf::store {

using soci::into;
using soci::use;

namespace {

constexpr const char* tree_columns =
    "id, team_id, created_by, name, description, tree_type, tree_structure, created_at, updated_at, step_count";

struct tree_into {
  domain::tree t;
  long long created = 0, updated = 0;
};

}  // namespace

namespace {
void bump_version(lease& sql, const std::string& team_id) {
  sql << "UPDATE teams SET trees_version = trees_version + 1 WHERE id = :team", use(team_id);
}
}  // namespace

void insert_tree(lease& sql, const domain::tree& t) {
  transaction tx(sql);
  sql << "INSERT INTO trees (" << tree_columns
      << ") VALUES (:id, :team, :by, :name, :descr, :type, :structure, :created, :updated, :steps)",
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

namespace {

std::optional<domain::tree> select_tree(lease& sql, const std::string& team_id, const std::string& id,
                                        bool for_update) {
  domain::tree t;
  const bool lock = for_update && dialect_of(sql) == dialect::postgresql;
  sql << "SELECT " << tree_columns << " FROM trees WHERE id = :id AND team_id = :team" << (lock ? " FOR UPDATE" : ""),
      use(id), use(team_id), into(t.id), into(t.team_id), into(t.created_by), into(t.name), into(t.description),
      into(t.tree_type), into(t.tree_structure), into(t.created_at), into(t.updated_at), into(t.step_count);
  if (!sql.got_data()) return std::nullopt;
  return t;
}

}  // namespace

std::optional<domain::tree> get_tree(lease& sql, const std::string& team_id, const std::string& id) {
  return select_tree(sql, team_id, id, false);
}

std::optional<domain::tree> get_tree_for_update(lease& sql, const std::string& team_id, const std::string& id) {
  return select_tree(sql, team_id, id, true);
}

namespace {
std::string like_pattern(const std::string& q) {
  std::string p = "%";
  for (char c : fold_case(q)) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  p.push_back('%');
  return p;
}
}  // namespace

tree_page list_trees(lease& sql, const std::string& team_id, const tree_filter& f) {
  tree_page page;
  domain::tree t;
  const std::string type(f.tree_type ? domain::to_string(*f.tree_type) : "");
  const std::string pattern = f.q ? like_pattern(*f.q) : "%";
  const long long any_type = f.tree_type ? 0 : 1;
  // Both sides folded the same way: rf_fold (registered on SQLite connections) matches
  // fold_case; PostgreSQL's lower() is Unicode-aware already.
  const std::string fold = dialect_of(sql) == dialect::sqlite ? "rf_fold" : "lower";
  const std::string search =
      f.q ? " AND (" + fold + "(name) LIKE :p1 ESCAPE '\\' OR " + fold + "(description) LIKE :p2 ESCAPE '\\')" : "";
  const std::string where = " FROM trees WHERE team_id = :team AND (:any_type = 1 OR tree_type = :type)" + search;
  std::string team = team_id;
  std::string p1 = pattern, p2 = pattern;
  auto bind_filter = [&](soci::statement& st) {
    st.exchange(use(team));
    st.exchange(use(any_type));
    st.exchange(use(type));
    if (f.q) {
      st.exchange(use(p1));
      st.exchange(use(p2));
    }
  };
  {
    soci::statement st(sql);
    st.alloc();
    st.exchange(into(page.total));
    bind_filter(st);
    st.prepare("SELECT COUNT(*)" + where);
    st.define_and_bind();
    st.execute(true);
  }
  // A list is a summary: everything but the structure, which can be large.
  soci::statement st(sql);
  st.alloc();
  for (auto* field : {&t.id, &t.team_id, &t.created_by, &t.name, &t.description}) st.exchange(into(*field));
  st.exchange(into(t.tree_type));
  st.exchange(into(t.created_at));
  st.exchange(into(t.updated_at));
  st.exchange(into(t.step_count));
  bind_filter(st);
  long long limit = f.limit, offset = f.offset;
  st.exchange(use(limit));
  st.exchange(use(offset));
  st.prepare("SELECT id, team_id, created_by, name, description, tree_type, created_at, updated_at, step_count" +
             where + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) page.items.push_back(t);
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
  soci::statement st = (sql.prepare << "UPDATE trees SET name = :name, description = :descr, tree_type = :type,"
                                       " tree_structure = :structure, updated_at = :updated, step_count = :steps"
                                       " WHERE id = :id AND team_id = :team",
                        use(t.name), use(t.description), use(t.tree_type), use(t.tree_structure), use(t.updated_at),
                        use(t.step_count), use(t.id), use(t.team_id));
  st.execute(true);
  const bool found = st.get_affected_rows() > 0;
  if (found) bump_version(sql, t.team_id);
  tx.commit();
  return found;
}

bool delete_tree(lease& sql, const std::string& team_id, const std::string& id) {
  transaction tx(sql);
  sql << "DELETE FROM maintenance_schedules WHERE tree_id = :id AND team_id = :team", use(id), use(team_id);
  soci::statement st = (sql.prepare << "DELETE FROM trees WHERE id = :id AND team_id = :team", use(id), use(team_id));
  st.execute(true);
  const bool gone = st.get_affected_rows() > 0;
  if (gone) bump_version(sql, team_id);
  tx.commit();
  return gone;
}

}  // namespace rf::store
