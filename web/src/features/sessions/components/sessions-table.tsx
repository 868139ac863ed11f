import { ChevronLeft, ChevronRight, PlayCircle } from 'lucide-react';
import { Link } from 'react-router';
import { StatusBadge } from '@/components/status-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/utils';
import { useSessions, type SessionsFilter } from '../api/get-sessions';

type SessionsTableProps = {
  filter: SessionsFilter;
  onPageChange?: (page: number) => void;
  /** Fewer columns, for a side panel. */
  compact?: boolean;
};

export function SessionsTable({ filter, onPageChange, compact = false }: SessionsTableProps) {
  const sessions = useSessions(filter);

  if (sessions.isPending) return <Spinner label="Loading sessions" />;
  if (sessions.isError) return <EmptyState title="Could not load the sessions" />;
  const { items, total, page, size } = sessions.data;
  if (items.length === 0)
    return (
      <EmptyState icon={<PlayCircle className="h-6 w-6" />} title="No sessions">
        {filter.tree_id || filter.batch_id || filter.status
          ? 'Nothing matches these filters.'
          : 'Start one from a flow.'}
      </EmptyState>
    );
  const pages = Math.max(1, Math.ceil(total / size));

  return (
    <div className="space-y-2">
      <div className="panel overflow-hidden">
        <table className="table-dense" aria-label="Sessions">
          <thead>
            <tr>
              <th>Target</th>
              {!compact && <th>Flow</th>}
              <th>Status</th>
              <th>Engineer</th>
              <th>Started</th>
              {!compact && <th>Completed</th>}
              {!compact && <th>Batch</th>}
              <th className="w-20" />
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td className="font-medium text-zinc-100">
                  {s.target_label ?? <span className="text-zinc-500">—</span>}
                  {s.target_notes && !compact && (
                    <span className="ml-2 text-2xs font-normal text-zinc-500">{s.target_notes}</span>
                  )}
                </td>
                {!compact && <td className="max-w-[16rem] truncate">{s.tree_name}</td>}
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="text-zinc-400">{s.user_name}</td>
                <td className="whitespace-nowrap text-zinc-400" title={formatDateTime(s.started_at)}>
                  {formatRelative(s.started_at)}
                </td>
                {!compact && (
                  <td className="whitespace-nowrap text-zinc-400">
                    {s.completed_at ? formatDateTime(s.completed_at) : '—'}
                  </td>
                )}
                {!compact && (
                  <td>
                    {s.batch_id ? (
                      <Link
                        className="link font-mono text-2xs"
                        to={paths.app.sessions.getHref({ batch_id: s.batch_id })}
                        title="Show this batch's sessions"
                      >
                        {s.batch_id.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="text-zinc-600">—</span>
                    )}
                  </td>
                )}
                <td className="text-right">
                  <Link className="link text-xs" to={paths.app.session.getHref(s.id)}>
                    {s.status === 'completed' ? 'View' : s.status === 'in_progress' ? 'Resume' : 'Start'}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
}
