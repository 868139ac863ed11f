import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { scheduleKeys, treeKeys } from '@/lib/query-keys';

export const deleteTree = (id: string) => api.delete(`/trees/${id}`);

export const useDeleteTree = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTree,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: treeKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: treeKeys.all });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.forTrees() });
    },
  });
};
