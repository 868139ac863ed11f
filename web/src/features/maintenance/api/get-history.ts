import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { batchKeys } from '@/lib/query-keys';
import type { HistoryEntry } from '@/types/api';

export const getHistory = (treeId: string, signal?: AbortSignal) =>
  api.get<HistoryEntry[]>(`/trees/${treeId}/batches`, undefined, signal);

export const getHistoryQueryOptions = (treeId: string) =>
  queryOptions({
    queryKey: batchKeys.history(treeId),
    queryFn: ({ signal }) => getHistory(treeId, signal),
    // Engineers work the sessions elsewhere; keep the counts fresh while the page is open.
    refetchInterval: 30_000,
  });

export const useHistory = (treeId: string) => useQuery(getHistoryQueryOptions(treeId));
