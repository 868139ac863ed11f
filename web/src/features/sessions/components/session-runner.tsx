import { AlertTriangle, CheckCircle2, CloudOff, Loader2, RotateCw } from 'lucide-react';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { StatusBadge } from '@/components/status-badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Textarea } from '@/components/ui/input';
import { ProgressBar } from '@/components/ui/progress-bar';
import { paths } from '@/config/paths';
import { isDecision, normalizeStructure } from '@/lib/flow-structure';
import { cn, formatDateTime, plural } from '@/lib/utils';
import type { AnswerDecision, CustomStep, Session, StepDecision } from '@/types/api';
import { useCompleteSession } from '../api/complete-session';
import { useSessions } from '../api/get-sessions';
import { useProgressSaver } from '../hooks/use-progress-saver';
import { isStepDecision, mergeSteps, nextOpenStep } from '../lib/progress';
import { useRunnerStore } from '../stores/runner-store';
import { ProcedureRunner } from './procedure-runner';
import { TroubleshootingRunner } from './troubleshooting-runner';

/** The progress fields of a session as the runner edits them. */
export type Progress = {
  path_taken: string[];
  decisions: Record<string, StepDecision | AnswerDecision>;
  custom_steps: CustomStep[];
  notes: string;
};

function SaveIndicator({ onRetry }: { onRetry: () => void }) {
  const saveState = useRunnerStore((s) => s.saveState);
  if (saveState === 'saving')
    return (
      <span className="inline-flex items-center gap-1 text-2xs text-zinc-400" role="status">
        <Loader2 className="h-3 w-3 animate-spin" aria-hidden /> Saving…
      </span>
    );
  if (saveState === 'saved')
    return (
      <span className="inline-flex items-center gap-1 text-2xs text-zinc-500" role="status">
        <CheckCircle2 className="h-3 w-3 text-emerald-500" aria-hidden /> Saved
      </span>
    );
  if (saveState === 'error')
    return (
      <span className="inline-flex items-center gap-1 text-2xs text-red-400" role="status">
        <CloudOff className="h-3 w-3" aria-hidden /> Not saved
        <button type="button" onClick={onRetry} className="ml-1 inline-flex items-center gap-0.5 underline">
          <RotateCw className="h-3 w-3" aria-hidden /> Retry
        </button>
      </span>
    );
  return null;
}

