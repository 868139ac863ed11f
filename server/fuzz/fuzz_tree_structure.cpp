// Fuzzes flow-structure and target validation (server/src/domain/validation.hpp) on any
// JSON value: validate_tree_structure() for each flow type, validate_targets() with the
// target-list and batch limits. Input that is not JSON is skipped (fuzz_json_body covers
// the parser itself).
//
// Contracts checked: every problem has a location under its field and a message; what
// the validators accept is what the session runner relies on — a decision tree's root
// and every answer's `next` name one of its nodes, a node has at most max_answers answers,
// node and step ids are unique, a procedure has 1..2000 steps; validation stops soon
// after max_problems problems; accepted targets come out one per entry, each with a label.
#include "domain/validation.hpp"
#include "fuzz_support.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <set>
#include <string>

namespace json = boost::json;
namespace domain = rf::domain;

namespace {

void check_problems(const std::vector<domain::problem>& problems, std::string_view field) {
  // Validation stops soon after max_problems (one item may add a few at once), so the
  // answer to a hostile body stays small.
  RF_FUZZ_CHECK(problems.size() < domain::max_problems + 10, "validation reports far more than max_problems");
  for (const auto& p : problems) {
    RF_FUZZ_CHECK(!p.loc.empty() && p.loc[0].is_string() && p.loc[0].get_string() == field,
                  "a problem's location does not start with its field");
    RF_FUZZ_CHECK(!p.msg.empty() && !p.type.empty(), "a problem has no message or type");
    // What the API does with it: ["body", ...loc] into a 422 body.
    json::array loc{"body"};
    for (const auto& part : p.loc) loc.push_back(part);
    (void)json::serialize(json::object{{"loc", std::move(loc)}, {"msg", p.msg}, {"type", p.type}});
  }
}

std::string_view str(const json::value& v) { return v.get_string(); }

void check_accepted_decision_tree(const json::value& v) {
  const auto& root = v.as_object();
  const auto& nodes = root.at("nodes").as_array();
  RF_FUZZ_CHECK(!nodes.empty() && nodes.size() <= domain::max_tree_items, "accepted tree: node count");
  std::set<std::string_view> ids;
  for (const auto& n : nodes) {
    RF_FUZZ_CHECK(n.is_object() && n.as_object().contains("id") && n.at("id").is_string(),
                  "accepted tree: a node without a string id");
    RF_FUZZ_CHECK(ids.insert(str(n.at("id"))).second, "accepted tree: a node id is used twice");
  }
  RF_FUZZ_CHECK(root.contains("root") && root.at("root").is_string() && ids.contains(str(root.at("root"))),
                "accepted tree: the root is not a node");
  for (const auto& n : nodes) {
    const auto* answers = n.as_object().if_contains("answers");
    if (!answers || answers->is_null()) continue;
    RF_FUZZ_CHECK(answers->as_array().size() <= domain::max_answers, "accepted tree: a node has too many answers");
    for (const auto& a : answers->as_array()) {
      RF_FUZZ_CHECK(a.is_object() && a.as_object().contains("next") && a.at("next").is_string() &&
                        ids.contains(str(a.at("next"))),
                    "accepted tree: an answer leads to no node");
    }
  }
}

void check_accepted_procedure(const json::value& v) {
  const auto& steps = v.as_object().at("steps").as_array();
  RF_FUZZ_CHECK(!steps.empty() && steps.size() <= domain::max_tree_items, "accepted procedure: step count");
  std::set<std::string_view> ids;
  for (const auto& s : steps) {
    RF_FUZZ_CHECK(s.is_object() && s.as_object().contains("id") && s.at("id").is_string(),
                  "accepted procedure: a step without a string id");
    RF_FUZZ_CHECK(ids.insert(str(s.at("id"))).second, "accepted procedure: a step id is used twice");
  }
}

void check_targets(const json::value& v, std::size_t max, std::string_view field) {
  std::vector<domain::target> out;
  const auto problems = domain::validate_targets(v, 1, max, out, field);
  check_problems(problems, field);
  if (!problems.empty()) return;
  RF_FUZZ_CHECK(v.is_array() && out.size() == v.get_array().size() && !out.empty() && out.size() <= max,
                "accepted targets: not one target per entry");
  for (const auto& t : out) {
    RF_FUZZ_CHECK(t.label.find_first_not_of(" \t\r\n") != std::string::npos, "accepted targets: a blank label");
    RF_FUZZ_CHECK(t.label.size() <= 4 * domain::max_target_label, "accepted targets: label too long");
    RF_FUZZ_CHECK(t.notes.size() <= 4 * domain::max_target_notes, "accepted targets: notes too long");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  json::parse_options opts;
  opts.max_depth = 64;  // as body_reader
  json::error_code ec;
  const json::value v = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec, {}, opts);
  if (ec) return 0;

  for (std::string_view type : domain::enum_names<domain::tree_type>::names) {
    const auto problems = domain::validate_tree_structure(*domain::parse<domain::tree_type>(type), v);
    check_problems(problems, "tree_structure");
    if (!problems.empty()) continue;
    if (type == "troubleshooting")
      check_accepted_decision_tree(v);
    else
      check_accepted_procedure(v);
  }
  check_targets(v, domain::max_targets_per_list, "targets");
  check_targets(v, domain::max_targets_per_batch, "targets");
  check_targets(v, 3, "extra");
  return 0;
}
