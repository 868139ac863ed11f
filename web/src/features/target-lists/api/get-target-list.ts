import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { targetListKeys } from '@/lib/query-keys';
import type { TargetList } from '@/types/api';

/** One list with its targets (the list answer carries only their count). */
export const getTargetList = (id: string, signal?: AbortSignal) =>
  api.get<TargetList>(`/target-lists/${id}`, undefined, signal);

export const getTargetListQueryOptions = (id: string) =>
  queryOptions({
    queryKey: targetListKeys.detail(id),
    queryFn: ({ signal }) => getTargetList(id, signal),
    staleTime: 0,
  });

export const useTargetList = (id: string | null) =>
  useQuery({ ...getTargetListQueryOptions(id ?? ''), enabled: Boolean(id) });
