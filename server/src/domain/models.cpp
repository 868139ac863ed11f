#include "domain/models.hpp"

namespace rf::domain {

std::string_view to_string(user_role r) {
  switch (r) {
    case user_role::admin: return "admin";
    case user_role::engineer: return "engineer";
    case user_role::viewer: return "viewer";
  }
  return "viewer";
}

std::optional<user_role> parse_role(std::string_view s) {
  if (s == "admin") return user_role::admin;
  if (s == "engineer") return user_role::engineer;
  if (s == "viewer") return user_role::viewer;
  return std::nullopt;
}

std::string_view to_string(session_status s) {
  switch (s) {
    case session_status::not_started: return "not_started";
    case session_status::in_progress: return "in_progress";
    case session_status::completed: return "completed";
  }
  return "not_started";
}

std::optional<session_status> parse_session_status(std::string_view s) {
  if (s == "not_started") return session_status::not_started;
  if (s == "in_progress") return session_status::in_progress;
  if (s == "completed") return session_status::completed;
  return std::nullopt;
}

}  // namespace rf::domain
