// Reading flow structures safely: shared by the editor and the session runner.

import type { DecisionStructure, ProcedureStructure, TreeStructure, TreeType } from '@/types/api';

export const isDecision = (s: TreeStructure): s is DecisionStructure => Array.isArray((s as DecisionStructure).nodes);

/**
 * A structure from the server made safe to render: missing arrays filled in, optional
 * texts defaulted. `type` may be omitted for a session snapshot; the shape then decides.
 */
export function normalizeStructure(type: TreeType | undefined, raw: unknown): TreeStructure {
  const value = (raw ?? {}) as Partial<ProcedureStructure & DecisionStructure>;
  const decision = type ? type === 'troubleshooting' : Array.isArray(value.nodes);
  if (decision) {
    const nodes = Array.isArray(value.nodes)
      ? value.nodes.map((n) => ({
          ...n,
          description: n.description ?? '',
          answers: Array.isArray(n.answers) ? n.answers : [],
        }))
      : [];
    return { root: value.root ?? nodes[0]?.id ?? '', nodes };
  }
  const steps = Array.isArray(value.steps) ? value.steps.map((s) => ({ ...s, description: s.description ?? '' })) : [];
  return { steps };
}
