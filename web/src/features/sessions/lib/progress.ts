// Pure functions over a session's progress, shared by the runners and tested alone.

import type {
  AnswerDecision,
  ContentType,
  CustomStep,
  DecisionStructure,
  ProcedureStep,
  StepDecision,
} from '@/types/api';

export type RunStep = {
  id: string;
  title: string;
  description: string;
  content_type?: ContentType | undefined;
  isEnd: boolean;
  /** Added by the engineer during this session. */
  custom: boolean;
};

/** The flow's steps with the session's custom steps placed after the step they follow. */
export function mergeSteps(steps: readonly ProcedureStep[], custom: readonly CustomStep[]): RunStep[] {
  const out: RunStep[] = [];
  const placed = new Set<string>();
  const customAfter = (afterId: string | undefined) => {
    // Custom steps can follow other custom steps: walk them in insertion order.
    for (const c of custom) {
      if (placed.has(c.id) || c.after !== afterId) continue;
      placed.add(c.id);
      out.push({
        id: c.id,
        title: c.title,
        description: c.description ?? '',
        content_type: 'action',
        isEnd: false,
        custom: true,
      });
      customAfter(c.id);
    }
  };
  for (const s of steps) {
    out.push({
      id: s.id,
      title: s.title,
      description: s.description ?? '',
      content_type: s.content_type,
      isEnd: s.type === 'procedure_end',
      custom: false,
    });
    customAfter(s.id);
  }
  for (const c of custom) {
    if (!placed.has(c.id)) {
      placed.add(c.id);
      out.push({
        id: c.id,
        title: c.title,
        description: c.description ?? '',
        content_type: 'action',
        isEnd: false,
        custom: true,
      });
    }
  }
  return out;
}

export const isStepDecision = (d: unknown): d is StepDecision =>
  typeof d === 'object' &&
  d !== null &&
  ((d as StepDecision).status === 'done' || (d as StepDecision).status === 'skipped');

/** The first step without a decision after `fromIndex` (wrapping to the start), or null. */
export function nextOpenStep(
  steps: readonly RunStep[],
  decisions: Record<string, unknown>,
  fromIndex = -1,
): string | null {
  for (let k = 1; k <= steps.length; k += 1) {
    const step = steps[(fromIndex + k + steps.length) % steps.length];
    if (step && !isStepDecision(decisions[step.id])) return step.id;
  }
  return null;
}

export type TrailEntry = { nodeId: string; answer?: AnswerDecision };

/** The walk so far through a decision tree: each visited node and the answer given there. */
export function decisionTrail(
  structure: DecisionStructure,
  path: readonly string[],
  decisions: Record<string, unknown>,
): TrailEntry[] {
  const visited = path.length > 0 ? path : structure.root ? [structure.root] : [];
  return visited.map((nodeId) => {
    const d = decisions[nodeId] as AnswerDecision | undefined;
    return d && typeof d.answer === 'number' ? { nodeId, answer: d } : { nodeId };
  });
}
