import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { teamKeys } from '@/lib/query-keys';
import type { Team } from '@/types/api';

export const getTeam = (signal?: AbortSignal) => api.get<Team>('/teams/me', undefined, signal);

export const getTeamQueryOptions = () =>
  queryOptions({ queryKey: teamKeys.detail(), queryFn: ({ signal }) => getTeam(signal) });

export const useTeam = () => useQuery(getTeamQueryOptions());
