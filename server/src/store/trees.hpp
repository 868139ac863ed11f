#pragma once
// Flows (trees). Every function takes the team id: another team's tree does not exist.
//
// Error contract (the one of store/database.hpp): outcomes that depend on input are
// values: std::optional when nothing matches, bool when nothing was updated or deleted.
// A lost connection or broken SQL throws soci::soci_error, and nothing here catches it.

#include "domain/models.hpp"
#include "store/database.hpp"

#include <optional>
#include <vector>

namespace rf::store {

struct tree_filter {
  std::optional<domain::tree_type> tree_type;
  std::optional<std::string> q;  // case-insensitive match on name or description
  long long limit = 200;
  long long offset = 0;
};

struct tree_page {
  std::vector<domain::tree> items;  // summaries: tree_structure is left empty
  long long total = 0;              // all matches, not only this page
};

struct tree_counts {
  long long total = 0, troubleshooting = 0, procedural = 0, maintenance = 0;
};

// Every write below also bumps the team's trees_version in the same transaction.
void insert_tree(lease& sql, const domain::tree& t);
// Changes whenever any flow of the team is created, changed or deleted.
long long trees_version(lease& sql, const std::string& team_id);
std::optional<domain::tree> get_tree(lease& sql, const std::string& team_id, const std::string& id);
// The same, with the row locked until the transaction ends (PostgreSQL; SQLite's write
// transaction covers it): a type change and a schedule creation then cannot interleave.
std::optional<domain::tree> get_tree_for_update(lease& sql, const std::string& team_id, const std::string& id);
tree_page list_trees(lease& sql, const std::string& team_id, const tree_filter& f);
tree_counts count_trees(lease& sql, const std::string& team_id);
// Writes name, description, tree_type, tree_structure, updated_at and step_count of `t`;
// false if gone.
bool update_tree(lease& sql, const domain::tree& t);
// Deletes the tree and its schedule; sessions and batches keep their snapshots.
bool delete_tree(lease& sql, const std::string& team_id, const std::string& id);

}  // namespace rf::store
