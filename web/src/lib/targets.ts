// Target lines: one target per line, `label # notes`. Used by the batch launch dialog and
// the target list editor.
//
// - Leading and trailing blanks are trimmed; blank lines are skipped.
// - The notes start at the first `#` that begins the line or follows a blank, so a label
//   such as `PC#12` keeps its `#`. A line that is only a comment (`# ...`) is skipped.
// - Duplicate labels (compared case-insensitively: host names are) keep the first line;
//   the repeats are reported.
// - A label over 255 or notes over 500 characters is reported as an error for its line.

import type { Target } from '@/types/api';
import { plural } from './utils';

export const MAX_LABEL = 255;
export const MAX_NOTES = 500;

export type TargetLineError = { line: number; message: string };

export type ParsedTargets = {
  targets: Target[];
  /** Labels that appeared again after their first line (as written on the repeated line). */
  duplicates: string[];
  errors: TargetLineError[];
};

const NOTES_SEPARATOR = /(^|\s)#/;

export function parseTargetLine(raw: string): Target | null {
  const line = raw.trim();
  if (!line) return null;
  const match = NOTES_SEPARATOR.exec(line);
  if (!match) return { label: line };
  const hashAt = match.index + match[1]!.length;
  const label = line.slice(0, hashAt).trim();
  const notes = line.slice(hashAt + 1).trim();
  if (!label) return null;
  return notes ? { label, notes } : { label };
}

export function parseTargetLines(text: string): ParsedTargets {
  const targets: Target[] = [];
  const duplicates: string[] = [];
  const errors: TargetLineError[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const target = parseTargetLine(raw);
    if (!target) return;
    const line = index + 1;
    if (target.label.length > MAX_LABEL) {
      errors.push({ line, message: `Line ${line}: label is longer than ${MAX_LABEL} characters` });
      return;
    }
    if (target.notes && target.notes.length > MAX_NOTES) {
      errors.push({ line, message: `Line ${line}: notes are longer than ${MAX_NOTES} characters` });
      return;
    }
    const key = target.label.toLowerCase();
    if (seen.has(key)) {
      duplicates.push(target.label);
      return;
    }
    seen.add(key);
    targets.push(target);
  });
  return { targets, duplicates, errors };
}

export function formatTargetLines(targets: readonly { label: string; notes?: string | null }[]): string {
  return targets.map((t) => (t.notes ? `${t.label} # ${t.notes}` : t.label)).join('\n');
}

/** Drop repeated labels (case-insensitive), keeping the first. */
export function dedupeTargets(targets: readonly Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = t.label.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "Will create 5 sessions: A, B, C +2 more". */
export function summarizeTargets(targets: readonly Target[], shown = 3): string {
  const n = targets.length;
  if (n === 0) return 'No targets yet';
  const names = targets
    .slice(0, shown)
    .map((t) => t.label)
    .join(', ');
  const more = n > shown ? ` +${n - shown} more` : '';
  return `Will create ${plural(n, { one: 'session', other: 'sessions' })}: ${names}${more}`;
}
