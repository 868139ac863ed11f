import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { batchKeys } from '@/lib/query-keys';
import type { BatchDetail } from '@/types/api';

export const getBatch = (batchId: string, signal?: AbortSignal) =>
  api.get<BatchDetail>(`/batches/${batchId}`, undefined, signal);

export const getBatchQueryOptions = (batchId: string) =>
  queryOptions({ queryKey: batchKeys.detail(batchId), queryFn: ({ signal }) => getBatch(batchId, signal) });

export const useBatch = (batchId: string | null, enabled = true) =>
  useQuery({ ...getBatchQueryOptions(batchId ?? ''), enabled: enabled && Boolean(batchId) });
