#include "store/sessions.hpp"

#include "store/conversions.hpp"

#include "common/ids.hpp"

#include <algorithm>

namespace rf::store {

using soci::indicator;
using soci::into;
using soci::use;

namespace {

std::string status_text(domain::session_status s) { return std::string(domain::to_string(s)); }

// Reads one session row; the column order matches `session_columns`.
struct session_into {
  domain::session s;
  std::string status;
  std::string user_name;
  std::string batch_id, target_label, target_notes;
  indicator batch_ind = soci::i_ok, label_ind = soci::i_ok, notes_ind = soci::i_ok, completed_ind = soci::i_ok,
            uname_ind = soci::i_ok;
  long long completed_at = 0;

  // with_snapshot: the structure too; with_progress: path_taken, decisions, custom_steps
  // and session_variables (lists leave both out: they can be large).
  template <class Stmt>
  void bind(Stmt& st, bool with_snapshot, bool with_progress = true) {
    st.exchange(into(s.id));
    st.exchange(into(s.team_id));
    st.exchange(into(s.tree_id));
    st.exchange(into(s.tree_name));
    st.exchange(into(s.user_id));
    st.exchange(into(user_name, uname_ind));
    if (with_snapshot) st.exchange(into(s.tree_snapshot));
    if (with_progress) {
      st.exchange(into(s.path_taken));
      st.exchange(into(s.decisions));
      st.exchange(into(s.custom_steps));
      st.exchange(into(s.session_variables));
    }
    st.exchange(into(s.notes));
    st.exchange(into(batch_id, batch_ind));
    st.exchange(into(target_label, label_ind));
    st.exchange(into(target_notes, notes_ind));
    st.exchange(into(status));
    st.exchange(into(s.started_at));
    st.exchange(into(completed_at, completed_ind));
  }
  domain::session get() const {
    domain::session out = s;
    out.user_name = if_set(user_name, uname_ind).value_or("");
    out.batch_id = if_set(batch_id, batch_ind);
    out.target_label = if_set(target_label, label_ind);
    out.target_notes = if_set(target_notes, notes_ind);
    out.status = domain::parse<domain::session_status>(status).value_or(domain::session_status::not_started);
    out.completed_at = if_set(completed_at, completed_ind);
    return out;
  }
};

std::string session_columns(bool with_snapshot, bool with_progress = true) {
  return std::string("s.id, s.team_id, s.tree_id, s.tree_name, s.user_id, u.name, ") +
         (with_snapshot ? "CASE WHEN s.tree_snapshot = '' THEN b.tree_snapshot ELSE s.tree_snapshot END, " : "") +
         (with_progress ? "s.path_taken, s.decisions, s.custom_steps, s.session_variables, " : "") +
         "s.notes, s.batch_id, s.target_label, s.target_notes, s.status, s.started_at, s.completed_at";
}

}  // namespace

void insert_session(lease& sql, const domain::session& s) {
  const std::string status = status_text(s.status);
  indicator label_ind = s.target_label ? soci::i_ok : soci::i_null;
  indicator notes_ind = s.target_notes ? soci::i_ok : soci::i_null;
  const std::string label = s.target_label.value_or(""), notes = s.target_notes.value_or("");
  sql << "INSERT INTO sessions (id, team_id, tree_id, tree_name, user_id, tree_snapshot, target_label,"
         " target_notes, status, started_at, updated_at)"
         " VALUES (:id, :team, :tree, :tname, :user, :snap, :label, :notes, :status, :started, :updated)",
      use(s.id), use(s.team_id), use(s.tree_id), use(s.tree_name), use(s.user_id), use(s.tree_snapshot),
      use(label, label_ind), use(notes, notes_ind), use(status), use(s.started_at), use(s.started_at);
}

std::optional<domain::session> get_session(lease& sql, const std::string& team_id, const std::string& id) {
  session_into row;
  soci::statement st(sql);
  st.alloc();
  row.bind(st, true);
  std::string id_v = id, team_v = team_id;
  st.exchange(use(id_v));
  st.exchange(use(team_v));
  st.prepare("SELECT " + session_columns(true) +
             " FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN batches b ON b.id = s.batch_id"
             " WHERE s.id = :id AND s.team_id = :team");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row.get();
}

session_page list_sessions(lease& sql, const std::string& team_id, const session_filter& f) {
  session_page page;
  std::string where = " WHERE s.team_id = :team";
  std::vector<std::string> params{team_id};
  if (f.tree_id) {
    where += " AND s.tree_id = :tree";
    params.push_back(*f.tree_id);
  }
  if (f.batch_id) {
    where += " AND s.batch_id = :batch";
    params.push_back(*f.batch_id);
  }
  if (f.status) {
    where += " AND s.status = :status";
    params.push_back(status_text(*f.status));
  }
  {
    soci::statement st(sql);
    st.alloc();
    st.exchange(into(page.total));
    for (auto& p : params) st.exchange(use(p));
    st.prepare("SELECT COUNT(*) FROM sessions s" + where);
    st.define_and_bind();
    st.execute(true);
  }
  long long limit = f.size, offset = (f.page - 1) * f.size;
  session_into row;
  soci::statement st(sql);
  st.alloc();
  row.bind(st, false, false);
  for (auto& p : params) st.exchange(use(p));
  st.exchange(use(limit));
  st.exchange(use(offset));
  st.prepare("SELECT " + session_columns(false, false) + " FROM sessions s LEFT JOIN users u ON u.id = s.user_id" + where +
             " ORDER BY s.started_at DESC, s.id DESC LIMIT :limit OFFSET :offset");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) page.items.push_back(row.get());
  return page;
}

