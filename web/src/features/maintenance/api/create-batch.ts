import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { batchKeys, sessionKeys } from '@/lib/query-keys';
import type { BatchCreated, Target } from '@/types/api';

export type CreateBatchInput = { tree_id: string; targets: Target[] };

export const createBatch = (input: CreateBatchInput) => api.post<BatchCreated>('/sessions/batch', input);

export const useCreateBatch = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBatch,
    meta: { silent: true },
    onSuccess: (_, input) => {
      void queryClient.invalidateQueries({ queryKey: batchKeys.history(input.tree_id) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    },
  });
};
