import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Team } from '@/types/api';

export const getTeam = (signal?: AbortSignal) => api.get<Team>('/teams/me', undefined, signal);

export const getTeamQueryOptions = () => queryOptions({ queryKey: ['team'], queryFn: ({ signal }) => getTeam(signal) });

export const useTeam = () => useQuery(getTeamQueryOptions());
