#pragma once
// Saved target lists. Every function takes the team id.
//
// Error contract (the one of store/database.hpp, with store/result.hpp): outcomes that
// depend on input are values: std::optional when nothing matches, bool when nothing was
// updated, errc with not_found or in_use from delete_target_list. A lost connection or
// broken SQL throws soci::soci_error; the only catch here is delete_target_list's
// foreign-key check, which turns that violation into in_use and rethrows anything else.
// targets_from_json throws on text that is not a stored target array (a bug, not input).

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
