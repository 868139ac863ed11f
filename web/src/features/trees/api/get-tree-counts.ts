import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { treeKeys } from '@/lib/query-keys';
import type { TreeCounts } from '@/types/api';

export const getTreeCounts = (signal?: AbortSignal) => api.get<TreeCounts>('/trees/counts', undefined, signal);

export const getTreeCountsQueryOptions = () =>
  queryOptions({ queryKey: treeKeys.counts(), queryFn: ({ signal }) => getTreeCounts(signal), staleTime: 60_000 });

export const useTreeCounts = () => useQuery(getTreeCountsQueryOptions());
