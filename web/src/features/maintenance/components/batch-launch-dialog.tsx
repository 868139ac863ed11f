import { useQuery } from '@tanstack/react-query';
import { FileSpreadsheet, History, ListPlus, Rocket, Target as TargetIcon } from 'lucide-react';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { CsvImport } from '@/components/csv-import';
import { TargetLinesInput } from '@/components/target-lines-input';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/field';
import { Select } from '@/components/ui/input';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Spinner } from '@/components/ui/spinner';
import { Tabs, type TabItem } from '@/components/ui/tabs';
import { toast } from '@/components/ui/toast';
import { ApiError, errorMessage } from '@/lib/api-client';
import { targetListKeys } from '@/lib/query-keys';
import { dedupeTargets, parseTargetLines, summarizeTargets } from '@/lib/targets';
import { formatDateTime, plural } from '@/lib/utils';
import type { BatchCreated, BatchEntry, Target } from '@/types/api';
import { useCreateBatch } from '../api/create-batch';
import { useBatch } from '../api/get-batch';
import { useHistory } from '../api/get-history';

/** A saved list as the picker shows it; its targets are loaded when it is chosen. */
export type SavedTargetList = { id: string; name: string; target_count: number };

/** Loads one saved list with its targets (`GET /target-lists/{id}`). */
export type SavedListLoader = (
  id: string,
  signal?: AbortSignal,
) => Promise<{ targets: { label: string; notes?: string | null }[] }>;

type Source = 'manual' | 'saved' | 'previous' | 'csv';

const TABS: readonly TabItem<Source>[] = [
  { key: 'manual', label: 'Manual entry', icon: <ListPlus className="h-3.5 w-3.5" aria-hidden /> },
  { key: 'saved', label: 'Saved list', icon: <TargetIcon className="h-3.5 w-3.5" aria-hidden /> },
  { key: 'previous', label: 'Previous run', icon: <History className="h-3.5 w-3.5" aria-hidden /> },
  { key: 'csv', label: 'Import CSV', icon: <FileSpreadsheet className="h-3.5 w-3.5" aria-hidden /> },
];

const MAX_BATCH = 1000;

type BatchLaunchDialogProps = {
  open: boolean;
  onClose: () => void;
  treeId: string;
  treeName: string;
  targetLists: SavedTargetList[];
  targetListsLoading?: boolean;
  /**
   * Fetches the chosen list's targets; cached under the target lists' detail key, so an edit
   * elsewhere refreshes it.
   */
  loadTargetList: SavedListLoader;
  onLaunched?: (batch: BatchCreated) => void;
};

function cleanTargets(targets: { label: string; notes?: string | null }[]): Target[] {
  return targets.map((t) => (t.notes ? { label: t.label, notes: t.notes } : { label: t.label }));
}

function PreviousRun({ batches, onTargets }: { batches: BatchEntry[]; onTargets: (t: Target[]) => void }) {
  const [batchId, setBatchId] = useState<string>(batches[0]?.batch_id ?? '');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const batch = useBatch(batchId || null);
  const targets = useMemo(() => {
    const sessions = batch.data?.sessions ?? [];
    return cleanTargets(
      sessions
        .filter((s) => !onlyOpen || s.status !== 'completed')
        .map((s) => ({ label: s.target_label, notes: s.target_notes })),
    );
  }, [batch.data, onlyOpen]);
  // Report the selection upward whenever it changes.
  const report = useEffectEvent((next: Target[]) => onTargets(next));
  useEffect(() => report(targets), [targets]);

  if (batches.length === 0) return <p className="text-xs text-zinc-500">This flow has no previous runs.</p>;
  return (
    <div className="space-y-3">
      <div className="flex items-end gap-3">
        <div className="flex-1 space-y-1">
          <label htmlFor="previous-batch" className="block text-xs font-medium text-zinc-400">
            Run
          </label>
          <Select id="previous-batch" value={batchId} onChange={(e) => setBatchId(e.target.value)} className="text-xs">
            {batches.map((b) => (
              <option key={b.batch_id} value={b.batch_id}>
                {formatDateTime(b.created_at)} — {b.source === 'schedule' ? 'scheduled' : b.created_by_name} —{' '}
                {b.completed}/{b.total} completed
              </option>
            ))}
          </Select>
        </div>
        <label className="flex items-center gap-1.5 pb-1.5 text-xs text-zinc-300">
          <input
            type="checkbox"
            checked={onlyOpen}
            onChange={(e) => setOnlyOpen(e.target.checked)}
            className="accent-sky-500"
          />
          Only targets not completed
        </label>
      </div>
      {batch.isPending && batchId ? (
        <Spinner label="Loading the run's targets" />
      ) : (
        <TargetPreviewList targets={targets} />
      )}
    </div>
  );
}

function TargetPreviewList({ targets }: { targets: Target[] }) {
  if (targets.length === 0) return <p className="text-xs text-zinc-500">No targets.</p>;
  return (
    <ul className="max-h-40 overflow-y-auto rounded-md border border-zinc-800 text-xs">
      {targets.slice(0, 100).map((t, i) => (
        <li key={`${t.label}-${i}`} className="flex gap-2 border-b border-zinc-800/70 px-2.5 py-1 last:border-0">
          <span className="font-medium text-zinc-100">{t.label}</span>
          {t.notes && <span className="truncate text-zinc-500">{t.notes}</span>}
        </li>
      ))}
      {targets.length > 100 && <li className="px-2.5 py-1 text-zinc-500">… {targets.length - 100} more</li>}
    </ul>
  );
}

