import { cn } from '@/lib/utils';

type ProgressBarProps = { value: number; max: number; label?: string; className?: string; tone?: 'sky' | 'emerald' };

export function ProgressBar({ value, max, label, className, tone = 'emerald' }: ProgressBarProps) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-label={label}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-zinc-800', className)}
    >
      <div
        className={cn('h-full rounded-full transition-[width]', tone === 'emerald' ? 'bg-emerald-500' : 'bg-sky-500')}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}
