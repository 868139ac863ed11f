import {
  AlertTriangle,
  Ban,
  CalendarClock,
  ChevronDown,
  ChevronRight,
  Download,
  ExternalLink,
  History,
  User,
} from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '@/components/status-badge';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress-bar';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Spinner } from '@/components/ui/spinner';
import { Table, type Column } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { cn, formatDateTime, formatRelative, plural } from '@/lib/utils';
import type { BatchDetail, BatchEntry, MissedEntry, SkippedEntry } from '@/types/api';
import { useDownloadBatchReport } from '../api/download-report';
import { useBatch } from '../api/get-batch';
import { useHistory } from '../api/get-history';

type BatchSession = BatchDetail['sessions'][number];

const batchSessionColumns: Column<BatchSession>[] = [
  { header: 'Target', className: 'font-medium text-zinc-100', cell: (s) => s.target_label },
  { header: 'Notes', className: 'max-w-[12rem] truncate text-zinc-500', cell: (s) => s.target_notes },
  { header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
  {
    header: 'Engineer',
    className: 'text-zinc-400',
    cell: (s) => (s.status === 'not_started' ? '—' : s.user_name),
  },
  {
    header: 'Completed',
    className: 'whitespace-nowrap text-zinc-400',
    cell: (s) => (s.completed_at ? formatDateTime(s.completed_at) : '—'),
  },
  {
    header: null,
    headerClassName: 'w-16',
    className: 'text-right',
    cell: (s) => (
      <Link className="link" to={paths.app.session.getHref(s.id)} aria-label={`Open session for ${s.target_label}`}>
        {s.status === 'completed' ? 'View' : s.status === 'in_progress' ? 'Resume' : 'Start'}
      </Link>
    ),
  },
];

function BatchSessions({ batchId }: { batchId: string }) {
  const batch = useBatch(batchId);
  return (
    <QueryBoundary
      query={batch}
      loading={<Spinner className="px-3 py-2" label="Loading sessions" />}
      error={<p className="px-3 py-2 text-xs text-red-300">The sessions of this batch could not be loaded.</p>}
    >
      {(data) => (
        <Table
          label="Sessions of this batch"
          framed={false}
          columns={batchSessionColumns}
          rows={data.sessions}
          rowKey={(s) => s.id}
        />
      )}
    </QueryBoundary>
  );
}

function BatchRow({
  entry,
  treeName,
  expanded,
  onToggle,
}: {
  entry: BatchEntry;
  treeName: string;
  expanded: boolean;
  onToggle: () => void;
}) {
  const download = useDownloadBatchReport();
  const done = entry.total > 0 && entry.completed === entry.total;
  const date = (entry.scheduled_for ?? entry.created_at).slice(0, 10);
  const safeName = treeName
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 60);
  return (
    <li
      className="rounded-md border border-zinc-800 bg-zinc-900/50"
      data-testid="batch-row"
      data-batch-id={entry.batch_id}
    >
      <div className="flex items-center gap-3 px-3 py-2">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={expanded}
          aria-label={`${expanded ? 'Hide' : 'Show'} sessions of the run of ${formatDateTime(entry.created_at)}`}
          className={cn(
            'rounded p-0.5 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100',
            'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
          )}
        >
          {expanded ? <ChevronDown className="h-4 w-4" /> : <ChevronRight className="h-4 w-4" />}
        </button>
        <div className="w-44 min-w-0">
          <p className="text-xs font-medium text-zinc-100" title={entry.created_at}>
            {formatDateTime(entry.created_at)}
          </p>
          <p className="flex items-center gap-1 text-2xs text-zinc-500">
            {entry.source === 'schedule' ? (
              <>
                <CalendarClock className="h-3 w-3 text-amber-400" aria-hidden /> Scheduled
                {entry.scheduled_for && (
                  <span title={entry.scheduled_for}> for {formatDateTime(entry.scheduled_for).slice(5)}</span>
                )}
              </>
            ) : (
              <>
                <User className="h-3 w-3" aria-hidden /> {entry.created_by_name}
              </>
            )}
          </p>
        </div>
        <Badge tone={entry.source === 'schedule' ? 'amber' : 'neutral'}>
          {entry.source === 'schedule' ? 'schedule' : 'manual'}
        </Badge>
        <div className="flex min-w-0 flex-1 items-center gap-3">
          <ProgressBar
            value={entry.completed}
            max={entry.total}
            label={`${entry.completed} of ${entry.total} completed`}
            className="flex-1"
          />
          <span
            className={
              done
                ? 'text-xs font-semibold tabular-nums text-emerald-400'
                : 'text-xs font-semibold tabular-nums text-zinc-200'
            }
            data-testid="batch-progress"
          >
            {entry.completed}/{entry.total}
          </span>
          {entry.in_progress > 0 && (
            <span className="whitespace-nowrap text-2xs text-sky-400">{entry.in_progress} in progress</span>
          )}
        </div>
        <Link
          className="inline-flex items-center gap-1 text-2xs text-zinc-400 hover:text-zinc-100"
          to={paths.app.sessions.getHref({ batch_id: entry.batch_id })}
        >
          <ExternalLink className="h-3 w-3" aria-hidden />
          Sessions
        </Link>
        <Button
          size="xs"
          variant="ghost"
          loading={download.isPending}
          aria-label={`Download CSV report of the run of ${formatDateTime(entry.created_at)}`}
          onClick={() => download.mutate({ batchId: entry.batch_id, filename: `${safeName}-${date}-report.csv` })}
        >
          {!download.isPending && <Download className="h-3 w-3" aria-hidden />}
          CSV
        </Button>
      </div>
      {expanded && (
        <div className="border-t border-zinc-800">
          <BatchSessions batchId={entry.batch_id} />
        </div>
      )}
    </li>
  );
}

