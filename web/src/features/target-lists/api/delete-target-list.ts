import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { scheduleKeys, targetListKeys } from '@/lib/query-keys';

export const deleteTargetList = (id: string) => api.delete(`/target-lists/${id}`);

export const useDeleteTargetList = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTargetList,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: targetListKeys.all });
      // A schedule that pointed at the list now has none.
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.forTrees() });
    },
  });
};
