import { AlertCircle, CalendarClock, Info, Loader2 } from 'lucide-react';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/utils';
import { useCronPreview } from '../api/preview-cron';

/** The parser's own words for a refused expression (the 422's first message). */
export function previewErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.issues.length) return error.issues.map((i) => i.msg).join('; ');
    if (typeof error.detail === 'string') return error.detail;
  }
  return error instanceof Error ? error.message : 'The expression could not be checked';
}

type CronPreviewProps = {
  cron: string;
  timezone: string;
  /** Debounce in ms before asking the server (tests pass 0). */
  delay?: number;
};

/**
 * What a cron expression means and when it will next run, live from the server's cron
 * engine (the same one that fires the schedule), asked once typing pauses.
 */
export function CronPreview({ cron, timezone, delay = 350 }: CronPreviewProps) {
  const debouncedCron = useDebouncedValue(cron.trim(), delay);
  const debouncedZone = useDebouncedValue(timezone, delay);
  const preview = useCronPreview(debouncedCron, debouncedZone);
  const typing = debouncedCron !== cron.trim() || debouncedZone !== timezone;

  if (!cron.trim()) {
    return (
      <div
        className="rounded-md border border-dashed border-zinc-800 px-3 py-2 text-xs text-zinc-500"
        data-testid="cron-preview"
        data-state="empty"
      >
        Enter a cron expression, e.g. <span className="kbd">0 9 15 * *</span> for 09:00 on the 15th.
      </div>
    );
  }

  if (preview.isError && !typing && !preview.isFetching) {
    return (
      <div
        role="alert"
        className="flex items-start gap-2 rounded-md border border-red-900 bg-red-950/40 px-3 py-2 text-xs text-red-300"
        data-testid="cron-preview"
        data-state="error"
      >
        <AlertCircle className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
        <span>{previewErrorMessage(preview.error)}</span>
      </div>
    );
  }

  if (!preview.data) {
    return (
      <div
        className="flex items-center gap-2 rounded-md border border-zinc-800 px-3 py-2 text-xs text-zinc-400"
        data-testid="cron-preview"
        data-state="loading"
        role="status"
      >
        <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden /> Checking the expression…
      </div>
    );
  }

  const stale = typing || preview.isPlaceholderData || preview.isFetching;
  const { description, next_runs: runs, notes = [] } = preview.data;

  return (
    <div
      className="space-y-2 rounded-md border border-zinc-800 bg-zinc-950/60 px-3 py-2"
      data-testid="cron-preview"
      data-state={stale ? 'loading' : 'valid'}
      aria-busy={stale || undefined}
    >
      <p className="flex items-center gap-2 text-xs font-medium text-zinc-100">
        <CalendarClock className="h-3.5 w-3.5 text-sky-400" aria-hidden />
        <span data-testid="cron-description">{description}</span>
        {stale && <Loader2 className="ml-auto h-3 w-3 animate-spin text-zinc-500" aria-label="Updating" />}
      </p>
      <div>
        <p className="text-2xs uppercase tracking-wide text-zinc-500">
          Next {runs.length} runs ({debouncedZone})
        </p>
        <ol
          className="mt-1 space-y-0.5 font-mono text-2xs text-zinc-300"
          aria-label="Next runs"
          data-testid="next-runs"
        >
          {runs.map((run) => (
            <li key={run} title={`${run} (UTC)`}>
              {formatDateTime(run, debouncedZone)}
            </li>
          ))}
        </ol>
      </div>
      {notes.length > 0 && (
        <ul className="space-y-0.5">
          {notes.map((note) => (
            <li key={note} className="flex items-start gap-1.5 text-2xs text-amber-300">
              <Info className="mt-px h-3 w-3 shrink-0" aria-hidden />
              {note}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
