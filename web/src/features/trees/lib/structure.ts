// Pure helpers over flow structures: defaults for a new flow, new steps and nodes, and the
// checks the editor shows while you type (the server validates again on save).

import { isDecision } from '@/lib/flow-structure';
import { shortId } from '@/lib/utils';
import type { DecisionNode, DecisionStructure, NodeType, ProcedureStep, TreeStructure, TreeType } from '@/types/api';

export { isDecision, normalizeStructure } from '@/lib/flow-structure';

export function newStep(title = ''): ProcedureStep {
  return { id: shortId('step'), type: 'procedure_step', title, description: '', content_type: 'action' };
}

export function newNode(type: NodeType, title = ''): DecisionNode {
  return {
    id: shortId(type === 'solution' ? 'sol' : type === 'action' ? 'act' : 'q'),
    type,
    title,
    description: '',
    answers: [],
  };
}

export function defaultStructure(type: TreeType): TreeStructure {
  if (type === 'troubleshooting') {
    const solution = newNode('solution', '');
    const question = newNode('question', '');
    question.answers = [{ label: 'Yes', next: solution.id }];
    return { root: question.id, nodes: [question, solution] };
  }
  return { steps: [newStep('')] };
}

/** What is sent: empty optional texts dropped so the stored JSON stays lean. */
export function cleanStructure(structure: TreeStructure): TreeStructure {
  if (isDecision(structure)) {
    return {
      root: structure.root,
      nodes: structure.nodes.map((n) => ({
        id: n.id,
        type: n.type,
        title: n.title.trim(),
        ...(n.description?.trim() ? { description: n.description.trim() } : {}),
        answers: n.type === 'solution' ? [] : n.answers.map((a) => ({ label: a.label.trim(), next: a.next })),
      })),
    };
  }
  return {
    steps: structure.steps.map((s) => ({
      id: s.id,
      type: s.type,
      title: s.title.trim(),
      ...(s.description?.trim() ? { description: s.description.trim() } : {}),
      ...(s.content_type ? { content_type: s.content_type } : {}),
    })),
  };
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** Ids of the nodes reachable from the root by following answers. */
export function reachableNodes(structure: DecisionStructure): Set<string> {
  const byId = new Map(structure.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const queue = [structure.root];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    for (const a of byId.get(id)!.answers) queue.push(a.next);
  }
  return seen;
}

/** "Step 3 › title" for a path like `tree_structure.steps.2.title`. */
export function describePath(path: string, structure: TreeStructure): string {
  const parts = path.split('.');
  if (parts[0] !== 'tree_structure') return parts.join(' › ').replace(/_/g, ' ');
  const rest = parts.slice(1);
  const out: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const part = rest[i]!;
    const next = rest[i + 1];
    if ((part === 'steps' || part === 'nodes' || part === 'answers') && next !== undefined && /^\d+$/.test(next)) {
      const n = Number(next);
      if (part === 'nodes' && isDecision(structure)) {
        const node = structure.nodes[n];
        out.push(node?.title ? `Node “${node.title}”` : `Node ${n + 1}`);
      } else {
        out.push(`${part === 'steps' ? 'Step' : part === 'nodes' ? 'Node' : 'Answer'} ${n + 1}`);
      }
      i += 1;
    } else {
      out.push(part.replace(/_/g, ' '));
    }
  }
  return out.length ? out.join(' › ') : 'Structure';
}
