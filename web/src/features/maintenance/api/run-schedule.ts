import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { BatchCreated } from '@/types/api';

export const runScheduleNow = (scheduleId: string) =>
  api.post<BatchCreated>(`/maintenance-schedules/${scheduleId}/run`);

export const useRunScheduleNow = (treeId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runScheduleNow,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['batches', 'history', treeId] });
      void queryClient.invalidateQueries({ queryKey: ['schedules', 'tree', treeId] });
      void queryClient.invalidateQueries({ queryKey: ['sessions', 'list'] });
    },
  });
};
