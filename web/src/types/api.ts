// Shapes returned by the ResolutionFlow API (docs/api.md is the contract).
// Instants are ISO 8601 UTC strings with a `Z`; ids are lower-case UUID strings.

export type Role = 'admin' | 'engineer' | 'viewer';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  team_id: string;
  is_active?: boolean;
  created_at?: string;
};

export type AuthResponse = {
  access_token: string;
  token_type: 'bearer';
  user: User;
};

export type Team = {
  id: string;
  name: string;
  created_at: string;
  members: User[];
};

/** An open invite (`GET /teams/invites`; the create answer has no `created_by_name`). */
export type Invite = {
  code: string;
  role: Role;
  created_by: string;
  created_by_name?: string;
  created_at: string;
  expires_at: string;
};

/** `GET /auth/registration`: whether this server lets a visitor create a team. */
export type RegistrationInfo = { mode: 'invite' | 'open'; can_create_team: boolean };

/** A bounded list answer: the items of one page and the total from `X-Total-Count`. */
export type Paged<T> = { items: T[]; total: number };

export type TreeType = 'troubleshooting' | 'procedural' | 'maintenance';

export const TREE_TYPES: readonly TreeType[] = ['troubleshooting', 'procedural', 'maintenance'];

export type ContentType = 'action' | 'verification' | 'information' | 'warning';

export const CONTENT_TYPES: readonly ContentType[] = ['action', 'verification', 'information', 'warning'];

export type ProcedureStep = {
  id: string;
  type: 'procedure_step' | 'procedure_end';
  title: string;
  description?: string;
  content_type?: ContentType;
};

export type ProcedureStructure = { steps: ProcedureStep[] };

export type NodeType = 'question' | 'action' | 'solution';

export type Answer = { label: string; next: string };

export type DecisionNode = {
  id: string;
  type: NodeType;
  title: string;
  description?: string;
  answers: Answer[];
};

export type DecisionStructure = { root: string; nodes: DecisionNode[] };

export type TreeStructure = ProcedureStructure | DecisionStructure;

export type Tree = {
  id: string;
  team_id: string;
  created_by: string;
  name: string;
  description: string;
  tree_type: TreeType;
  tree_structure: TreeStructure;
  created_at: string;
  updated_at: string;
};

/** A flow as `GET /trees` lists it: no structure, its number of steps (or nodes) instead. */
export type TreeSummary = Omit<Tree, 'tree_structure'> & { step_count: number };

export type TreeCounts = {
  total: number;
  troubleshooting: number;
  procedural: number;
  maintenance: number;
};

export type SessionStatus = 'not_started' | 'in_progress' | 'completed';

export type StepDecision = { status: 'done' | 'skipped'; note?: string };
export type AnswerDecision = { answer: number; label: string };

export type CustomStep = {
  id: string;
  title: string;
  description?: string;
  after?: string;
  status?: 'done' | 'skipped';
};

export type Session = {
  id: string;
  tree_id: string;
  tree_name: string;
  user_id: string;
  user_name: string;
  tree_snapshot?: TreeStructure;
  path_taken: string[];
  decisions: Record<string, StepDecision | AnswerDecision>;
  custom_steps: CustomStep[];
  session_variables: Record<string, unknown>;
  notes: string;
  batch_id: string | null;
  target_label: string | null;
  target_notes: string | null;
  started_at: string;
  completed_at: string | null;
  status: SessionStatus;
};

/** A session as `GET /sessions` lists it: without the snapshot and the progress blobs. */
export type SessionSummary = Omit<
  Session,
  'tree_snapshot' | 'path_taken' | 'decisions' | 'custom_steps' | 'session_variables'
>;

export type SessionProgress = Partial<
  Pick<Session, 'path_taken' | 'decisions' | 'custom_steps' | 'session_variables' | 'notes'>
>;

export type Page<T> = { items: T[]; total: number; page: number; size: number };

export type Target = { label: string; notes?: string };

export type TargetList = {
  id: string;
  team_id: string;
  created_by: string;
  name: string;
  description: string;
  targets: { label: string; notes: string }[];
  target_count: number;
  created_at: string;
  updated_at: string;
};

/** A target list as `GET /target-lists` lists it: the count, not the targets. */
export type TargetListSummary = Omit<TargetList, 'targets'>;

export type BatchCreated = {
  batch_id: string;
  count: number;
  sessions: { id: string; batch_id: string; target_label: string; tree_id: string }[];
};

export type BatchEntry = {
  kind: 'batch';
  batch_id: string;
  tree_id: string;
  schedule_id: string | null;
  source: 'manual' | 'schedule';
  scheduled_for: string | null;
  created_at: string;
  created_by: string;
  created_by_name: string;
  total: number;
  completed: number;
  in_progress: number;
  not_started: number;
};

export type MissedEntry = {
  kind: 'missed';
  id: string;
  schedule_id: string;
  missed_count: number;
  first_missed_at: string;
  last_missed_at: string;
  created_at: string;
};

/** A scheduled run that was not created: over the team's session quota or the batch limit. */
export type SkippedEntry = {
  kind: 'skipped';
  id: string;
  schedule_id: string | null;
  reason: 'quota' | 'batch_limit' | (string & {});
  scheduled_for: string | null;
  total: number;
  created_at: string;
};

export type HistoryEntry = BatchEntry | MissedEntry | SkippedEntry;

export type BatchSession = {
  id: string;
  target_label: string;
  target_notes: string;
  status: SessionStatus;
  user_id: string;
  user_name: string;
  started_at: string;
  completed_at: string | null;
};

export type BatchDetail = Omit<BatchEntry, 'kind'> & {
  kind?: 'batch';
  tree_name: string;
  sessions: BatchSession[];
};

export type Schedule = {
  id: string;
  tree_id: string;
  created_by: string;
  cron_expression: string;
  timezone: string;
  target_list_id: string | null;
  is_active: boolean;
  misfire_grace_seconds: number;
  next_run_at: string | null;
  last_run_at: string | null;
  last_batch_id: string | null;
  description: string;
  created_at: string;
  updated_at: string;
};

export type CronPreview = {
  description: string;
  next_runs: string[];
  notes?: string[];
};

export type ValidationIssue = {
  loc: (string | number)[];
  msg: string;
  type: string;
};
