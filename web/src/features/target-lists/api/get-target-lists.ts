import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { TargetList } from '@/types/api';

export const getTargetLists = (signal?: AbortSignal) => api.get<TargetList[]>('/target-lists/', undefined, signal);

export const getTargetListsQueryOptions = () =>
  queryOptions({ queryKey: ['target-lists'], queryFn: ({ signal }) => getTargetLists(signal) });

export const useTargetLists = () => useQuery(getTargetListsQueryOptions());
