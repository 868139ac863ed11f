import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import { scheduleKeys } from '@/lib/query-keys';
import type { Schedule } from '@/types/api';

/** The flow's schedule, or null when it has none (the API answers 404). */
export const getScheduleForTree = async (treeId: string, signal?: AbortSignal): Promise<Schedule | null> => {
  try {
    return await api.get<Schedule>(`/maintenance-schedules/tree/${treeId}`, undefined, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
};

export const getScheduleQueryOptions = (treeId: string) =>
  queryOptions({
    queryKey: scheduleKeys.forTree(treeId),
    queryFn: ({ signal }) => getScheduleForTree(treeId, signal),
  });

export const useScheduleForTree = (treeId: string) => useQuery(getScheduleQueryOptions(treeId));
