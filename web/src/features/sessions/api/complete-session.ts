import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { batchKeys, sessionKeys } from '@/lib/query-keys';
import type { Session } from '@/types/api';

export const completeSession = (id: string) => api.post<Session>(`/sessions/${id}/complete`);

export const useCompleteSession = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSession,
    meta: { successMessage: 'Session completed' },
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), (old: Session | undefined) =>
        old ? { ...old, ...session, tree_snapshot: session.tree_snapshot ?? old.tree_snapshot } : session,
      );
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: batchKeys.all });
    },
  });
};
