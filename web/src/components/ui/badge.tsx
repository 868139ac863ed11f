import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

const tones = {
  neutral: 'border-zinc-700 bg-zinc-800 text-zinc-300',
  sky: 'border-sky-800 bg-sky-950 text-sky-300',
  amber: 'border-amber-700/70 bg-amber-950/70 text-amber-300',
  violet: 'border-violet-800 bg-violet-950 text-violet-300',
  emerald: 'border-emerald-800 bg-emerald-950 text-emerald-300',
  red: 'border-red-800 bg-red-950 text-red-300',
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({
  tone = 'neutral',
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-px text-2xs font-medium',
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
