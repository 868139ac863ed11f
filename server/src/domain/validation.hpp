#pragma once
// Pure validation of flows and targets. Each problem names where it is, as a path below
// the request body, so the API can answer a FastAPI-style 422 and the editor can show the
// message at the field.

#include "domain/models.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace rf::domain {

struct problem {
  boost::json::array loc;  // relative to the body, e.g. ["tree_structure", "steps", 2, "title"]
  std::string msg;
  std::string type;
};

constexpr std::size_t max_name = 255;
constexpr std::size_t max_description = 10'000;
constexpr std::size_t max_target_label = 255;
constexpr std::size_t max_target_notes = 500;
constexpr std::size_t max_targets_per_list = 5'000;
constexpr std::size_t max_targets_per_batch = 1'000;
constexpr std::size_t max_tree_items = 2'000;
constexpr std::size_t max_answers = 100;
// Validation stops after this many problems: the answer to a hostile body stays small.
constexpr std::size_t max_problems = 50;


// Request bodies nest at most this deep (api/input.cpp); stored JSON is parsed with the same
// limit, so whatever was accepted can be read back and edited.
constexpr int max_json_depth = 64;
// Parses JSON text that this service stored (a tree structure, session progress).
boost::json::value parse_stored_json(std::string_view text);

// What a flow list shows instead of the structure: the procedure steps a run ticks
// (procedure_end marks the end and is not one), or the nodes of a decision tree.
long long count_steps(tree_type type, const boost::json::value& structure);

// Validates `structure` for `tree_type` ("procedural", "maintenance", "troubleshooting").
std::vector<problem> validate_tree_structure(tree_type type, const boost::json::value& structure);

// Validates a targets array ([{label, notes?}]) with `min`..`max` entries; fills `out`.
std::vector<problem> validate_targets(const boost::json::value& v, std::size_t min, std::size_t max,
                                      std::vector<target>& out, std::string_view field = "targets");

}  // namespace rf::domain
