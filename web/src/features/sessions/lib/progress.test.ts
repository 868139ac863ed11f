import { describe, expect, it } from 'vitest';
import type { ProcedureStep } from '@/types/api';
import { decisionTrail, mergeSteps, nextOpenStep } from './progress';

const step = (id: string): ProcedureStep => ({ id, type: 'procedure_step', title: id.toUpperCase() });

describe('mergeSteps', () => {
  it('places custom steps after the step they follow, chained in order', () => {
    const merged = mergeSteps(
      [step('a'), step('b')],
      [
        { id: 'x', title: 'X', after: 'a' },
        { id: 'y', title: 'Y', after: 'x' },
        { id: 'z', title: 'Z' },
        { id: 'w', title: 'W', after: 'gone' },
      ],
    );
    expect(merged.map((s) => s.id)).toEqual(['a', 'x', 'y', 'b', 'z', 'w']);
    expect(merged.filter((s) => s.custom).map((s) => s.id)).toEqual(['x', 'y', 'z', 'w']);
  });
});

describe('nextOpenStep', () => {
  const steps = mergeSteps([step('a'), step('b'), step('c')], []);
  it('finds the next step without a decision, wrapping around', () => {
    expect(nextOpenStep(steps, {})).toBe('a');
    expect(nextOpenStep(steps, { a: { status: 'done' } }, 0)).toBe('b');
    expect(nextOpenStep(steps, { c: { status: 'skipped' }, b: { status: 'done' } }, 2)).toBe('a');
    expect(nextOpenStep(steps, { a: { status: 'done' }, b: { status: 'done' }, c: { status: 'done' } }, 2)).toBeNull();
  });
});

describe('decisionTrail', () => {
  it('starts at the root and pairs visited nodes with their answers', () => {
    const structure = { root: 'q', nodes: [] };
    expect(decisionTrail(structure, [], {})).toEqual([{ nodeId: 'q' }]);
    expect(decisionTrail(structure, ['q', 's'], { q: { answer: 1, label: 'No' } })).toEqual([
      { nodeId: 'q', answer: { answer: 1, label: 'No' } },
      { nodeId: 's' },
    ]);
  });
});