function MissedRow({ entry }: { entry: MissedEntry }) {
  const range =
    entry.missed_count > 1
      ? `${formatDateTime(entry.first_missed_at)} – ${formatDateTime(entry.last_missed_at)}`
      : formatDateTime(entry.first_missed_at);
  return (
    <li
      className="flex items-center gap-3 rounded-md border border-amber-900/60 bg-amber-950/20 px-3 py-2 text-xs"
      data-testid="missed-row"
    >
      <AlertTriangle className="h-4 w-4 text-amber-400" aria-hidden />
      <span className="font-semibold text-amber-300">missed ×{entry.missed_count}</span>
      <span className="text-zinc-400">{range}</span>
      <span className="ml-auto text-2xs text-zinc-500">
        The server was down; only runs within the grace period are caught up. Recorded{' '}
        {formatRelative(entry.created_at)}.
      </span>
    </li>
  );
}

function skippedReason(entry: SkippedEntry): string {
  const targets = plural(entry.total, { one: 'target', other: 'targets' });
  if (entry.reason === 'quota')
    return `Not created: the team had reached its session quota (${targets}). Runs resume at the next occurrence.`;
  if (entry.reason === 'batch_limit')
    return `Not created: the target list had ${targets}, more than one batch takes. Split the list.`;
  return `Not created (${entry.reason}, ${targets}).`;
}

function SkippedRow({ entry }: { entry: SkippedEntry }) {
  const when = entry.scheduled_for ?? entry.created_at;
  return (
    <li
      className="flex items-center gap-3 rounded-md border border-red-900/60 bg-red-950/20 px-3 py-2 text-xs"
      data-testid="skipped-row"
    >
      <Ban className="h-4 w-4 text-red-400" aria-hidden />
      <span className="font-semibold text-red-300">skipped</span>
      <span className="text-zinc-400" title={when}>
        {formatDateTime(when)}
      </span>
      <span className="ml-auto text-2xs text-zinc-500">{skippedReason(entry)}</span>
    </li>
  );
}

/** Runs shown at first and added per "Show older runs": a long-lived schedule has thousands. */
const HISTORY_STEP = 30;

type RunHistoryProps = {
  treeId: string;
  treeName: string;
  /** Expand this batch (e.g. the one just launched). */
  highlight?: string | null;
};

export function RunHistory({ treeId, treeName, highlight }: RunHistoryProps) {
  const history = useHistory(treeId);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState(HISTORY_STEP);

  // A newly highlighted batch opens (adjusting state while rendering, not in an effect).
  const [shownHighlight, setShownHighlight] = useState<string | null | undefined>(undefined);
  if (highlight !== shownHighlight) {
    setShownHighlight(highlight);
    if (highlight) setExpanded((s) => new Set(s).add(highlight));
  }

  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section aria-labelledby="history-heading" className="space-y-2">
      <h2 id="history-heading" className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
        <History className="h-4 w-4 text-zinc-400" aria-hidden />
        Run history
        {history.isFetching && !history.isPending && (
          <span className="text-2xs font-normal text-zinc-500">refreshing…</span>
        )}
      </h2>
      <QueryBoundary
        query={history}
        loadingLabel="Loading run history"
        error={<EmptyState title="The run history could not be loaded" />}
        isEmpty={(entries) => entries.length === 0}
        empty={
          <EmptyState icon={<History className="h-6 w-6" />} title="No runs yet">
            Launch a batch, or set a schedule to create them automatically.
          </EmptyState>
        }
      >
        {(entries) => (
          <>
            <ul className="space-y-1.5" aria-label="Runs">
              {entries
                .slice(0, shown)
                .map((entry) =>
                  entry.kind === 'missed' ? (
                    <MissedRow key={entry.id} entry={entry} />
                  ) : entry.kind === 'skipped' ? (
                    <SkippedRow key={entry.id} entry={entry} />
                  ) : (
                    <BatchRow
                      key={entry.batch_id}
                      entry={entry}
                      treeName={treeName}
                      expanded={expanded.has(entry.batch_id)}
                      onToggle={() => toggle(entry.batch_id)}
                    />
                  ),
                )}
            </ul>
            {entries.length > shown && (
              <div className="flex items-center justify-center gap-3 py-1 text-xs text-zinc-500">
                <span>
                  Showing {shown} of {entries.length} entries
                </span>
                <Button size="sm" variant="outline" onClick={() => setShown((n) => n + HISTORY_STEP)}>
                  Show older runs
                </Button>
              </div>
            )}
          </>
        )}
      </QueryBoundary>
    </section>
  );
}
