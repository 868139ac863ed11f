import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { teamKeys } from '@/lib/query-keys';

/**
 * Removes a member from the team: their sign-in stops working, their sessions keep their
 * name. The last admin cannot be removed (400 with the server's reason).
 */
export const removeMember = (userId: string) => api.delete(`/teams/members/${userId}`);

export const useRemoveMember = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.detail() }),
  });
};
