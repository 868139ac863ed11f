import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { batchKeys, scheduleKeys, sessionKeys } from '@/lib/query-keys';
import type { BatchCreated } from '@/types/api';

export const runScheduleNow = (scheduleId: string) =>
  api.post<BatchCreated>(`/maintenance-schedules/${scheduleId}/run`);

export const useRunScheduleNow = (treeId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runScheduleNow,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: batchKeys.history(treeId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.forTree(treeId) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    },
  });
};
