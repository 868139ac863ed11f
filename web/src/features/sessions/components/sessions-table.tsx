import { ChevronLeft, ChevronRight, PlayCircle } from 'lucide-react';
import { Link } from 'react-router';
import { StatusBadge } from '@/components/status-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Table, type Column } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/utils';
import type { SessionSummary } from '@/types/api';
import { useSessions, type SessionsFilter } from '../api/get-sessions';

type SessionsTableProps = {
  filter: SessionsFilter;
  onPageChange?: (page: number) => void;
  /** Fewer columns, for a side panel. */
  compact?: boolean;
};

const actionLabel = (s: SessionSummary) =>
  s.status === 'completed' ? 'View' : s.status === 'in_progress' ? 'Resume' : 'Start';

function sessionColumns(compact: boolean): (Column<SessionSummary> | false)[] {
  return [
    {
      header: 'Target',
      className: 'font-medium text-zinc-100',
      cell: (s) => (
        <>
          {s.target_label ?? <span className="text-zinc-500">—</span>}
          {s.target_notes && !compact && (
            <span className="ml-2 text-2xs font-normal text-zinc-500">{s.target_notes}</span>
          )}
        </>
      ),
    },
    !compact && { header: 'Flow', className: 'max-w-[16rem] truncate', cell: (s) => s.tree_name },
    { header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
    { header: 'Engineer', className: 'text-zinc-400', cell: (s) => s.user_name },
    {
      header: 'Started',
      className: 'whitespace-nowrap text-zinc-400',
      title: (s) => formatDateTime(s.started_at),
      cell: (s) => formatRelative(s.started_at),
    },
    !compact && {
      header: 'Completed',
      className: 'whitespace-nowrap text-zinc-400',
      cell: (s) => (s.completed_at ? formatDateTime(s.completed_at) : '—'),
    },
    !compact && {
      header: 'Batch',
      cell: (s) =>
        s.batch_id ? (
          <Link
            className="link font-mono text-2xs"
            to={paths.app.sessions.getHref({ batch_id: s.batch_id })}
            title="Show this batch's sessions"
          >
            {s.batch_id.slice(0, 8)}
          </Link>
        ) : (
          <span className="text-zinc-600">—</span>
        ),
    },
    {
      header: null,
      headerClassName: 'w-20',
      className: 'text-right',
      cell: (s) => (
        <Link className="link text-xs" to={paths.app.session.getHref(s.id)}>
          {actionLabel(s)}
        </Link>
      ),
    },
  ];
}

export function SessionsTable({ filter, onPageChange, compact = false }: SessionsTableProps) {
  const sessions = useSessions(filter);
  return (
    <QueryBoundary
      query={sessions}
      loadingLabel="Loading sessions"
      error={<EmptyState title="Could not load the sessions" />}
      isEmpty={(page) => page.items.length === 0}
      empty={
        <EmptyState icon={<PlayCircle className="h-6 w-6" />} title="No sessions">
          {filter.tree_id || filter.batch_id || filter.status
            ? 'Nothing matches these filters.'
            : 'Start one from a flow.'}
        </EmptyState>
      }
    >
      {({ items, total, page, size }) => {
        const pages = Math.max(1, Math.ceil(total / size));
        return (
          <div className="space-y-2">
            <Table label="Sessions" columns={sessionColumns(compact)} rows={items} rowKey={(s) => s.id} />
            {onPageChange && pages > 1 && (
              <div className="flex items-center justify-end gap-2 text-xs text-zinc-400">
                <span>
                  {(page - 1) * size + 1}–{Math.min(page * size, total)} of {total}
                </span>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label="Previous page"
                  disabled={page <= 1}
                  onClick={() => onPageChange(page - 1)}
                >
                  <ChevronLeft className="h-4 w-4" />
                </Button>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label="Next page"
                  disabled={page >= pages}
                  onClick={() => onPageChange(page + 1)}
                >
                  <ChevronRight className="h-4 w-4" />
                </Button>
              </div>
            )}
          </div>
        );
      }}
    </QueryBoundary>
  );
}
