import { Check, CheckCircle2, Plus, RotateCcw, SkipForward } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { ContentTypeIcon } from '@/components/content-type-icon';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input, Textarea } from '@/components/ui/input';
import { cn, shortId } from '@/lib/utils';
import type { CustomStep, ProcedureStep, StepDecision } from '@/types/api';
import { isStepDecision, mergeSteps, nextOpenStep } from '../lib/progress';
import { useRunnerStore } from '../stores/runner-store';
import type { Progress } from './session-runner';

type ProcedureRunnerProps = {
  steps: ProcedureStep[];
  progress: Progress;
  onChange: (patch: Partial<Progress>) => void;
  readOnly: boolean;
};

export function ProcedureRunner({ steps, progress, onChange, readOnly }: ProcedureRunnerProps) {
  const runSteps = useMemo(() => mergeSteps(steps, progress.custom_steps), [steps, progress.custom_steps]);
  const currentId = useRunnerStore((s) => s.currentStepId);
  const setCurrent = useRunnerStore((s) => s.setCurrentStep);
  const [note, setNote] = useState('');
  const [adding, setAdding] = useState(false);
  const [customTitle, setCustomTitle] = useState('');
  const [customDescription, setCustomDescription] = useState('');

  const decisionOf = (id: string): StepDecision | undefined => {
    const d = progress.decisions[id];
    return isStepDecision(d) ? d : undefined;
  };

  // The note box shows the note already saved for the step in focus (set while rendering
  // when the focus moves, not in an effect).
  const [noteFor, setNoteFor] = useState<string | null | undefined>(undefined);
  if (noteFor !== currentId) {
    setNoteFor(currentId);
    setNote(currentId ? (decisionOf(currentId)?.note ?? '') : '');
  }

  const mark = (stepId: string, status: StepDecision['status']) => {
    const decision: StepDecision = note.trim() ? { status, note: note.trim() } : { status };
    const decisions = { ...progress.decisions, [stepId]: decision };
    const path_taken = [...progress.path_taken.filter((id) => id !== stepId), stepId];
    // The server changes only the fields a PATCH names: send custom_steps only when a custom
    // step changed, so a colleague adding one at the same moment keeps theirs.
    const isCustom = progress.custom_steps.some((c) => c.id === stepId);
    const custom_steps = progress.custom_steps.map((c) => (c.id === stepId ? { ...c, status } : c));
    onChange(isCustom ? { decisions, path_taken, custom_steps } : { decisions, path_taken });
    const index = runSteps.findIndex((s) => s.id === stepId);
    setCurrent(nextOpenStep(runSteps, decisions, index));
  };

  const undo = (stepId: string) => {
    const decisions = { ...progress.decisions };
    delete decisions[stepId];
    const isCustom = progress.custom_steps.some((c) => c.id === stepId);
    onChange({
      decisions,
      path_taken: progress.path_taken.filter((id) => id !== stepId),
      ...(isCustom
        ? {
            custom_steps: progress.custom_steps.map((c) =>
              c.id === stepId
                ? {
                    id: c.id,
                    title: c.title,
                    ...(c.description ? { description: c.description } : {}),
                    ...(c.after ? { after: c.after } : {}),
                  }
                : c,
            ),
          }
        : {}),
    });
    setCurrent(stepId);
  };

  const addCustom = (event: FormEvent) => {
    event.preventDefault();
    if (!customTitle.trim()) return;
    const after = currentId ?? runSteps.at(-1)?.id;
    const step: CustomStep = {
      id: shortId('custom'),
      title: customTitle.trim(),
      ...(customDescription.trim() ? { description: customDescription.trim() } : {}),
      ...(after ? { after } : {}),
    };
    onChange({ custom_steps: [...progress.custom_steps, step] });
    setCurrent(step.id);
    setCustomTitle('');
    setCustomDescription('');
    setAdding(false);
  };

  return (
    <div className="space-y-2">
      <ol className="space-y-1.5" aria-label="Procedure steps">
        {runSteps.map((step, index) => {
          const decision = decisionOf(step.id);
          const isCurrent = step.id === currentId && !readOnly;
          return (
            <li
              key={step.id}
              aria-label={`Step ${index + 1}: ${step.title}`}
              aria-current={isCurrent ? 'step' : undefined}
              data-status={decision?.status ?? 'open'}
              className={cn(
                'rounded-md border px-3 py-2 transition-colors',
                isCurrent ? 'border-sky-700 bg-sky-950/30' : 'border-zinc-800 bg-zinc-900/50',
                decision && !isCurrent && 'opacity-80',
              )}
            >
              <div className="flex items-start gap-2.5">
                <button
                  type="button"
                  onClick={() => !readOnly && setCurrent(step.id)}
                  className={cn(
                    'mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full border',
                    'text-2xs tabular-nums',
                    'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
                  )}
                  aria-label={`Focus step ${index + 1}`}
                  disabled={readOnly}
                >
                  {decision?.status === 'done' ? (
                    <Check className="h-3 w-3 text-emerald-400" aria-hidden />
                  ) : decision?.status === 'skipped' ? (
                    <SkipForward className="h-3 w-3 text-amber-400" aria-hidden />
                  ) : (
                    <span className="text-zinc-400">{index + 1}</span>
                  )}
                </button>
                <div className="min-w-0 flex-1">
                  <div className="flex items-center gap-2">
                    <ContentTypeIcon type={step.content_type} className="h-3.5 w-3.5 shrink-0" />
                    <button
                      type="button"
                      className={cn(
                        'text-left text-sm',
                        decision ? 'text-zinc-400' : 'text-zinc-100',
                        decision?.status === 'skipped' && 'line-through',
                      )}
                      onClick={() => !readOnly && setCurrent(step.id)}
                      disabled={readOnly}
                    >
                      {step.title}
                    </button>
                    {step.custom && <Badge>custom</Badge>}
                    {step.isEnd && <Badge tone="emerald">end</Badge>}
                    {step.content_type === 'warning' && <Badge tone="amber">warning</Badge>}
                    {decision && (
                      <Badge tone={decision.status === 'done' ? 'emerald' : 'amber'} className="ml-auto">
                        {decision.status === 'done' ? 'Done' : 'Skipped'}
                      </Badge>
                    )}
                  </div>
                  {(isCurrent || !decision) && step.description && (
                    <p className="mt-1 whitespace-pre-wrap text-xs text-zinc-400">{step.description}</p>
                  )}
                  {decision?.note && !isCurrent && (
                    <p className="mt-1 text-xs italic text-zinc-500">Note: {decision.note}</p>
                  )}
                  {isCurrent && (
                    <div className="mt-2 space-y-2">
                      <Textarea
                        aria-label={`Note for step ${index + 1}`}
                        placeholder="Note (what you saw, why you skipped)"
                        rows={2}
                        value={note}
                        onChange={(e) => setNote(e.target.value)}
                        className="text-xs"
                      />
                      <div className="flex items-center gap-2">
                        <Button size="sm" variant="primary" onClick={() => mark(step.id, 'done')}>
                          <CheckCircle2 className="h-3.5 w-3.5" aria-hidden />
                          Mark done
                        </Button>
                        <Button size="sm" variant="outline" onClick={() => mark(step.id, 'skipped')}>
                          <SkipForward className="h-3.5 w-3.5" aria-hidden />
                          Skip
                        </Button>
                        {decision && (
                          <Button size="sm" variant="ghost" onClick={() => undo(step.id)}>
                            <RotateCcw className="h-3.5 w-3.5" aria-hidden />
                            Reopen
                          </Button>
                        )}
                      </div>
                    </div>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {!readOnly &&
        (adding ? (
          <form
            onSubmit={addCustom}
            className="space-y-2 rounded-md border border-dashed border-zinc-700 p-3"
            aria-label="Add a custom step"
          >
            <Input
              aria-label="Custom step title"
              placeholder="What else had to be done"
              value={customTitle}
              onChange={(e) => setCustomTitle(e.target.value)}
              autoFocus
            />
            <Textarea
              aria-label="Custom step details"
              placeholder="Details (optional)"
              rows={2}
              value={customDescription}
              onChange={(e) => setCustomDescription(e.target.value)}
              className="text-xs"
            />
            <div className="flex gap-2">
              <Button type="submit" size="sm" variant="primary" disabled={!customTitle.trim()}>
                Add step
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setAdding(false)}>
                Cancel
              </Button>
              <span className="ml-auto self-center text-2xs text-zinc-500">Inserted after the step in focus</span>
            </div>
          </form>
        ) : (
          <Button size="sm" variant="outline" onClick={() => setAdding(true)}>
            <Plus className="h-3.5 w-3.5" aria-hidden />
            Add custom step
          </Button>
        ))}
    </div>
  );
}
