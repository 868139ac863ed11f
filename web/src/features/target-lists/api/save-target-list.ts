import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { targetListKeys } from '@/lib/query-keys';
import type { Target, TargetList } from '@/types/api';

export type TargetListInput = { name: string; description: string; targets: Target[] };

export const createTargetList = (input: TargetListInput) => api.post<TargetList>('/target-lists/', input);

export const updateTargetList = ({ id, data }: { id: string; data: Partial<TargetListInput> }) =>
  api.put<TargetList>(`/target-lists/${id}`, data);

export const useCreateTargetList = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTargetList,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetListKeys.all }),
  });
};

export const useUpdateTargetList = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTargetList,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetListKeys.all }),
  });
};
