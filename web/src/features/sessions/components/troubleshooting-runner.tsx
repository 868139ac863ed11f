import { CircleHelp, Flag, Play, Undo2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { AnswerDecision, DecisionNode, DecisionStructure } from '@/types/api';
import { decisionTrail } from '../lib/progress';
import type { Progress } from './session-runner';

type TroubleshootingRunnerProps = {
  structure: DecisionStructure;
  progress: Progress;
  onChange: (patch: Partial<Progress>) => void;
  readOnly: boolean;
};

function NodeIcon({ node }: { node: DecisionNode }) {
  if (node.type === 'solution') return <Flag className="h-4 w-4 text-emerald-400" aria-hidden />;
  if (node.type === 'action') return <Play className="h-4 w-4 text-sky-400" aria-hidden />;
  return <CircleHelp className="h-4 w-4 text-violet-400" aria-hidden />;
}

/** Answer question after question until a solution; earlier answers can be changed. */
export function TroubleshootingRunner({ structure, progress, onChange, readOnly }: TroubleshootingRunnerProps) {
  const byId = new Map(structure.nodes.map((n) => [n.id, n]));
  const trail = decisionTrail(structure, progress.path_taken, progress.decisions);
  const current = trail.at(-1);
  const node = current ? byId.get(current.nodeId) : undefined;

  const answer = (index: number) => {
    if (!node) return;
    const a = node.answers[index];
    if (!a) return;
    const decisions = { ...progress.decisions, [node.id]: { answer: index, label: a.label } satisfies AnswerDecision };
    const base = progress.path_taken.length ? progress.path_taken : [node.id];
    onChange({ decisions, path_taken: [...base, a.next] });
  };

  /** Go back to an earlier node: the walk after it, and its answers, are dropped. */
  const backTo = (position: number) => {
    const path_taken = trail.slice(0, position + 1).map((t) => t.nodeId);
    const decisions = { ...progress.decisions };
    for (const t of trail.slice(position)) delete decisions[t.nodeId];
    onChange({ path_taken, decisions });
  };

  if (!node) {
    return <p className="text-sm text-red-300">This session’s decision tree has no start node.</p>;
  }

  return (
    <div className="space-y-4">
      {trail.length > 1 && (
        <ol className="space-y-1" aria-label="Answers so far">
          {trail.slice(0, -1).map((entry, i) => {
            const n = byId.get(entry.nodeId);
            return (
              <li
                key={`${entry.nodeId}-${i}`}
                className="flex items-center gap-2 rounded border border-zinc-800 bg-zinc-900/40 px-3 py-1.5 text-xs"
              >
                {n && <NodeIcon node={n} />}
                <span className="text-zinc-300">{n?.title ?? entry.nodeId}</span>
                <span className="text-zinc-600">→</span>
                <span className="font-medium text-sky-300">{entry.answer?.label ?? '—'}</span>
                {!readOnly && (
                  <button
                    type="button"
                    onClick={() => backTo(i)}
                    className="ml-auto inline-flex items-center gap-1 text-2xs text-zinc-500 hover:text-zinc-200"
                  >
                    <Undo2 className="h-3 w-3" aria-hidden />
                    Change
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}

      <section
        aria-label="Current step"
        className={
          node.type === 'solution'
            ? 'rounded-lg border border-emerald-800 bg-emerald-950/30 p-4'
            : 'rounded-lg border border-sky-800 bg-sky-950/20 p-4'
        }
      >
        <p className="mb-1 text-2xs font-semibold uppercase tracking-wide text-zinc-500">
          {node.type === 'solution' ? 'Solution' : node.type === 'action' ? 'Action' : 'Question'}
        </p>
        <h2 className="flex items-center gap-2 text-base font-semibold text-zinc-100">
          <NodeIcon node={node} />
          {node.title}
        </h2>
        {node.description && <p className="mt-2 whitespace-pre-wrap text-sm text-zinc-300">{node.description}</p>}
        {node.type !== 'solution' && node.answers.length > 0 && !readOnly && (
          <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Answers">
            {node.answers.map((a, i) => (
              <Button key={i} variant="secondary" onClick={() => answer(i)}>
                {a.label}
              </Button>
            ))}
          </div>
        )}
        {node.type === 'solution' && (
          <p className="mt-3 text-xs text-emerald-300">
            {readOnly ? 'Solution reached.' : 'Solution reached. Add notes if needed, then complete the session.'}
          </p>
        )}
        {node.type !== 'solution' && node.answers.length === 0 && (
          <p className="mt-3 text-xs text-zinc-400">This node has no answers: the tree ends here.</p>
        )}
      </section>
    </div>
  );
}