export function SessionRunner({ session, canWrite }: { session: Session; canWrite: boolean }) {
  const navigate = useNavigate();
  const structure = useMemo(() => normalizeStructure(undefined, session.tree_snapshot), [session.tree_snapshot]);
  const [progress, setProgress] = useState<Progress>(() => ({
    path_taken: Array.isArray(session.path_taken) ? session.path_taken : [],
    decisions: session.decisions && typeof session.decisions === 'object' ? session.decisions : {},
    custom_steps: Array.isArray(session.custom_steps) ? session.custom_steps : [],
    notes: session.notes ?? '',
  }));
  const saver = useProgressSaver(session.id);
  const complete = useCompleteSession();
  const openRunner = useRunnerStore((s) => s.open);
  const [confirming, setConfirming] = useState(false);
  const completed = session.status === 'completed';
  const readOnly = completed || !canWrite;

  const runSteps = useMemo(
    () => (isDecision(structure) ? [] : mergeSteps(structure.steps, progress.custom_steps)),
    [structure, progress.custom_steps],
  );

  // On opening (or reloading), focus the first step that has no decision yet.
  // Only when another session is opened: the effect event reads the progress as it is then.
  const focusFirstOpen = useEffectEvent((sessionId: string) =>
    openRunner(sessionId, isDecision(structure) ? null : nextOpenStep(runSteps, progress.decisions)),
  );
  useEffect(() => focusFirstOpen(session.id), [session.id]);

  const change = (patch: Partial<Progress>) => {
    setProgress((p) => ({ ...p, ...patch }));
    const { notes: _notes, ...rest } = patch;
    if (Object.keys(rest).length) saver.save(rest);
  };

  // Notes are saved once typing pauses, not on every key.
  const notesTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const changeNotes = (notes: string) => {
    setProgress((p) => ({ ...p, notes }));
    clearTimeout(notesTimer.current);
    notesTimer.current = setTimeout(() => saver.save({ notes }), 700);
  };
  const flushNotes = () => {
    if (notesTimer.current) {
      clearTimeout(notesTimer.current);
      notesTimer.current = undefined;
      saver.save({ notes: progress.notes });
    }
  };
  useEffect(() => () => clearTimeout(notesTimer.current), []);

  let resolved = 0;
  let total = 0;
  let atSolution = false;
  if (isDecision(structure)) {
    const last = progress.path_taken.at(-1) ?? structure.root;
    atSolution = structure.nodes.find((n) => n.id === last)?.type === 'solution';
  } else {
    total = runSteps.length;
    resolved = runSteps.filter((s) => isStepDecision(progress.decisions[s.id])).length;
  }
  const open = total - resolved;

  const doComplete = async () => {
    flushNotes();
    await saver.settled();
    if (saver.hasUnsaved()) return; // the failure was already shown; do not complete on a stale state
    complete.mutate(session.id, { onSuccess: () => setConfirming(false) });
  };

  const requestComplete = () => {
    if ((!isDecision(structure) && open > 0) || (isDecision(structure) && !atSolution)) setConfirming(true);
    else void doComplete();
  };

  const nextInBatch = useSessions(
    { batch_id: session.batch_id ?? undefined, status: 'not_started', size: 5 },
    { enabled: Boolean(session.batch_id) && completed },
  );
  const next = session.batch_id && completed ? nextInBatch.data?.items.find((s) => s.id !== session.id) : undefined;

  const backHref = session.batch_id
    ? paths.app.maintenance.getHref(session.tree_id)
    : paths.app.flow.getHref(session.tree_id);

  return (
    <ContentLayout
      breadcrumb={
        <span className="flex items-center gap-1">
          <Link
            className="hover:text-zinc-300"
            to={paths.app.sessions.getHref(session.batch_id ? { batch_id: session.batch_id } : {})}
          >
            Sessions
          </Link>
          <span>/</span>
          <Link className="hover:text-zinc-300" to={backHref}>
            {session.tree_name}
          </Link>
        </span>
      }
      title={
        <span className="flex items-center gap-2">
          {session.target_label ? (
            <>
              <span data-testid="session-target">{session.target_label}</span>
              <span className="text-sm font-normal text-zinc-500">· {session.tree_name}</span>
            </>
          ) : (
            session.tree_name
          )}
        </span>
      }
      subtitle={
        <span className="flex items-center gap-2">
          <StatusBadge status={session.status} />
          <span>
            started {formatDateTime(session.started_at)} by {session.user_name}
          </span>
          {session.completed_at && <span>· completed {formatDateTime(session.completed_at)}</span>}
          {session.target_notes && <span className="text-zinc-500">· {session.target_notes}</span>}
        </span>
      }
      actions={
        <>
          {!readOnly && <SaveIndicator onRetry={saver.retry} />}
          {!completed && canWrite && (
            <Button variant="primary" size="sm" onClick={requestComplete} loading={complete.isPending}>
              <CheckCircle2 className="h-3.5 w-3.5" aria-hidden />
              Complete session
            </Button>
          )}
        </>
      }
    >
      <div className="grid grid-cols-[minmax(0,1fr)_20rem] gap-6">
        <div className="space-y-3">
          {completed && (
            <div
              role="status"
              className={cn(
                'flex items-center gap-3 rounded-md border border-emerald-900 bg-emerald-950/30',
                'px-3 py-2 text-xs text-emerald-300',
              )}
            >
              <CheckCircle2 className="h-4 w-4" aria-hidden />
              <span>This session is completed; its record is read-only.</span>
              {next && (
                <Button
                  size="xs"
                  variant="primary"
                  className="ml-auto"
                  onClick={() => void navigate(paths.app.session.getHref(next.id))}
                >
                  Next target: {next.target_label}
                </Button>
              )}
            </div>
          )}
          {isDecision(structure) ? (
            <TroubleshootingRunner structure={structure} progress={progress} onChange={change} readOnly={readOnly} />
          ) : (
            <ProcedureRunner steps={structure.steps} progress={progress} onChange={change} readOnly={readOnly} />
          )}
        </div>
        <aside className="space-y-4">
          {!isDecision(structure) && (
            <div className="panel space-y-2 p-3">
              <div className="flex items-center justify-between text-xs">
                <span className="text-zinc-400">Progress</span>
                <span className="tabular-nums text-zinc-200" data-testid="runner-progress">
                  {resolved}/{total}
                </span>
              </div>
              <ProgressBar value={resolved} max={total} label="Steps resolved" />
            </div>
          )}
          <div className="panel space-y-1.5 p-3">
            <label htmlFor="session-notes" className="text-xs font-medium text-zinc-400">
              Session notes
            </label>
            <Textarea
              id="session-notes"
              rows={8}
              value={progress.notes}
              readOnly={readOnly}
              maxLength={20000}
              onChange={(e) => changeNotes(e.target.value)}
              onBlur={flushNotes}
              placeholder="Findings, ticket numbers, follow-ups"
              className="text-xs"
            />
          </div>
          {session.batch_id && (
            <Link className="link block text-xs" to={paths.app.maintenance.getHref(session.tree_id)}>
              ← Run history of {session.tree_name}
            </Link>
          )}
        </aside>
      </div>
      <ConfirmDialog
        open={confirming}
        tone="primary"
        title="Complete this session?"
        body={
          isDecision(structure) ? (
            <p>No solution has been reached yet. Complete the session anyway?</p>
          ) : (
            <p>
              {plural(open, { one: 'step is', other: 'steps are' })} neither done nor skipped. Complete the session
              anyway?
            </p>
          )
        }
        confirmLabel="Complete"
        loading={complete.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => void doComplete()}
      />
      {!canWrite && !completed && (
        <p className="mt-4 flex items-center gap-1.5 text-xs text-amber-300">
          <AlertTriangle className="h-3.5 w-3.5" aria-hidden /> Viewers can follow sessions but not change them.
        </p>
      )}
    </ContentLayout>
  );
}
