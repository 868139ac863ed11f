import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { scheduleKeys } from '@/lib/query-keys';
import type { Schedule } from '@/types/api';

export type ScheduleFields = {
  cron_expression: string;
  timezone: string;
  target_list_id: string | null;
  is_active: boolean;
};

export const createSchedule = (input: ScheduleFields & { tree_id: string }) =>
  api.post<Schedule>('/maintenance-schedules/', input);

export const updateSchedule = ({ id, data }: { id: string; data: Partial<ScheduleFields> }) =>
  api.patch<Schedule>(`/maintenance-schedules/${id}`, data);

export const deleteSchedule = (id: string) => api.delete(`/maintenance-schedules/${id}`);

function useOnScheduleSaved() {
  const queryClient = useQueryClient();
  return (schedule: Schedule) => {
    queryClient.setQueryData(scheduleKeys.forTree(schedule.tree_id), schedule);
  };
}

export const useCreateSchedule = () => {
  const onSuccess = useOnScheduleSaved();
  return useMutation({ mutationFn: createSchedule, onSuccess, meta: { silent: true } });
};

export const useUpdateSchedule = () => {
  const onSuccess = useOnScheduleSaved();
  return useMutation({ mutationFn: updateSchedule, onSuccess, meta: { silent: true } });
};

export const useDeleteSchedule = (treeId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSchedule,
    meta: { successMessage: 'Schedule deleted' },
    onSuccess: () => queryClient.setQueryData(scheduleKeys.forTree(treeId), null),
  });
};