result<domain::session> patch_session_progress(lease& sql, const std::string& team_id, const std::string& id,
                                               const progress_patch& p, millis now, std::size_t max_bytes) {
  transaction tx(sql);
  // Only the named columns are written, so two engineers who change different fields of
  // one session at the same moment both keep their change (the row lock orders them).
  std::string set = "updated_at = :now";
  std::vector<const std::string*> values;
  auto add = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    set += std::string(", ") + column + " = :" + column;
    values.push_back(&*v);
  };
  add("path_taken", p.path_taken);
  add("decisions", p.decisions);
  add("custom_steps", p.custom_steps);
  add("session_variables", p.session_variables);
  add("notes", p.notes);
  soci::statement st(sql);
  st.alloc();
  long long now_v = now;
  std::string id_v = id, team_v = team_id;
  st.exchange(use(now_v));
  for (const auto* v : values) st.exchange(use(*v));
  st.exchange(use(id_v));
  st.exchange(use(team_v));
  st.prepare("UPDATE sessions SET " + set + " WHERE id = :id AND team_id = :team AND completed_at IS NULL");
  st.define_and_bind();
  st.execute(true);
  const bool changed = st.get_affected_rows() > 0;
  auto s = get_session(sql, team_id, id);
  if (!s) return result<domain::session>::fail(errc::not_found);
  if (!changed) return result<domain::session>::fail(errc::refused);  // completed
  const std::size_t bytes =
      s->path_taken.size() + s->decisions.size() + s->custom_steps.size() + s->session_variables.size() + s->notes.size();
  if (bytes > max_bytes) return result<domain::session>::fail(errc::limit);
  const bool any = s->path_taken != "[]" || s->decisions != "{}" || s->custom_steps != "[]" ||
                   s->session_variables != "{}" || !s->notes.empty();
  const auto status = any ? domain::session_status::in_progress : domain::session_status::not_started;
  if (status != s->status) {
    const std::string text = status_text(status);
    sql << "UPDATE sessions SET status = :status WHERE id = :id AND team_id = :team", use(text), use(id),
        use(team_id);
    s->status = status;
  }
  tx.commit();
  return result<domain::session>::ok(std::move(*s));
}