export function BatchLaunchDialog({
  open,
  onClose,
  treeId,
  treeName,
  targetLists,
  targetListsLoading,
  loadTargetList,
  onLaunched,
}: BatchLaunchDialogProps) {
  const [source, setSource] = useState<Source>('manual');
  // The parts that are typed or picked are form fields; the other sources report their targets.
  const form = useForm<{ manual: string; listId: string }>({ defaultValues: { manual: '', listId: '' } });
  const [manualText, listId] = useWatch({ control: form.control, name: ['manual', 'listId'] });
  const [previousTargets, setPreviousTargets] = useState<Target[]>([]);
  const [csvTargets, setCsvTargets] = useState<Target[]>([]);
  const history = useHistory(treeId);
  const createBatch = useCreateBatch();

  const manual = useMemo(() => parseTargetLines(manualText), [manualText]);
  const selectedList = targetLists.find((l) => l.id === listId);
  const savedList = useQuery({
    queryKey: targetListKeys.detail(listId),
    queryFn: ({ signal }) => loadTargetList(listId, signal),
    enabled: open && source === 'saved' && Boolean(listId),
    staleTime: 0,
  });
  const savedTargets = useMemo(() => (savedList.data ? cleanTargets(savedList.data.targets) : []), [savedList.data]);
  const batches = (history.data ?? []).filter((e): e is BatchEntry => e.kind === 'batch');

  const targets: Target[] = useMemo(() => {
    switch (source) {
      case 'manual':
        return manual.targets;
      case 'saved':
        return selectedList ? dedupeTargets(savedTargets) : [];
      case 'previous':
        return dedupeTargets(previousTargets);
      case 'csv':
        return dedupeTargets(csvTargets);
    }
  }, [source, manual, selectedList, savedTargets, previousTargets, csvTargets]);

  const blocked =
    (source === 'manual' && manual.errors.length > 0) || targets.length === 0 || targets.length > MAX_BATCH;

  const close = () => {
    form.clearErrors();
    onClose();
  };

  const launch = form.handleSubmit(() =>
    createBatch.mutate(
      { tree_id: treeId, targets },
      {
        onSuccess: (batch) => {
          toast.success(`Launched ${plural(batch.count, { one: 'session', other: 'sessions' })}`, treeName);
          form.setValue('manual', '');
          onLaunched?.(batch);
          onClose();
        },
        onError: (err) => {
          // A 422 names targets by index ("targets.3.label"): say which target, by its label.
          let message = errorMessage(err);
          if (err instanceof ApiError && err.issues.length) {
            message = err.issues
              .slice(0, 3)
              .map((issue) => {
                const index = issue.loc.find((p) => typeof p === 'number');
                const target = typeof index === 'number' ? targets[index] : undefined;
                return target ? `Target ${index! + 1} (${target.label}): ${issue.msg}` : issue.msg;
              })
              .join('; ');
          }
          form.setError('root.server', { type: 'server', message });
          toast.error('The batch was not launched', message);
        },
      },
    ),
  );

  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title="Batch launch"
      description={`One session of “${treeName}” per target, created together.`}
      footer={
        <>
          <p className="mr-auto min-w-0 truncate text-xs text-zinc-300" role="status" data-testid="batch-summary">
            {targets.length > MAX_BATCH
              ? `Too many targets: ${targets.length} (at most ${MAX_BATCH})`
              : summarizeTargets(targets)}
          </p>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button variant="amber" onClick={() => void launch()} disabled={blocked} loading={createBatch.isPending}>
            <Rocket className="h-3.5 w-3.5" aria-hidden />
            Launch {targets.length > 0 ? targets.length : ''}
          </Button>
        </>
      }
    >
      <Tabs items={TABS} value={source} onChange={setSource} label="Where the targets come from">
        {source === 'manual' && (
          <Controller
            control={form.control}
            name="manual"
            render={({ field }) => (
              <TargetLinesInput value={field.value} onChange={field.onChange} parsed={manual} autoFocus />
            )}
          />
        )}
        {source === 'saved' &&
          (targetListsLoading ? (
            <Spinner label="Loading target lists" />
          ) : targetLists.length === 0 ? (
            <p className="text-xs text-zinc-500">
              No saved target lists yet. Create them under Account → Target Lists.
            </p>
          ) : (
            <div className="space-y-3">
              <div className="space-y-1">
                <label htmlFor="batch-saved-list" className="block text-xs font-medium text-zinc-400">
                  Target list
                </label>
                <Select id="batch-saved-list" className="text-xs" {...form.register('listId')}>
                  <option value="">— choose a list —</option>
                  {targetLists.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name} ({l.target_count})
                    </option>
                  ))}
                </Select>
              </div>
              {selectedList && (
                <QueryBoundary
                  query={savedList}
                  loadingLabel={`Loading the ${selectedList.target_count} targets of “${selectedList.name}”`}
                  error={(error) => (
                    <p role="alert" className="text-xs text-red-300">
                      The targets of “{selectedList.name}” could not be loaded: {errorMessage(error)}
                    </p>
                  )}
                >
                  {() => <TargetPreviewList targets={savedTargets} />}
                </QueryBoundary>
              )}
            </div>
          ))}
        {source === 'previous' &&
          (history.isPending ? (
            <Spinner label="Loading previous runs" />
          ) : (
            <PreviousRun batches={batches} onTargets={setPreviousTargets} />
          ))}
        {source === 'csv' && <CsvImport onTargets={setCsvTargets} />}
      </Tabs>
      <FormAlert className="mt-3" message={form.formState.errors.root?.server?.message} />
    </Dialog>
  );
}
