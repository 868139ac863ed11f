import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionKeys } from '@/lib/query-keys';
import type { Session } from '@/types/api';

export type CreateSessionInput = { tree_id: string; target_label?: string; target_notes?: string };

export const createSession = (input: CreateSessionInput) => api.post<Session>('/sessions/', input);

export const useCreateSession = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSession,
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    },
  });
};
