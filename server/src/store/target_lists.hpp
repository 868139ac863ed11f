#pragma once
// Saved target lists. Every function takes the team id.

#include "domain/models.hpp"
#include "store/database.hpp"
#include "store/result.hpp"

#include <optional>
#include <vector>

namespace rf::store {

void insert_target_list(lease& sql, const domain::target_list& l);
std::optional<domain::target_list> get_target_list(lease& sql, const std::string& team_id, const std::string& id);
struct target_list_page {
  std::vector<domain::target_list> items;  // summaries: targets left empty, target_count set
  long long total = 0;
};
// Name order.
target_list_page list_target_lists(lease& sql, const std::string& team_id, long long limit, long long offset);
bool update_target_list(lease& sql, const domain::target_list& l);
// in_use: a maintenance schedule launches this list.
errc delete_target_list(lease& sql, const std::string& team_id, const std::string& id);

std::string targets_to_json(const std::vector<domain::target>& targets);
std::vector<domain::target> targets_from_json(const std::string& text);

}  // namespace rf::store
