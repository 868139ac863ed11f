import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionKeys, type SessionListKey } from '@/lib/query-keys';
import type { Page, SessionSummary } from '@/types/api';

export type SessionsFilter = SessionListKey;

export const getSessions = (filter: SessionsFilter, signal?: AbortSignal) =>
  api.get<Page<SessionSummary>>(
    '/sessions/',
    {
      tree_id: filter.tree_id,
      batch_id: filter.batch_id,
      status: filter.status,
      page: filter.page ?? 1,
      size: filter.size ?? 50,
    },
    signal,
  );

export const getSessionsQueryOptions = (filter: SessionsFilter) =>
  queryOptions({
    queryKey: sessionKeys.list(filter),
    queryFn: ({ signal }) => getSessions(filter, signal),
    placeholderData: keepPreviousData,
  });

export const useSessions = (filter: SessionsFilter, options: { enabled?: boolean } = {}) =>
  useQuery({ ...getSessionsQueryOptions(filter), enabled: options.enabled ?? true });
