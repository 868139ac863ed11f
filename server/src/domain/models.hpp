#pragma once
// Plain data of the domain. No I/O here; the store fills these and the API prints them.

#include "common/time.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rf::domain {

// The domain's words as enums, each with one string table: the names the API, the
// database and the web app use. `to_string` and `parse<E>` work for every enum that has
// a table; the store reads and writes them as text through the same table
// (store/conversions.hpp). Add an enumerator: add its name here, in enum order.
template <class E>
struct enum_names;

template <class E>
concept named_enum = requires { enum_names<E>::names; };

template <named_enum E>
constexpr std::string_view to_string(E e) {
  return enum_names<E>::names[static_cast<std::size_t>(e)];
}

template <named_enum E>
constexpr std::optional<E> parse(std::string_view s) {
  const auto& names = enum_names<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

enum class user_role { admin, engineer, viewer };
template <>
struct enum_names<user_role> {
  static constexpr std::array<std::string_view, 3> names{"admin", "engineer", "viewer"};
};

enum class tree_type { troubleshooting, procedural, maintenance };
template <>
struct enum_names<tree_type> {
  static constexpr std::array<std::string_view, 3> names{"troubleshooting", "procedural", "maintenance"};
};

enum class session_status { not_started, in_progress, completed };
template <>
struct enum_names<session_status> {
  static constexpr std::array<std::string_view, 3> names{"not_started", "in_progress", "completed"};
};

// Who or what launched a batch.
enum class batch_source { manual, schedule };
template <>
struct enum_names<batch_source> {
  static constexpr std::array<std::string_view, 2> names{"manual", "schedule"};
};

// The one target of a batch launched from a schedule that has no target list.
constexpr std::string_view unassigned_target = "Unassigned";

struct user {
  std::string id;
  std::string team_id;
  std::string email;
  std::string name;
  user_role role = user_role::engineer;
  bool is_active = true;
  millis created_at = 0;
};

struct team {
  std::string id;
  std::string name;
  millis created_at = 0;
  std::vector<user> members;
};

struct tree {
  std::string id;
  std::string team_id;
  std::string created_by;
  std::string name;
  std::string description;
  domain::tree_type tree_type = domain::tree_type::procedural;
  std::string tree_structure;  // JSON text, validated for its type before it is stored
  millis created_at = 0;
  millis updated_at = 0;
  long long step_count = 0;  // see domain::count_steps; lists show it instead of the structure
};

struct target {
  std::string label;
  std::string notes;
};

struct target_list {
  std::string id;
  std::string team_id;
  std::string created_by;
  std::string name;
  std::string description;
  std::vector<target> targets;
  long long target_count = 0;
  millis created_at = 0;
  millis updated_at = 0;
};


struct session {
  std::string id;
  std::string team_id;
  std::string tree_id;
  std::string tree_name;
  std::string user_id;
  std::string user_name;
  std::string tree_snapshot;  // JSON text
  std::string path_taken = "[]";
  std::string decisions = "{}";
  std::string custom_steps = "[]";
  std::string session_variables = "{}";
  std::string notes;
  std::optional<std::string> batch_id;
  std::optional<std::string> target_label;
  std::optional<std::string> target_notes;
  session_status status = session_status::not_started;
  millis started_at = 0;
  std::optional<millis> completed_at;
};

struct schedule {
  std::string id;
  std::string team_id;
  std::string tree_id;
  std::string created_by;
  std::string cron_expression;
  std::string timezone;
  std::optional<std::string> target_list_id;
  bool is_active = true;
  long long misfire_grace_seconds = 3600;
  std::optional<millis> next_run_at;
  std::optional<millis> last_run_at;
  std::optional<std::string> last_batch_id;
  millis created_at = 0;
  millis updated_at = 0;
};

// One entry of a flow's run history: a batch with its progress, or a "missed ×N" record.
struct history_entry {
  bool missed = false;
  bool skipped = false;  // a fire refused by the session quota or the batch limit
  std::string reason;    // for skipped: "quota" or "batch_limit"
  std::string id;  // batch id or event id
  std::string tree_id;
  std::optional<std::string> schedule_id;
  batch_source source = batch_source::manual;
  std::optional<millis> scheduled_for;
  millis created_at = 0;
  std::string created_by;
  std::string created_by_name;
  long long total = 0, completed = 0, in_progress = 0, not_started = 0;
  long long missed_count = 0;
  millis first_missed_at = 0, last_missed_at = 0;
};

struct batch_session {
  std::string id;
  std::string target_label;
  std::string target_notes;
  session_status status = session_status::not_started;
  std::string user_id;
  std::string user_name;
  millis started_at = 0;
  std::optional<millis> completed_at;
};

struct batch_detail {
  history_entry summary;
  std::string tree_name;
  std::vector<batch_session> sessions;
};

}  // namespace rf::domain
