import { describe, expect, it } from 'vitest';
import { batchKeys, scheduleKeys, sessionKeys, targetListKeys, teamKeys, treeKeys } from './query-keys';

/** True when invalidating `prefix` reaches `key` (TanStack Query matches keys by prefix). */
const covers = (prefix: readonly unknown[], key: readonly unknown[]) =>
  prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));

describe('query keys', () => {
  it('nest every key under its family, so a prefix invalidates exactly that family', () => {
    const list = treeKeys.list({ type: 'maintenance', q: null, pageSize: 48 });
    expect(covers(treeKeys.lists(), list)).toBe(true);
    expect(covers(treeKeys.lists(), treeKeys.options())).toBe(true);
    expect(covers(treeKeys.lists(), treeKeys.detail('1'))).toBe(false);
    expect(covers(treeKeys.all, treeKeys.counts())).toBe(true);
    expect(covers(sessionKeys.lists(), sessionKeys.list({ batch_id: 'b' }))).toBe(true);
    expect(covers(sessionKeys.lists(), sessionKeys.detail('s'))).toBe(false);
    expect(covers(batchKeys.all, batchKeys.history('t'))).toBe(true);
    expect(covers(scheduleKeys.forTrees(), scheduleKeys.forTree('t'))).toBe(true);
    expect(covers(scheduleKeys.forTrees(), scheduleKeys.preview('0 2 * * *', 'UTC'))).toBe(false);
    expect(covers(targetListKeys.all, targetListKeys.detail('l'))).toBe(true);
    expect(covers(teamKeys.all, teamKeys.invites())).toBe(true);
    expect(covers(teamKeys.detail(), teamKeys.invites())).toBe(false);
  });

  it('keep the families apart', () => {
    const roots = [treeKeys, sessionKeys, batchKeys, scheduleKeys, targetListKeys, teamKeys].map((f) => f.all[0]);
    expect(new Set(roots).size).toBe(roots.length);
  });
});
