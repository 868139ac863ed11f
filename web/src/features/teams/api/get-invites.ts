import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { teamKeys } from '@/lib/query-keys';
import type { Invite } from '@/types/api';

/** The team's open invites (admins only): not expired, not revoked. */
export const getInvites = (signal?: AbortSignal) => api.get<Invite[]>('/teams/invites', undefined, signal);

export const getInvitesQueryOptions = () =>
  queryOptions({ queryKey: teamKeys.invites(), queryFn: ({ signal }) => getInvites(signal) });

export const useInvites = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...getInvitesQueryOptions(), enabled: options.enabled ?? true });
