import { describe, expect, it } from 'vitest';
import { formatRelative, plural } from './utils';

describe('plural', () => {
  it('picks the form Intl.PluralRules selects', () => {
    expect(plural(1, { one: 'flow', other: 'flows' })).toBe('1 flow');
    expect(plural(0, { one: 'flow', other: 'flows' })).toBe('0 flows');
    expect(plural(3, { one: 'step is', other: 'steps are' })).toBe('3 steps are');
  });
});

describe('formatRelative', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  const at = (ms: number) => new Date(now + ms).toISOString();

  it('says how long ago or how soon, in whole units of the largest that fits', () => {
    expect(formatRelative(at(-20_000), now)).toBe('now');
    expect(formatRelative(at(-3 * 60_000), now)).toBe('3 min. ago');
    expect(formatRelative(at(-59 * 60_000), now)).toBe('59 min. ago');
    expect(formatRelative(at(2 * 3_600_000 + 60_000), now)).toBe('in 2 hr.');
    expect(formatRelative(at(-86_400_000), now)).toBe('yesterday');
    expect(formatRelative(at(-5 * 86_400_000), now)).toBe('5 days ago');
  });

  it('leaves a missing or unreadable instant recognisable', () => {
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('soon', now)).toBe('soon');
  });
});
