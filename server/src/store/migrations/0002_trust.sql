-- Issue 9 (SPEC §8): member removal, invite roles, list summaries, quotas.
-- A removed member keeps their row (sessions and batches keep their name) but leaves the
-- team's listing, and their e-mail is freed for a new account.
ALTER TABLE users ADD COLUMN removed_at BIGINT;

ALTER TABLE invites ADD COLUMN role TEXT NOT NULL DEFAULT 'engineer';
CREATE INDEX invites_team ON invites(team_id, expires_at);

-- Flow lists are summaries: the number of steps (procedures) or nodes (decision trees)
-- stands in for the structure.
ALTER TABLE trees ADD COLUMN step_count BIGINT NOT NULL DEFAULT 0;
-- dialect: sqlite
UPDATE trees SET step_count = (SELECT COUNT(*) FROM json_each(trees.tree_structure, '$.steps')
                               WHERE json_extract(json_each.value, '$.type') = 'procedure_step')
  WHERE tree_type <> 'troubleshooting';
UPDATE trees SET step_count = (SELECT COUNT(*) FROM json_each(trees.tree_structure, '$.nodes'))
  WHERE tree_type = 'troubleshooting';
-- dialect: postgresql
UPDATE trees SET step_count = (SELECT COUNT(*) FROM json_array_elements((trees.tree_structure::json)->'steps') e
                               WHERE e->>'type' = 'procedure_step')
  WHERE tree_type <> 'troubleshooting';
UPDATE trees SET step_count = COALESCE(json_array_length((trees.tree_structure::json)->'nodes'), 0)
  WHERE tree_type = 'troubleshooting';
-- dialect: end

-- Sessions created per team and minute: the rolling quota sums the last ten rows.
CREATE TABLE team_usage (
  team_id TEXT NOT NULL REFERENCES teams(id),
  bucket BIGINT NOT NULL,
  sessions_created BIGINT NOT NULL,
  PRIMARY KEY (team_id, bucket)
);

-- Run-history entries other than batches: 'missed' (as before) and 'skipped' (a fire the
-- quota or the batch limit refused), with the occurrence and why.
ALTER TABLE schedule_events ADD COLUMN reason TEXT;
ALTER TABLE schedule_events ADD COLUMN scheduled_for BIGINT;
ALTER TABLE schedule_events ADD COLUMN target_count BIGINT;

-- Cron expressions with control characters are now invalid; the only ones stored before
-- were surrounding line ends, which the old parser trimmed. Trim them here too.
-- dialect: sqlite
UPDATE maintenance_schedules SET cron_expression = trim(cron_expression, ' ' || char(9, 10, 13, 11, 12));
-- dialect: postgresql
UPDATE maintenance_schedules SET cron_expression = btrim(cron_expression, E' \t\r\n\f\v');
-- dialect: end
