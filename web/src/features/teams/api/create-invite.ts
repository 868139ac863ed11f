import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { teamKeys } from '@/lib/query-keys';
import type { Invite, Role } from '@/types/api';

/** An invite link for `role` (the server's default is engineer); 403 over the open-invite limit. */
export const createInvite = ({ role }: { role: Role }) => api.post<Invite>('/teams/invites', { role });

export const useCreateInvite = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.invites() }),
  });
};
