import { CircleHelp, Flag, Play } from 'lucide-react';
import type { Tree } from '@/types/api';
import { isDecision, normalizeStructure } from '../lib/structure';
import { ContentTypeIcon } from '@/components/content-type-icon';

/** A read-only outline of a flow: its steps, or its nodes with where each answer leads. */
export function FlowOutline({ tree }: { tree: Tree }) {
  const structure = normalizeStructure(tree.tree_type, tree.tree_structure);
  if (!isDecision(structure)) {
    return (
      <ol className="space-y-1.5" aria-label="Steps">
        {structure.steps.map((step, i) => (
          <li key={step.id} className="flex gap-2 rounded-md border border-zinc-800 bg-zinc-900/50 px-3 py-2">
            <span className="w-5 shrink-0 text-right text-xs tabular-nums text-zinc-500">{i + 1}.</span>
            <ContentTypeIcon type={step.content_type} className="mt-0.5 h-3.5 w-3.5 shrink-0" />
            <div className="min-w-0">
              <p className="text-sm text-zinc-100">{step.title}</p>
              {step.description && (
                <p className="mt-0.5 whitespace-pre-wrap text-xs text-zinc-400">{step.description}</p>
              )}
            </div>
          </li>
        ))}
      </ol>
    );
  }
  const titles = new Map(structure.nodes.map((n) => [n.id, n.title]));
  return (
    <ol className="space-y-1.5" aria-label="Nodes">
      {structure.nodes.map((node) => (
        <li key={node.id} className="rounded-md border border-zinc-800 bg-zinc-900/50 px-3 py-2">
          <p className="flex items-center gap-2 text-sm text-zinc-100">
            {node.type === 'solution' ? (
              <Flag className="h-3.5 w-3.5 text-emerald-400" aria-hidden />
            ) : node.type === 'action' ? (
              <Play className="h-3.5 w-3.5 text-sky-400" aria-hidden />
            ) : (
              <CircleHelp className="h-3.5 w-3.5 text-violet-400" aria-hidden />
            )}
            {node.title}
            {node.id === structure.root && <span className="text-2xs text-violet-300">(start)</span>}
          </p>
          {node.answers.length > 0 && (
            <ul className="mt-1 space-y-0.5 pl-6 text-xs text-zinc-400">
              {node.answers.map((a, i) => (
                <li key={i}>
                  {a.label} → <span className="text-zinc-300">{titles.get(a.next) ?? a.next}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
