import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { batchKeys, sessionKeys } from '@/lib/query-keys';
import type { Session, SessionProgress } from '@/types/api';

export type UpdateSessionInput = { id: string; data: SessionProgress };

export const updateSession = ({ id, data }: UpdateSessionInput) => api.patch<Session>(`/sessions/${id}`, data);

/** Saves progress; the cache takes the server's answer so a reload shows the same state. */
export const useUpdateSession = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSession,
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), (old: Session | undefined) =>
        // The PATCH answer may omit the snapshot; keep the one already loaded.
        old ? { ...old, ...session, tree_snapshot: session.tree_snapshot ?? old.tree_snapshot } : session,
      );
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: batchKeys.all });
    },
  });
};
