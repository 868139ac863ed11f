#include "api/json_out.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;

json::value instant_or_null(const std::optional<millis>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::value string_or_null(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::value stored_json(const std::string& text) { return json::parse(text); }

json::object user_json(const domain::user& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", domain::to_string(u.role)},
          {"team_id", u.team_id},
          {"is_active", u.is_active},
          {"created_at", format_instant(u.created_at)}};
}

json::object tree_json(const domain::tree& t) {
  return {{"id", t.id},
          {"team_id", t.team_id},
          {"created_by", t.created_by},
          {"name", t.name},
          {"description", t.description},
          {"tree_type", t.tree_type},
          {"tree_structure", stored_json(t.tree_structure)},
          {"created_at", format_instant(t.created_at)},
          {"updated_at", format_instant(t.updated_at)}};
}

json::object session_json(const domain::session& s, bool with_snapshot) {
  json::object o{{"id", s.id},
                 {"tree_id", s.tree_id},
                 {"tree_name", s.tree_name},
                 {"user_id", s.user_id},
                 {"user_name", s.user_name},
                 {"path_taken", stored_json(s.path_taken)},
                 {"decisions", stored_json(s.decisions)},
                 {"custom_steps", stored_json(s.custom_steps)},
                 {"session_variables", stored_json(s.session_variables)},
                 {"notes", s.notes},
                 {"batch_id", string_or_null(s.batch_id)},
                 {"target_label", string_or_null(s.target_label)},
                 {"target_notes", string_or_null(s.target_notes)},
                 {"started_at", format_instant(s.started_at)},
                 {"completed_at", instant_or_null(s.completed_at)},
                 {"status", domain::to_string(s.status)}};
  if (with_snapshot) o["tree_snapshot"] = stored_json(s.tree_snapshot);
  return o;
}

json::object target_list_json(const domain::target_list& l) {
  json::array targets;
  for (const auto& t : l.targets) targets.push_back(json::object{{"label", t.label}, {"notes", t.notes}});
  return {{"id", l.id},
          {"team_id", l.team_id},
          {"created_by", l.created_by},
          {"name", l.name},
          {"description", l.description},
          {"targets", std::move(targets)},
          {"target_count", static_cast<std::int64_t>(l.targets.size())},
          {"created_at", format_instant(l.created_at)},
          {"updated_at", format_instant(l.updated_at)}};
}

json::object history_json(const domain::history_entry& e) {
  if (e.missed)
    return {{"kind", "missed"},
            {"id", e.id},
            {"schedule_id", string_or_null(e.schedule_id)},
            {"missed_count", e.missed_count},
            {"first_missed_at", format_instant(e.first_missed_at)},
            {"last_missed_at", format_instant(e.last_missed_at)},
            {"created_at", format_instant(e.created_at)}};
  return {{"kind", "batch"},
          {"batch_id", e.id},
          {"tree_id", e.tree_id},
          {"schedule_id", string_or_null(e.schedule_id)},
          {"source", e.source},
          {"scheduled_for", instant_or_null(e.scheduled_for)},
          {"created_at", format_instant(e.created_at)},
          {"created_by", e.created_by},
          {"created_by_name", e.created_by_name},
          {"total", e.total},
          {"completed", e.completed},
          {"in_progress", e.in_progress},
          {"not_started", e.not_started}};
}

}  // namespace rf::api
