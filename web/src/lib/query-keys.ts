// Every query key of the app, from one factory per resource. A key is a path from general
// to specific (`['trees', 'list', filters]`), so invalidating a prefix refreshes exactly the
// family it names: `treeKeys.lists()` every list of flows, `treeKeys.all` everything about
// flows. Queries, invalidations and cache writes all take their keys from here (ESLint
// refuses an array literal as a key elsewhere), so an invalidation cannot name a key that no
// query uses.
//
// The factories live in lib, not in their features, because the cache is shared: a saved
// session changes a batch's counts, a launched batch adds sessions, a deleted target list
// changes schedules. Features do not import each other; they all import this file.

import type { SessionStatus, TreeType } from '@/types/api';

export const authKeys = {
  all: ['auth'] as const,
  /** The signed-in user (`GET /auth/me`). */
  me: () => [...authKeys.all, 'me'] as const,
  /** Whether this server lets a visitor create a team (`GET /auth/registration`). */
  registration: () => [...authKeys.all, 'registration'] as const,
};

export type TreeListKey = { type: TreeType | null; q: string | null; pageSize: number };

export const treeKeys = {
  all: ['trees'] as const,
  lists: () => [...treeKeys.all, 'list'] as const,
  /** One library view, paged (`GET /trees/`). */
  list: (filters: TreeListKey) => [...treeKeys.lists(), filters] as const,
  /** Every flow's name for a picker. */
  options: () => [...treeKeys.lists(), 'options'] as const,
  counts: () => [...treeKeys.all, 'counts'] as const,
  detail: (id: string) => [...treeKeys.all, 'detail', id] as const,
};

export type SessionListKey = {
  tree_id?: string | undefined;
  batch_id?: string | undefined;
  status?: SessionStatus | undefined;
  page?: number;
  size?: number;
};

export const sessionKeys = {
  all: ['sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  list: (filters: SessionListKey) => [...sessionKeys.lists(), filters] as const,
  detail: (id: string) => [...sessionKeys.all, 'detail', id] as const,
};

export const batchKeys = {
  all: ['batches'] as const,
  /** A maintenance flow's run history (`GET /trees/{id}/batches`). */
  history: (treeId: string) => [...batchKeys.all, 'history', treeId] as const,
  detail: (batchId: string) => [...batchKeys.all, 'detail', batchId] as const,
};

export const scheduleKeys = {
  all: ['schedules'] as const,
  forTrees: () => [...scheduleKeys.all, 'tree'] as const,
  /** A flow's schedule, or null when it has none. */
  forTree: (treeId: string) => [...scheduleKeys.forTrees(), treeId] as const,
  /** What a cron expression means in a zone and when it fires next (no schedule needed). */
  preview: (cron: string, timezone: string) => [...scheduleKeys.all, 'preview', { cron, timezone }] as const,
};

export const targetListKeys = {
  all: ['target-lists'] as const,
  lists: () => [...targetListKeys.all, 'list'] as const,
  list: (filters: { pageSize: number }) => [...targetListKeys.lists(), filters] as const,
  /** Every list's name and count for a picker. */
  options: () => [...targetListKeys.all, 'options'] as const,
  /** One list with its targets. */
  detail: (id: string) => [...targetListKeys.all, 'detail', id] as const,
};

export const teamKeys = {
  all: ['team'] as const,
  /** The signed-in user's team with its members (`GET /teams/me`). */
  detail: () => [...teamKeys.all, 'detail'] as const,
  invites: () => [...teamKeys.all, 'invites'] as const,
};