bool complete_session(lease& sql, const std::string& team_id, const std::string& id, millis now) {
  soci::statement st =
      (sql.prepare << "UPDATE sessions SET completed_at = :now, status = 'completed', updated_at = :now2"
                      " WHERE id = :id AND team_id = :team AND completed_at IS NULL",
       use(now), use(now), use(id), use(team_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

result<created_batch> insert_batch(lease& sql, const new_batch& b, millis now) {
  created_batch out;
  out.batch_id = new_uuid();
  indicator sched_ind = b.schedule_id ? soci::i_ok : soci::i_null;
  indicator for_ind = b.scheduled_for ? soci::i_ok : soci::i_null;
  const std::string schedule_id = b.schedule_id.value_or("");
  const long long scheduled_for = b.scheduled_for.value_or(0);
  const long long count = static_cast<long long>(b.targets.size());
  try {
    sql << "INSERT INTO batches (id, team_id, tree_id, schedule_id, source, scheduled_for, created_by, created_at,"
           " target_count, tree_snapshot) VALUES (:id, :team, :tree, :sched, :source, :for, :by, :now, :count, :snap)",
        use(out.batch_id), use(b.team_id), use(b.tree.id), use(schedule_id, sched_ind), use(b.source),
        use(scheduled_for, for_ind), use(b.created_by), use(now), use(count), use(b.tree.tree_structure);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return result<created_batch>::fail(errc::duplicate);
    throw;
  }

  const std::string status = "not_started";
  const std::string no_snapshot;  // the batch row holds the snapshot
  out.session_ids.reserve(b.targets.size());
  std::vector<long long> positions(b.targets.size());
  for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<long long>(i);
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
      position = positions[i];
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
    soci::statement st(sql);
    st.alloc();
    for (std::size_t i = begin; i < end; ++i) {
      if (i != begin) q += ",";
      const std::string n = std::to_string(i - begin);
      q += "(:i" + n + ",:t" + n + ",:r" + n + ",:rn" + n + ",:u" + n + ",:s" + n + ",:b" + n + ",:l" + n + ",:n" + n +
           ",:p" + n + ",:st" + n + ",:a" + n + ",:up" + n + ")";
      st.exchange(use(out.session_ids[i]));
      st.exchange(use(b.team_id));
      st.exchange(use(b.tree.id));
      st.exchange(use(b.tree.name));
      st.exchange(use(b.created_by));
      st.exchange(use(no_snapshot));
      st.exchange(use(out.batch_id));
      st.exchange(use(b.targets[i].label));
      st.exchange(use(b.targets[i].notes));
      st.exchange(use(positions[i]));
      st.exchange(use(status));
      st.exchange(use(now));
      st.exchange(use(now));
    }
    st.prepare(q);
    st.define_and_bind();
    st.execute(true);
  }
  return result<created_batch>::ok(std::move(out));
}

namespace {

constexpr const char* batch_summary_sql =
    "SELECT b.id, b.tree_id, b.schedule_id, b.source, b.scheduled_for, b.created_at, b.created_by, u.name,"
    " b.target_count,"
    " (SELECT COUNT(*) FROM sessions s WHERE s.batch_id = b.id AND s.status = 'completed'),"
    " (SELECT COUNT(*) FROM sessions s WHERE s.batch_id = b.id AND s.status = 'in_progress')"
    " FROM batches b LEFT JOIN users u ON u.id = b.created_by";

struct batch_into {
  domain::history_entry e;
  std::string schedule_id, user_name;
  indicator sched_ind = soci::i_ok, for_ind = soci::i_ok, name_ind = soci::i_ok;
  long long scheduled_for = 0;

  void bind(soci::statement& st) {
    st.exchange(into(e.id));
    st.exchange(into(e.tree_id));
    st.exchange(into(schedule_id, sched_ind));
    st.exchange(into(e.source));
    st.exchange(into(scheduled_for, for_ind));
    st.exchange(into(e.created_at));
    st.exchange(into(e.created_by));
    st.exchange(into(user_name, name_ind));
    st.exchange(into(e.total));
    st.exchange(into(e.completed));
    st.exchange(into(e.in_progress));
  }
  domain::history_entry get() const {
    domain::history_entry out = e;
    out.schedule_id = if_set(schedule_id, sched_ind);
    out.scheduled_for = if_set(scheduled_for, for_ind);
    out.created_by_name = if_set(user_name, name_ind).value_or("");
    out.not_started = out.total - out.completed - out.in_progress;
    return out;
  }
};

}  // namespace

std::vector<domain::history_entry> run_history(lease& sql, const std::string& team_id, const std::string& tree_id) {
  std::vector<domain::history_entry> out;
  {
    batch_into row;
    std::string team = team_id, tree = tree_id;
    soci::statement st(sql);
    st.alloc();
    row.bind(st);
    st.exchange(use(team));
    st.exchange(use(tree));
    st.prepare(std::string(batch_summary_sql) +
               " WHERE b.team_id = :team AND b.tree_id = :tree"
               " ORDER BY b.created_at DESC, b.id DESC LIMIT 500");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.get());
  }
  {
    domain::history_entry e;
    std::string schedule_id, kind, reason;
    long long scheduled_for = 0, target_count = 0;
    indicator reason_ind = soci::i_null, for_ind = soci::i_null, count_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT id, schedule_id, tree_id, kind, missed_count, first_missed_at, last_missed_at,"
                        " created_at, reason, scheduled_for, target_count"
                        " FROM schedule_events WHERE team_id = :team AND tree_id = :tree"
                        " ORDER BY created_at DESC LIMIT 500",
         use(team_id), use(tree_id), into(e.id), into(schedule_id), into(e.tree_id), into(kind), into(e.missed_count),
         into(e.first_missed_at), into(e.last_missed_at), into(e.created_at), into(reason, reason_ind),
         into(scheduled_for, for_ind), into(target_count, count_ind));
    st.execute();
    while (st.fetch()) {
      e.schedule_id = schedule_id;
      e.source = domain::batch_source::schedule;
      e.skipped = kind == "skipped";
      e.missed = !e.skipped;
      e.reason = if_set(reason, reason_ind).value_or("");
      e.scheduled_for = if_set(scheduled_for, for_ind);
      e.total = if_set(target_count, count_ind).value_or(0);
      out.push_back(e);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  return out;
}

std::optional<domain::batch_detail> get_batch(lease& sql, const std::string& team_id, const std::string& batch_id) {
  domain::batch_detail d;
  {
    batch_into row;
    std::string team = team_id, id = batch_id;
    soci::statement st(sql);
    st.alloc();
    row.bind(st);
    st.exchange(use(id));
    st.exchange(use(team));
    st.prepare(std::string(batch_summary_sql) + " WHERE b.id = :id AND b.team_id = :team");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    d.summary = row.get();
  }
  domain::batch_session s;
  std::string status, label, notes, uname;
  indicator label_ind, notes_ind, uname_ind, completed_ind;
  long long completed_at = 0;
  soci::statement st =
      (sql.prepare << "SELECT s.id, s.target_label, s.target_notes, s.status, s.user_id, u.name, s.started_at,"
                      " s.completed_at, s.tree_name FROM sessions s LEFT JOIN users u ON u.id = s.user_id"
                      " WHERE s.batch_id = :b AND s.team_id = :team ORDER BY s.position, s.id",
       use(batch_id), use(team_id), into(s.id), into(label, label_ind), into(notes, notes_ind), into(status),
       into(s.user_id), into(uname, uname_ind), into(s.started_at), into(completed_at, completed_ind),
       into(d.tree_name));
  st.execute();
  while (st.fetch()) {
    s.target_label = if_set(label, label_ind).value_or("");
    s.target_notes = if_set(notes, notes_ind).value_or("");
    s.user_name = if_set(uname, uname_ind).value_or("");
    s.status = domain::parse<domain::session_status>(status).value_or(domain::session_status::not_started);
    s.completed_at = if_set(completed_at, completed_ind);
    d.sessions.push_back(s);
  }
  return d;
}

}  // namespace rf::store
