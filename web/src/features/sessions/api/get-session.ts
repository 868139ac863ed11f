import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionKeys } from '@/lib/query-keys';
import type { Session } from '@/types/api';

export const getSession = (id: string, signal?: AbortSignal) => api.get<Session>(`/sessions/${id}`, undefined, signal);

export const getSessionQueryOptions = (id: string) =>
  queryOptions({ queryKey: sessionKeys.detail(id), queryFn: ({ signal }) => getSession(id, signal), staleTime: 0 });

export const useSession = (id: string) => useQuery(getSessionQueryOptions(id));
