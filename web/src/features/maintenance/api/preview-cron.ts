import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { scheduleKeys } from '@/lib/query-keys';
import type { CronPreview } from '@/types/api';

export const previewCron = (cron: string, timezone: string, count = 5, signal?: AbortSignal) =>
  api.get<CronPreview>('/maintenance-schedules/preview', { cron_expression: cron, timezone, count }, signal);

export const getCronPreviewQueryOptions = (cron: string, timezone: string) =>
  queryOptions({
    queryKey: scheduleKeys.preview(cron, timezone),
    queryFn: ({ signal }) => previewCron(cron, timezone, 5, signal),
    enabled: cron.trim().length > 0,
    staleTime: 60_000,
    retry: false,
    // The previous answer stays on screen while the next one loads, so typing doesn't flicker.
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });

export const useCronPreview = (cron: string, timezone: string) => useQuery(getCronPreviewQueryOptions(cron, timezone));
