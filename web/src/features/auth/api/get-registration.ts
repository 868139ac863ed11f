import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { authKeys } from '@/lib/query-keys';
import type { RegistrationInfo } from '@/types/api';

/**
 * Public: whether a visitor may create a team here. Under `invite` mode only the very first
 * registration on an empty server can; everyone else joins with an invite link.
 */
export const getRegistration = (signal?: AbortSignal) =>
  api.get<RegistrationInfo>('/auth/registration', undefined, signal);

export const getRegistrationQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.registration(),
    queryFn: ({ signal }) => getRegistration(signal),
    staleTime: 0,
    // The page explains a failure in place (and falls back to the create-team form).
    meta: { silent: true },
  });

export const useRegistration = () => useQuery(getRegistrationQueryOptions());
