import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Tree, TreeType } from '@/types/api';

export type TreesFilter = { type?: TreeType | undefined; q?: string | undefined };

export const getTrees = (filter: TreesFilter, signal?: AbortSignal) =>
  api.get<Tree[]>('/trees/', { tree_type: filter.type, q: filter.q?.trim() }, signal);

export const getTreesQueryOptions = (filter: TreesFilter = {}) =>
  queryOptions({
    queryKey: ['trees', 'list', { type: filter.type ?? null, q: filter.q?.trim() || null }],
    queryFn: ({ signal }) => getTrees(filter, signal),
    placeholderData: keepPreviousData,
  });

export const useTrees = (filter: TreesFilter = {}) => useQuery(getTreesQueryOptions(filter));
