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

/** "3 min ago", "in 2 h", "5 d ago" — coarse, for lists. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
  ];
  let text = 'just now';
  for (const [ms, unit] of units) {
    if (abs >= ms) {
      text = `${Math.floor(abs / ms)} ${unit}`;
      return diff < 0 ? `${text} ago` : `in ${text}`;
    }
  }
  return text;
}

export function pluralize(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
