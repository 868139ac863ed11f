import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Session } from '@/types/api';

export const completeSession = (id: string) => api.post<Session>(`/sessions/${id}/complete`);

export const useCompleteSession = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSession,
    meta: { successMessage: 'Session completed' },
    onSuccess: (session) => {
      queryClient.setQueryData(['sessions', 'detail', session.id], (old: Session | undefined) =>
        old ? { ...old, ...session, tree_snapshot: session.tree_snapshot ?? old.tree_snapshot } : session,
      );
      void queryClient.invalidateQueries({ queryKey: ['sessions', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['batches'] });
    },
  });
};
