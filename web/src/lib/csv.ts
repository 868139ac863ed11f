// CSV as PSA and RMM tools export it (RFC 4180 and its common variations): quoted fields
// with embedded commas, quotes ("") and line breaks; CRLF, LF or CR line ends; a UTF-8
// byte-order mark; comma, semicolon or tab as separator (detected from the first line).

import type { Target } from '@/types/api';
import { MAX_LABEL, MAX_NOTES } from './targets';

export type Delimiter = ',' | ';' | '\t';

export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Rows of fields. Blank lines are dropped; rows keep their own length. */
export function parseCsv(input: string, delimiter: Delimiter = detectDelimiter(input)): string[][] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;

  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };

  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r') {
      if (text[i + 1] === '\n') i += 1;
      endRow();
    } else if (ch === '\n') {
      endRow();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}

const LABEL_HINTS = [
  'label',
  'target',
  'hostname',
  'host',
  'device name',
  'device',
  'computer name',
  'computer',
  'server',
  'asset name',
  'asset',
  'name',
];
const NOTES_HINTS = [
  'notes',
  'note',
  'description',
  'comment',
  'comments',
  'client',
  'customer',
  'company',
  'site',
  'organization',
];

function guess(header: readonly string[], hints: readonly string[], except = -1): number {
  const normalized = header.map((h) => h.trim().toLowerCase().replace(/[_-]+/g, ' '));
  for (const hint of hints) {
    const exact = normalized.findIndex((h, i) => i !== except && h === hint);
    if (exact >= 0) return exact;
  }
  for (const hint of hints) {
    const partial = normalized.findIndex((h, i) => i !== except && h.includes(hint));
    if (partial >= 0) return partial;
  }
  return -1;
}

/** Best guess of the label and notes columns from a header row (-1: none). */
export function guessColumns(header: readonly string[]): { label: number; notes: number } {
  const label = Math.max(0, guess(header, LABEL_HINTS));
  const notes = guess(header, NOTES_HINTS, label);
  return { label, notes };
}

export type CsvTargetOptions = {
  labelColumn: number;
  /** -1 for no notes. */
  notesColumn: number;
  hasHeader: boolean;
};

/** Targets from CSV rows: trimmed, empty labels skipped, over-long values cut to the API's limits. */
export function csvRowsToTargets(rows: readonly string[][], options: CsvTargetOptions): Target[] {
  const body = options.hasHeader ? rows.slice(1) : rows;
  const targets: Target[] = [];
  for (const row of body) {
    const label = (row[options.labelColumn] ?? '').trim().slice(0, MAX_LABEL);
    if (!label) continue;
    const notes = options.notesColumn >= 0 ? (row[options.notesColumn] ?? '').trim().slice(0, MAX_NOTES) : '';
    targets.push(notes ? { label, notes } : { label });
  }
  return targets;
}

/** Column names for the pickers: the header's cells, or "Column N". */
export function columnNames(rows: readonly string[][], hasHeader: boolean): string[] {
  const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
  return Array.from({ length: width }, (_, i) => {
    const name = hasHeader ? (rows[0]?.[i] ?? '').trim() : '';
    return name || `Column ${i + 1}`;
  });
}
