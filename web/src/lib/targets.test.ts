import { describe, expect, it } from 'vitest';
import { dedupeTargets, formatTargetLines, parseTargetLine, parseTargetLines, summarizeTargets } from './targets';

describe('parseTargetLine', () => {
  it.each([
    ['RDS-01', { label: 'RDS-01' }],
    ['RDS-01 # Contoso', { label: 'RDS-01', notes: 'Contoso' }],
    ['  RDS-01   #   Contoso, host 1  ', { label: 'RDS-01', notes: 'Contoso, host 1' }],
    ['RDS-01 #', { label: 'RDS-01' }],
    ['RDS-01 # note # with hash', { label: 'RDS-01', notes: 'note # with hash' }],
    ['PC#12', { label: 'PC#12' }],
    ['PC#12 # front desk', { label: 'PC#12', notes: 'front desk' }],
    ['Server 2019\t# tab before hash', { label: 'Server 2019', notes: 'tab before hash' }],
    ['# just a comment', null],
    ['   ', null],
    ['', null],
  ])('%j', (line, expected) => {
    expect(parseTargetLine(line)).toEqual(expected);
  });
});

describe('parseTargetLines', () => {
  it('reads one target per line and skips blank lines', () => {
    const parsed = parseTargetLines('RDS-01 # Contoso\n\n  RDS-02  \n\t\nFS-01 # file server\n');
    expect(parsed.targets).toEqual([
      { label: 'RDS-01', notes: 'Contoso' },
      { label: 'RDS-02' },
      { label: 'FS-01', notes: 'file server' },
    ]);
    expect(parsed.duplicates).toEqual([]);
    expect(parsed.errors).toEqual([]);
  });

  it('accepts CRLF and CR line ends', () => {
    expect(parseTargetLines('a\r\nb\rc').targets.map((t) => t.label)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the first of duplicate labels, case-insensitively, and reports the rest', () => {
    const parsed = parseTargetLines('RDS-01 # first\nrds-01 # second\nRDS-02\nRDS-01');
    expect(parsed.targets).toEqual([{ label: 'RDS-01', notes: 'first' }, { label: 'RDS-02' }]);
    expect(parsed.duplicates).toEqual(['rds-01', 'RDS-01']);
  });

  it('reports over-long labels and notes with their line number', () => {
    const parsed = parseTargetLines(`ok\n${'x'.repeat(256)}\nhost # ${'n'.repeat(501)}`);
    expect(parsed.targets).toEqual([{ label: 'ok' }]);
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(parsed.errors[0]!.message).toMatch(/label is longer than 255/);
    expect(parsed.errors[1]!.message).toMatch(/notes are longer than 500/);
  });

  it('accepts a label of exactly 255 characters', () => {
    expect(parseTargetLines('y'.repeat(255)).targets).toHaveLength(1);
  });

  it('yields nothing for empty input', () => {
    expect(parseTargetLines('')).toEqual({ targets: [], duplicates: [], errors: [] });
  });
});

describe('formatTargetLines', () => {
  it('round-trips through parseTargetLines', () => {
    const targets = [{ label: 'RDS-01', notes: 'Contoso' }, { label: 'FS-01' }];
    const text = formatTargetLines(targets);
    expect(text).toBe('RDS-01 # Contoso\nFS-01');
    expect(parseTargetLines(text).targets).toEqual(targets);
  });

  it('writes no separator for empty notes from the API', () => {
    expect(formatTargetLines([{ label: 'a', notes: '' }])).toBe('a');
  });
});

describe('summarizeTargets', () => {
  const t = (...labels: string[]) => labels.map((label) => ({ label }));
  it.each([
    [[], 'No targets yet'],
    [t('A'), 'Will create 1 session: A'],
    [t('A', 'B', 'C'), 'Will create 3 sessions: A, B, C'],
    [t('A', 'B', 'C', 'D', 'E'), 'Will create 5 sessions: A, B, C +2 more'],
  ])('%j → %s', (targets, text) => {
    expect(summarizeTargets(targets)).toBe(text);
  });
});

describe('dedupeTargets', () => {
  it('drops repeated labels keeping the first', () => {
    expect(dedupeTargets([{ label: 'A', notes: '1' }, { label: 'a' }, { label: 'B' }])).toEqual([
      { label: 'A', notes: '1' },
      { label: 'B' },
    ]);
  });
});
