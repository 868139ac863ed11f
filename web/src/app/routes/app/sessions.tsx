import { X } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { STATUS_LABELS } from '@/components/status-badge';
import { Select } from '@/components/ui/input';
import { SessionsTable } from '@/features/sessions/components/sessions-table';
import { useTreeOptions } from '@/features/trees/api/get-trees';
import { cn } from '@/lib/utils';
import type { SessionStatus } from '@/types/api';

const STATUSES: SessionStatus[] = ['not_started', 'in_progress', 'completed'];

export function SessionsRoute() {
  const [params, setParams] = useSearchParams();
  const trees = useTreeOptions();
  const treeId = params.get('tree_id') ?? undefined;
  const batchId = params.get('batch_id') ?? undefined;
  const statusParam = params.get('status') as SessionStatus | null;
  const status = statusParam && STATUSES.includes(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };

  return (
    <ContentLayout title="Sessions" subtitle="Every run of every flow, newest first.">
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-2" role="search" aria-label="Filter sessions">
          <Select
            aria-label="Flow"
            value={treeId ?? ''}
            onChange={(e) => set('tree_id', e.target.value || undefined)}
            className="w-64 text-xs"
          >
            <option value="">All flows</option>
            {trees.data?.items.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {/* A flow from a link that is beyond the picker's page still shows as chosen. */}
            {treeId && trees.data && !trees.data.items.some((t) => t.id === treeId) && (
              <option value={treeId}>Selected flow</option>
            )}
          </Select>
          <Select
            aria-label="Status"
            value={status ?? ''}
            onChange={(e) => set('status', e.target.value || undefined)}
            className="w-40 text-xs"
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
          {batchId && (
            <span
              className={cn(
                'inline-flex items-center gap-1 rounded-md border border-zinc-700 bg-zinc-900',
                'px-2 py-1 text-xs text-zinc-300',
              )}
            >
              Batch <span className="font-mono">{batchId.slice(0, 8)}</span>
              <button
                type="button"
                aria-label="Clear batch filter"
                onClick={() => set('batch_id', undefined)}
                className="rounded p-0.5 hover:bg-zinc-800"
              >
                <X className="h-3 w-3" />
              </button>
            </span>
          )}
        </div>
        <SessionsTable
          filter={{ tree_id: treeId, batch_id: batchId, status, page, size: 50 }}
          onPageChange={(p) => set('page', String(p))}
        />
      </div>
    </ContentLayout>
  );
}
