#include "domain/validation.hpp"

#include <boost/json.hpp>

#include <unordered_set>

namespace rf::domain {

namespace json = boost::json;

namespace {

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

json::array at(const json::array& base, json::value part) {
  json::array a = base;
  a.push_back(std::move(part));
  return a;
}

// Checks an optional or required string member; returns it when valid.
const json::string* string_member(const json::object& o, std::string_view key, bool required, std::size_t max,
                                  const json::array& loc, std::vector<problem>& out) {
  auto it = o.find(key);
  if (it == o.end() || (it->value().is_null() && !required)) {
    if (required) out.push_back({at(loc, json::string(key)), "Field required", "missing"});
    return nullptr;
  }
  if (!it->value().is_string()) {
    out.push_back({at(loc, json::string(key)), "Input should be a valid string", "string_type"});
    return nullptr;
  }
  const auto& s = it->value().get_string();
  const std::string_view v(s.data(), s.size());
  if (required && v.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.push_back({at(loc, json::string(key)), "String should have at least 1 character", "string_too_short"});
    return nullptr;
  }
  if (utf8_chars(v) > max) {
    out.push_back({at(loc, json::string(key)), "String should have at most " + std::to_string(max) + " characters",
                   "string_too_long"});
    return nullptr;
  }
  return &s;
}

void check_choice(const json::object& o, std::string_view key, bool required,
                  std::initializer_list<std::string_view> choices, const json::array& loc, std::vector<problem>& out) {
  auto it = o.find(key);
  if (it == o.end() || (!required && it->value().is_null())) {
    if (required) out.push_back({at(loc, json::string(key)), "Field required", "missing"});
    return;
  }
  if (it->value().is_string()) {
    const std::string_view v(it->value().get_string().data(), it->value().get_string().size());
    for (auto c : choices)
      if (v == c) return;
  }
  std::string msg = "Input should be ";
  std::size_t i = 0;
  for (auto c : choices) {
    if (i) msg += (i + 1 == choices.size()) ? " or " : ", ";
    msg += "'" + std::string(c) + "'";
    ++i;
  }
  out.push_back({at(loc, json::string(key)), msg, "enum"});
}

std::vector<problem> validate_steps(const json::object& root, const json::array& base) {
  std::vector<problem> out;
  auto it = root.find("steps");
  if (it == root.end()) {
    out.push_back({at(base, "steps"), "Field required", "missing"});
    return out;
  }
  if (!it->value().is_array()) {
    out.push_back({at(base, "steps"), "Input should be a valid list", "list_type"});
    return out;
  }
  const auto& steps = it->value().get_array();
  if (steps.empty()) {
    out.push_back({at(base, "steps"), "A procedure needs at least one step", "too_short"});
    return out;
  }
  if (steps.size() > max_tree_items) {
    out.push_back(
        {at(base, "steps"), "A procedure has at most " + std::to_string(max_tree_items) + " steps", "too_long"});
    return out;
  }
  std::unordered_set<std::string_view> ids;
  for (std::size_t i = 0; i < steps.size() && out.size() < max_problems; ++i) {
    const json::array loc = at(at(base, "steps"), i);
    if (!steps[i].is_object()) {
      out.push_back({loc, "Each step should be an object", "model_type"});
      continue;
    }
    const auto& s = steps[i].get_object();
    if (auto* id = string_member(s, "id", true, 255, loc, out)) {
      if (!ids.insert(std::string_view(id->data(), id->size())).second)
        out.push_back({at(loc, "id"), "Step id '" + std::string(id->c_str()) + "' is used twice", "value_error"});
    }
    check_choice(s, "type", true, {"procedure_step", "procedure_end"}, loc, out);
    string_member(s, "title", true, 500, loc, out);
    string_member(s, "description", false, max_description, loc, out);
    check_choice(s, "content_type", false, {"action", "verification", "information", "warning"}, loc, out);
  }
  return out;
}

std::vector<problem> validate_decision_tree(const json::object& root, const json::array& base) {
  std::vector<problem> out;
  auto nodes_it = root.find("nodes");
  if (nodes_it == root.end() || !nodes_it->value().is_array()) {
    out.push_back({at(base, "nodes"), nodes_it == root.end() ? "Field required" : "Input should be a valid list",
                   nodes_it == root.end() ? "missing" : "list_type"});
    return out;
  }
  const auto& nodes = nodes_it->value().get_array();
  if (nodes.empty()) {
    out.push_back({at(base, "nodes"), "A decision tree needs at least one node", "too_short"});
    return out;
  }
  if (nodes.size() > max_tree_items) {
    out.push_back(
        {at(base, "nodes"), "A decision tree has at most " + std::to_string(max_tree_items) + " nodes", "too_long"});
    return out;
  }
  std::unordered_set<std::string_view> ids;
  for (std::size_t i = 0; i < nodes.size() && out.size() < max_problems; ++i) {
    const json::array loc = at(at(base, "nodes"), i);
    if (!nodes[i].is_object()) continue;
    if (auto* id = string_member(nodes[i].get_object(), "id", true, 255, loc, out)) {
      if (!ids.insert(std::string_view(id->data(), id->size())).second)
        out.push_back({at(loc, "id"), "Node id '" + std::string(id->c_str()) + "' is used twice", "value_error"});
    }
  }
  auto root_id = string_member(root, "root", true, 255, base, out);
  if (root_id && !ids.contains(std::string_view(root_id->data(), root_id->size())))
    out.push_back(
        {at(base, "root"), "Root '" + std::string(root_id->c_str()) + "' is not a node of this tree", "value_error"});
  for (std::size_t i = 0; i < nodes.size() && out.size() < max_problems; ++i) {
    const json::array loc = at(at(base, "nodes"), i);
    if (!nodes[i].is_object()) {
      out.push_back({loc, "Each node should be an object", "model_type"});
      continue;
    }
    const auto& n = nodes[i].get_object();
    check_choice(n, "type", true, {"question", "action", "solution"}, loc, out);
    string_member(n, "title", true, 500, loc, out);
    string_member(n, "description", false, max_description, loc, out);
    const auto type_it = n.find("type");
    const std::string_view type = (type_it != n.end() && type_it->value().is_string())
                                      ? std::string_view(type_it->value().get_string())
                                      : std::string_view();
    auto ans_it = n.find("answers");
    const json::array* answers = nullptr;
    if (ans_it != n.end() && !ans_it->value().is_null()) {
      if (!ans_it->value().is_array()) {
        out.push_back({at(loc, "answers"), "Input should be a valid list", "list_type"});
        continue;
      }
      answers = &ans_it->value().get_array();
    }
    const std::size_t count = answers ? answers->size() : 0;
    if (type == "solution" && count > 0)
      out.push_back({at(loc, "answers"), "A solution ends the tree and has no answers", "value_error"});
    if (type == "question" && count == 0)
      out.push_back({at(loc, "answers"), "A question needs at least one answer", "too_short"});
    if (!answers) continue;
    if (answers->size() > max_answers) {
      out.push_back({at(loc, "answers"), "A node has at most " + std::to_string(max_answers) + " answers", "too_long"});
      continue;
    }
    for (std::size_t j = 0; j < answers->size() && out.size() < max_problems; ++j) {
      const json::array aloc = at(at(loc, "answers"), j);
      if (!(*answers)[j].is_object()) {
        out.push_back({aloc, "Each answer should be an object", "model_type"});
        continue;
      }
      const auto& a = (*answers)[j].get_object();
      string_member(a, "label", true, 255, aloc, out);
      if (auto* next = string_member(a, "next", true, 255, aloc, out)) {
        if (!ids.contains(std::string_view(next->data(), next->size())))
          out.push_back({at(aloc, "next"),
                         "Answer points at '" + std::string(next->c_str()) + "', which is not a node of this tree",
                         "value_error"});
      }
    }
  }
  return out;
}

}  // namespace


std::vector<problem> validate_tree_structure(tree_type type, const json::value& structure) {
  const json::array base{"tree_structure"};
  if (!structure.is_object()) return {{base, "Input should be a JSON object", "model_type"}};
  if (type == tree_type::troubleshooting) return validate_decision_tree(structure.get_object(), base);
  return validate_steps(structure.get_object(), base);
}

std::vector<problem> validate_targets(const json::value& v, std::size_t min, std::size_t max, std::vector<target>& out,
                                      std::string_view field) {
  std::vector<problem> problems;
  const json::array base{json::string(field)};
  if (!v.is_array()) return {{base, "Input should be a valid list", "list_type"}};
  const auto& arr = v.get_array();
  if (arr.size() < min)
    return {{base,
             min == 1 ? "At least one target is required" : "At least " + std::to_string(min) + " targets are required",
             "too_short"}};
  if (arr.size() > max)
    return {{base, "At most " + std::to_string(max) + " targets are allowed, got " + std::to_string(arr.size()),
             "too_long"}};
  out.clear();
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size() && problems.size() < max_problems; ++i) {
    const json::array loc = at(base, i);
    if (!arr[i].is_object()) {
      problems.push_back({loc, "Each target should be an object with a label", "model_type"});
      continue;
    }
    const auto& o = arr[i].get_object();
    auto* label = string_member(o, "label", true, max_target_label, loc, problems);
    auto* notes = string_member(o, "notes", false, max_target_notes, loc, problems);
    if (label)
      out.push_back(
          {std::string(label->c_str(), label->size()), notes ? std::string(notes->c_str(), notes->size()) : ""});
  }
  return problems;
}

json::value parse_stored_json(std::string_view text) {
  json::parse_options opts;
  opts.max_depth = max_json_depth;
  return json::parse(text, {}, opts);
}

long long count_steps(tree_type type, const json::value& structure) {
  const auto* o = structure.if_object();
  if (!o) return 0;
  if (type == tree_type::troubleshooting) {
    const auto* nodes = o->if_contains("nodes");
    return nodes && nodes->is_array() ? static_cast<long long>(nodes->get_array().size()) : 0;
  }
  const auto* steps = o->if_contains("steps");
  if (!steps || !steps->is_array()) return 0;
  long long n = 0;
  for (const auto& s : steps->get_array()) {
    const auto* so = s.if_object();
    const auto* type = so ? so->if_contains("type") : nullptr;
    if (type && type->is_string() && type->get_string() == "procedure_step") ++n;
  }
  return n;
}

}  // namespace rf::domain
