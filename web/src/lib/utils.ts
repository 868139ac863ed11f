import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

/** A short random id for steps and nodes created in the editor (unique within a flow). */
export function shortId(prefix = ''): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return prefix ? `${prefix}-${id}` : id;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string | undefined, withZone: boolean) {
  const key = `${timeZone ?? ''}|${withZone}`;
  let fmt = dateTimeFormats.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: withZone ? 'short' : undefined,
    });
    dateTimeFormats.set(key, fmt);
  }
  return fmt;
}

/** "Mon, 15 Dec 2026, 09:00" in the browser's zone, or in `timeZone` with its abbreviation. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return dateTimeFormat(timeZone, Boolean(timeZone)).format(date);
  } catch {
    return dateTimeFormat(undefined, false).format(date);
  }
}

const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 min. ago", "in 2 hr.", "yesterday", "now" — coarse, for lists (Intl.RelativeTimeFormat). */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  for (const [unit, ms] of RELATIVE_UNITS) {
    // Whole units towards zero: 59 minutes ago is "59 min. ago", not "1 hr. ago".
    if (Math.abs(diff) >= ms) return relativeTime.format(Math.trunc(diff / ms), unit);
  }
  return relativeTime.format(0, 'second');
}

const pluralRules = new Intl.PluralRules('en');

/** The words for one and for many of something: `{ one: 'flow', other: 'flows' }`. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** "1 flow", "3 flows": the count and the form Intl.PluralRules picks for it. */
export function plural(count: number, forms: PluralForms): string {
  return `${count} ${forms[pluralRules.select(count)] ?? forms.other}`;
}
