#include "api/json_out.hpp"

#include <boost/json.hpp>

namespace rf::api {

namespace json = boost::json;

json::value instant_or_null(const std::optional<millis>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::value string_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object user_json(const domain::user& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", domain::to_string(u.role)},
          {"team_id", u.team_id},
          {"is_active", u.is_active},
          {"created_at", format_instant(u.created_at)}};
}

namespace {

// Appends `,"key":<raw>` before the closing brace of a serialised object.
void splice(std::string& object_text, std::string_view key, std::string_view raw) {
  object_text.pop_back();  // '}'
  object_text += ",\"";
  object_text += key;
  object_text += "\":";
  object_text += raw;
  object_text += '}';
}

}  // namespace

namespace {

json::object tree_fields(const domain::tree& t) {
  return {{"id", t.id},
          {"team_id", t.team_id},
          {"created_by", t.created_by},
          {"name", t.name},
          {"description", t.description},
          {"tree_type", domain::to_string(t.tree_type)},
          {"step_count", t.step_count},
          {"created_at", format_instant(t.created_at)},
          {"updated_at", format_instant(t.updated_at)}};
}

json::object session_fields(const domain::session& s) {
  return {{"id", s.id},
          {"tree_id", s.tree_id},
          {"tree_name", s.tree_name},
          {"user_id", s.user_id},
          {"user_name", s.user_name},
          {"notes", s.notes},
          {"batch_id", string_or_null(s.batch_id)},
          {"target_label", string_or_null(s.target_label)},
          {"target_notes", string_or_null(s.target_notes)},
          {"started_at", format_instant(s.started_at)},
          {"completed_at", instant_or_null(s.completed_at)},
          {"status", domain::to_string(s.status)}};
}

}  // namespace

std::string tree_json(const domain::tree& t) {
  std::string out = json::serialize(tree_fields(t));
  splice(out, "tree_structure", t.tree_structure);
  return out;
}

std::string tree_summary_json(const domain::tree& t) { return json::serialize(tree_fields(t)); }

std::string session_json(const domain::session& s, bool with_snapshot) {
  std::string out = json::serialize(session_fields(s));
  splice(out, "path_taken", s.path_taken);
  splice(out, "decisions", s.decisions);
  splice(out, "custom_steps", s.custom_steps);
  splice(out, "session_variables", s.session_variables);
  if (with_snapshot) splice(out, "tree_snapshot", s.tree_snapshot);
  return out;
}

std::string session_summary_json(const domain::session& s) { return json::serialize(session_fields(s)); }

std::string json_array_text(const std::vector<std::string>& items) {
  std::size_t size = 2;
  for (const auto& i : items) size += i.size() + 1;
  std::string out;
  out.reserve(size);
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += items[i];
  }
  out += ']';
  return out;
}

json::object target_list_summary_json(const domain::target_list& l) {
  return {{"id", l.id},
          {"team_id", l.team_id},
          {"created_by", l.created_by},
          {"name", l.name},
          {"description", l.description},
          {"target_count", l.target_count},
          {"created_at", format_instant(l.created_at)},
          {"updated_at", format_instant(l.updated_at)}};
}

json::object target_list_json(const domain::target_list& l) {
  json::array targets;
  for (const auto& t : l.targets) targets.push_back(json::object{{"label", t.label}, {"notes", t.notes}});
  auto o = target_list_summary_json(l);
  o["target_count"] = static_cast<std::int64_t>(l.targets.size());
  o["targets"] = std::move(targets);
  return o;
}

json::object history_json(const domain::history_entry& e) {
  if (e.skipped)
    return {{"kind", "skipped"},
            {"id", e.id},
            {"schedule_id", string_or_null(e.schedule_id)},
            {"reason", e.reason},
            {"scheduled_for", instant_or_null(e.scheduled_for)},
            {"total", e.total},
            {"created_at", format_instant(e.created_at)}};
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
          {"source", domain::to_string(e.source)},
          {"scheduled_for", instant_or_null(e.scheduled_for)},
          {"created_at", format_instant(e.created_at)},
          {"created_by", e.created_by},
          {"created_by_name", e.created_by_name},
          {"total", e.total},
          {"completed", e.completed},
          {"in_progress", e.in_progress},
          {"not_started", e.not_started}};
}

http::response paged_response(std::string array_body, long long total) {
  auto r = http::response::json_text(200, std::move(array_body));
  r.headers.emplace_back("X-Total-Count", std::to_string(total));
  return r;
}

}  // namespace rf::api
