-- Instants are epoch milliseconds (BIGINT); booleans are 0/1; ids are UUID text.
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  -- Bumped by every change to the team's flows; validates cached flow lists on any replica.
  trees_version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  email TEXT NOT NULL,
  email_lower TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE INDEX users_team ON users(team_id);

CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);

CREATE TABLE invites (
  code TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
  email_lower TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  window_start BIGINT NOT NULL
);

CREATE TABLE trees (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_by TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  tree_type TEXT NOT NULL,
  tree_structure TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX trees_team_created ON trees(team_id, created_at);

CREATE TABLE target_lists (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_by TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  targets TEXT NOT NULL,
  target_count BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX target_lists_team ON target_lists(team_id);

CREATE TABLE maintenance_schedules (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  tree_id TEXT NOT NULL UNIQUE REFERENCES trees(id) ON DELETE CASCADE,
  created_by TEXT NOT NULL,
  cron_expression TEXT NOT NULL,
  timezone TEXT NOT NULL,
  target_list_id TEXT REFERENCES target_lists(id),
  is_active BIGINT NOT NULL,
  misfire_grace_seconds BIGINT NOT NULL,
  next_run_at BIGINT,
  last_run_at BIGINT,
  last_batch_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX maintenance_schedules_due ON maintenance_schedules(next_run_at) WHERE is_active = 1;
CREATE INDEX maintenance_schedules_team ON maintenance_schedules(team_id);

-- A batch is one launch of a flow over targets. Batches outlive their flow and schedule
-- (history is a record), so tree_id and schedule_id are plain columns, not foreign keys.
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  tree_id TEXT NOT NULL,
  schedule_id TEXT,
  source TEXT NOT NULL,
  scheduled_for BIGINT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  target_count BIGINT NOT NULL,
  -- The flow's structure when the batch launched, stored once for all of its sessions.
  tree_snapshot TEXT NOT NULL,
  UNIQUE (schedule_id, scheduled_for)
);
CREATE INDEX batches_tree ON batches(team_id, tree_id, created_at);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  tree_id TEXT NOT NULL,
  tree_name TEXT NOT NULL,
  user_id TEXT NOT NULL,
  tree_snapshot TEXT NOT NULL,  -- '' for a batch's sessions: the batch row holds it
  path_taken TEXT NOT NULL DEFAULT '[]',
  decisions TEXT NOT NULL DEFAULT '{}',
  custom_steps TEXT NOT NULL DEFAULT '[]',
  session_variables TEXT NOT NULL DEFAULT '{}',
  notes TEXT NOT NULL DEFAULT '',
  batch_id TEXT REFERENCES batches(id),
  target_label TEXT,
  target_notes TEXT,
  position BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  completed_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX sessions_team_started ON sessions(team_id, started_at);
CREATE INDEX sessions_batch ON sessions(batch_id, status);
-- Lists of a flow's sessions are newest first: the index gives the order, no sort.
CREATE INDEX sessions_tree ON sessions(team_id, tree_id, started_at);

-- Occurrences a schedule missed while no replica ran, shown in the run history.
CREATE TABLE schedule_events (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  schedule_id TEXT NOT NULL,
  tree_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  missed_count BIGINT NOT NULL,
  first_missed_at BIGINT NOT NULL,
  last_missed_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX schedule_events_tree ON schedule_events(team_id, tree_id, created_at);
