#include "store/sessions.hpp"

#include "store/sql.hpp"

#include "common/ids.hpp"

#include <algorithm>

namespace rf::store {

using soci::into;
using soci::use;

namespace {

// The one mapper of a session row (FROM sessions s LEFT JOIN users u, and batches b when
// `with_snapshot`). with_snapshot: the structure too, a batch session's from its batch;
// with_progress: path_taken, decisions, custom_steps and session_variables. Lists leave
// both out: they can be large.
void map_session(columns& c, domain::session& s, bool with_snapshot, bool with_progress) {
  c("s.id", s.id)("s.team_id", s.team_id)("s.tree_id", s.tree_id)("s.tree_name", s.tree_name)("s.user_id", s.user_id);
  c("COALESCE(u.name, '')", s.user_name);
  if (with_snapshot) c("CASE WHEN s.tree_snapshot = '' THEN b.tree_snapshot ELSE s.tree_snapshot END", s.tree_snapshot);
  if (with_progress) {
    c("s.path_taken", s.path_taken)("s.decisions", s.decisions)("s.custom_steps", s.custom_steps);
    c("s.session_variables", s.session_variables);
  }
  c("s.notes", s.notes)("s.batch_id", s.batch_id)("s.target_label", s.target_label)("s.target_notes", s.target_notes);
  c("s.status", s.status)("s.started_at", s.started_at)("s.completed_at", s.completed_at);
}

}  // namespace

void insert_session(lease& sql, const domain::session& s) {
  sql << "INSERT INTO sessions (id, team_id, tree_id, tree_name, user_id, tree_snapshot, target_label,"
         " target_notes, status, started_at, updated_at)"
         " VALUES (:id, :team, :tree, :tname, :user, :snap, :label, :notes, :status, :started, :updated)",
      use(s.id), use(s.team_id), use(s.tree_id), use(s.tree_name), use(s.user_id), use(s.tree_snapshot),
      use(s.target_label), use(s.target_notes), use(s.status), use(s.started_at), use(s.started_at);
}

std::optional<domain::session> get_session(lease& sql, const std::string& team_id, const std::string& id) {
  return select_one<domain::session>(
      sql, [](columns& c, domain::session& s) { map_session(c, s, true, true); },
      "FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN batches b ON b.id = s.batch_id"
      " WHERE s.id = :id AND s.team_id = :team",
      binds(id, team_id));
}

session_page list_sessions(lease& sql, const std::string& team_id, const session_filter& f) {
  where_builder where;
  where.equals("s.team_id", team_id).equals("s.tree_id", f.tree_id).equals("s.batch_id", f.batch_id);
  where.equals("s.status", f.status);
  session_page page;
  page.total = count_rows(sql, "FROM sessions s" + where.sql(), where.values());
  page.items = select_all<domain::session>(
      sql, [](columns& c, domain::session& s) { map_session(c, s, false, false); },
      "FROM sessions s LEFT JOIN users u ON u.id = s.user_id" + where.sql() +
          " ORDER BY s.started_at DESC, s.id DESC LIMIT :limit OFFSET :offset",
      binds(where.values()).add(f.size).add((f.page - 1) * f.size));
  return page;
}

result<domain::session> patch_session_progress(lease& sql, const std::string& team_id, const std::string& id,
                                               const progress_patch& p, millis now, std::size_t max_bytes) {
  transaction tx(sql);
  // Only the named columns are written, so two engineers who change different fields of
  // one session at the same moment both keep their change (the row lock orders them).
  set_builder set;
  set.assign("updated_at", now).assign("path_taken", p.path_taken).assign("decisions", p.decisions);
  set.assign("custom_steps", p.custom_steps).assign("session_variables", p.session_variables).assign("notes", p.notes);
  where_builder where;
  where.equals("id", id).equals("team_id", team_id).condition("completed_at IS NULL");
  const bool changed =
      execute(sql, "UPDATE sessions" + set.sql() + where.sql(), binds(set.values()).append(where.values())) > 0;
  auto s = get_session(sql, team_id, id);
  if (!s) return result<domain::session>::fail(errc::not_found);
  if (!changed) return result<domain::session>::fail(errc::refused);  // completed
  const std::size_t bytes = s->path_taken.size() + s->decisions.size() + s->custom_steps.size() +
                            s->session_variables.size() + s->notes.size();
  if (bytes > max_bytes) return result<domain::session>::fail(errc::limit);
  const bool any = s->path_taken != "[]" || s->decisions != "{}" || s->custom_steps != "[]" ||
                   s->session_variables != "{}" || !s->notes.empty();
  const auto status = any ? domain::session_status::in_progress : domain::session_status::not_started;
  if (status != s->status) {
    sql << "UPDATE sessions SET status = :status WHERE id = :id AND team_id = :team", use(status), use(id),
        use(team_id);
    s->status = status;
  }
  tx.commit();
  return result<domain::session>::ok(std::move(*s));
}

bool complete_session(lease& sql, const std::string& team_id, const std::string& id, millis now) {
  return execute(sql,
                 "UPDATE sessions SET completed_at = :now, status = 'completed', updated_at = :now2"
                 " WHERE id = :id AND team_id = :team AND completed_at IS NULL",
                 binds(now, now, id, team_id)) > 0;
}

result<created_batch> insert_batch(lease& sql, const new_batch& b, millis now) {
  created_batch out;
  out.batch_id = new_uuid();
  const long long count = static_cast<long long>(b.targets.size());
  try {
    sql << "INSERT INTO batches (id, team_id, tree_id, schedule_id, source, scheduled_for, created_by, created_at,"
           " target_count, tree_snapshot) VALUES (:id, :team, :tree, :sched, :source, :for, :by, :now, :count, :snap)",
        use(out.batch_id), use(b.team_id), use(b.tree.id), use(b.schedule_id), use(b.source), use(b.scheduled_for),
        use(b.created_by), use(now), use(count), use(b.tree.tree_structure);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return result<created_batch>::fail(errc::duplicate);
    throw;
  }

  const std::string status(domain::to_string(domain::session_status::not_started));
  const std::string no_snapshot;  // the batch row holds the snapshot
  out.session_ids.reserve(b.targets.size());
  for (std::size_t i = 0; i < b.targets.size(); ++i) out.session_ids.push_back(new_uuid());

  if (dialect_of(sql) == dialect::sqlite) {
    // In-process SQLite has no round trips to save: one prepared single-row insert, stepped
    // once per session, beats parsing a statement with hundreds of parameters.
    std::string id, label, notes;
    long long position = 0;
    soci::statement st =
        (sql.prepare << "INSERT INTO sessions (id, team_id, tree_id, tree_name, user_id, tree_snapshot, batch_id,"
                        " target_label, target_notes, position, status, started_at, updated_at)"
                        " VALUES (:id, :team, :tree, :tname, :user, :snap, :batch, :label, :notes, :pos, :status,"
                        " :started, :updated)",
         use(id), use(b.team_id), use(b.tree.id), use(b.tree.name), use(b.created_by), use(no_snapshot),
         use(out.batch_id), use(label), use(notes), use(position), use(status), use(now), use(now));
    for (std::size_t i = 0; i < b.targets.size(); ++i) {
      id = out.session_ids[i];
      label = b.targets[i].label;
      notes = b.targets[i].notes;
      position = static_cast<long long>(i);
      st.execute(true);
    }
    return result<created_batch>::ok(std::move(out));
  }

  // PostgreSQL: multi-row inserts, one round trip per hundred sessions.
  constexpr std::size_t chunk = 100;
  for (std::size_t begin = 0; begin < b.targets.size(); begin += chunk) {
    const std::size_t end = std::min(b.targets.size(), begin + chunk);
    std::string q =
        "INSERT INTO sessions (id, team_id, tree_id, tree_name, user_id, tree_snapshot, batch_id, target_label,"
        " target_notes, position, status, started_at, updated_at) VALUES ";
    binds values;
    for (std::size_t i = begin; i < end; ++i) {
      // Placeholder names, not values: the thirteen of each row get the row's number.
      const std::string n = std::to_string(i - begin);
      if (i != begin) q += ",";
      q += "(:i" + n + ",:t" + n + ",:r" + n + ",:rn" + n + ",:u" + n + ",:s" + n + ",:b" + n + ",:l" + n + ",:n" + n +
           ",:p" + n + ",:st" + n + ",:a" + n + ",:up" + n + ")";
      values.add(out.session_ids[i]).add(b.team_id).add(b.tree.id).add(b.tree.name).add(b.created_by);
      values.add(no_snapshot).add(out.batch_id).add(b.targets[i].label).add(b.targets[i].notes).add(i);
      values.add(status).add(now).add(now);
    }
    execute(sql, q, values);
  }
  return result<created_batch>::ok(std::move(out));
}

namespace {

// The one mapper of a batch's run-history entry: FROM batches b LEFT JOIN users u (batch_from).
void map_batch(columns& c, domain::history_entry& e) {
  c("b.id", e.id)("b.tree_id", e.tree_id)("b.schedule_id", e.schedule_id)("b.source", e.source);
  c("b.scheduled_for", e.scheduled_for)("b.created_at", e.created_at)("b.created_by", e.created_by);
  c("COALESCE(u.name, '')", e.created_by_name)("b.target_count", e.total);
  c("(SELECT COUNT(*) FROM sessions s WHERE s.batch_id = b.id AND s.status = 'completed')", e.completed);
  c("(SELECT COUNT(*) FROM sessions s WHERE s.batch_id = b.id AND s.status = 'in_progress')", e.in_progress);
}
constexpr std::string_view batch_from = "FROM batches b LEFT JOIN users u ON u.id = b.created_by";

// The one mapper of a "missed ×N" or "skipped" entry (schedule_events).
void map_event(columns& c, domain::history_entry& e) {
  c("id", e.id)("schedule_id", e.schedule_id)("tree_id", e.tree_id);
  c("CASE WHEN kind = 'skipped' THEN 1 ELSE 0 END", e.skipped);
  c("missed_count", e.missed_count)("first_missed_at", e.first_missed_at)("last_missed_at", e.last_missed_at);
  c("created_at", e.created_at)("COALESCE(reason, '')", e.reason)("scheduled_for", e.scheduled_for);
  c("COALESCE(target_count, 0)", e.total);
}

// The one mapper of a session as a batch lists it (FROM sessions s LEFT JOIN users u).
void map_batch_session(columns& c, domain::batch_session& s) {
  c("s.id", s.id)("COALESCE(s.target_label, '')", s.target_label)("COALESCE(s.target_notes, '')", s.target_notes);
  c("s.status", s.status)("s.user_id", s.user_id)("COALESCE(u.name, '')", s.user_name)("s.started_at", s.started_at);
  c("s.completed_at", s.completed_at);
}

}  // namespace

std::vector<domain::history_entry> run_history(lease& sql, const std::string& team_id, const std::string& tree_id) {
  auto out = select_all<domain::history_entry>(
      sql, map_batch,
      std::string(batch_from) +
          " WHERE b.team_id = :team AND b.tree_id = :tree ORDER BY b.created_at DESC, b.id DESC LIMIT 500",
      binds(team_id, tree_id));
  for (auto& e : out) e.not_started = e.total - e.completed - e.in_progress;
  auto events = select_all<domain::history_entry>(
      sql, map_event,
      "FROM schedule_events WHERE team_id = :team AND tree_id = :tree ORDER BY created_at DESC LIMIT 500",
      binds(team_id, tree_id));
  for (auto& e : events) {
    e.source = domain::batch_source::schedule;
    e.missed = !e.skipped;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  return out;
}

std::optional<domain::batch_detail> get_batch(lease& sql, const std::string& team_id, const std::string& batch_id) {
  auto summary = select_one<domain::history_entry>(
      sql, map_batch, std::string(batch_from) + " WHERE b.id = :id AND b.team_id = :team", binds(batch_id, team_id));
  if (!summary) return std::nullopt;
  domain::batch_detail d;
  d.summary = std::move(*summary);
  d.summary.not_started = d.summary.total - d.summary.completed - d.summary.in_progress;
  d.sessions = select_all<domain::batch_session>(
      sql,
      [&](columns& c, domain::batch_session& s) {
        map_batch_session(c, s);
        c("s.tree_name", d.tree_name);
      },
      "FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.batch_id = :b AND s.team_id = :team"
      " ORDER BY s.position, s.id",
      binds(batch_id, team_id));
  return d;
}

}  // namespace rf::store
