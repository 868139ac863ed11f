import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { treeKeys } from '@/lib/query-keys';
import type { Tree } from '@/types/api';

export const getTree = (id: string, signal?: AbortSignal) => api.get<Tree>(`/trees/${id}`, undefined, signal);

export const getTreeQueryOptions = (id: string) =>
  queryOptions({ queryKey: treeKeys.detail(id), queryFn: ({ signal }) => getTree(id, signal) });

export const useTree = (id: string) => useQuery(getTreeQueryOptions(id));
