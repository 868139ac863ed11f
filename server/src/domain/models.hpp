#pragma once
// Plain data of the domain. No I/O here; the store fills these and the API prints them.

#include "common/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rf::domain {

enum class user_role { admin, engineer, viewer };
std::string_view to_string(user_role r);
std::optional<user_role> parse_role(std::string_view s);

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
  std::string tree_type;
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

enum class session_status { not_started, in_progress, completed };
std::string_view to_string(session_status s);
std::optional<session_status> parse_session_status(std::string_view s);

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

enum class batch_source { manual, schedule };

// One entry of a flow's run history: a batch with its progress, or a "missed ×N" record.
struct history_entry {
  bool missed = false;
  bool skipped = false;  // a fire refused by the session quota or the batch limit
  std::string reason;    // for skipped: "quota" or "batch_limit"
  std::string id;  // batch id or event id
  std::string tree_id;
  std::optional<std::string> schedule_id;
  std::string source;
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
