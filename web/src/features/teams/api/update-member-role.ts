import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { teamKeys } from '@/lib/query-keys';
import type { Role, User } from '@/types/api';

export const updateMemberRole = ({ userId, role }: { userId: string; role: Role }) =>
  api.patch<User>(`/teams/members/${userId}`, { role });

export const useUpdateMemberRole = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMemberRole,
    meta: { successMessage: 'Role updated' },
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  });
};
