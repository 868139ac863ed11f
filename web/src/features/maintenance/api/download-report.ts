import { useMutation } from '@tanstack/react-query';
import { api, saveBlob } from '@/lib/api-client';

/** Fetches the report with the bearer token (a plain link could not send it) and saves it. */
export const downloadBatchReport = async ({ batchId, filename }: { batchId: string; filename: string }) => {
  const { blob, filename: serverName } = await api.blob(`/batches/${batchId}/report.csv`);
  saveBlob(blob, serverName ?? filename);
};

export const useDownloadBatchReport = () =>
  useMutation({ mutationFn: downloadBatchReport, meta: { successMessage: 'Report downloaded' } });
