import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { teamKeys } from '@/lib/query-keys';

/** The link stops working at once. */
export const revokeInvite = (code: string) => api.delete(`/teams/invites/${encodeURIComponent(code)}`);

export const useRevokeInvite = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvite,
    meta: { successMessage: 'Invite revoked' },
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.invites() }),
  });
};
