import { useId } from 'react';
import type { ParsedTargets } from '@/lib/targets';
import { plural } from '@/lib/utils';
import { Textarea } from './ui/input';

type TargetLinesInputProps = {
  value: string;
  onChange: (text: string) => void;
  parsed: ParsedTargets;
  label?: string;
  rows?: number;
  error?: string | undefined;
  autoFocus?: boolean;
};

/** One target per line, `label # notes`, with what the parser made of it. */
export function TargetLinesInput({
  value,
  onChange,
  parsed,
  label = 'Targets',
  rows = 8,
  error,
  autoFocus,
}: TargetLinesInputProps) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-400">
        {label}{' '}
        <span className="font-normal text-zinc-500">
          — one per line, <span className="kbd">label # notes</span>
        </span>
      </label>
      <Textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={'RDS-01 # Contoso, session host\nRDS-02 # Contoso\nFS-01'}
        className="font-mono text-xs"
        spellCheck={false}
        autoFocus={autoFocus}
        aria-invalid={error || parsed.errors.length ? true : undefined}
        aria-describedby={`${id}-summary`}
      />
      <div id={`${id}-summary`} className="space-y-0.5 text-2xs">
        <p className="text-zinc-500">
          {plural(parsed.targets.length, { one: 'target', other: 'targets' })}
          {parsed.duplicates.length > 0 && (
            <span className="text-amber-300">
              {' '}
              · {plural(parsed.duplicates.length, { one: 'duplicate', other: 'duplicates' })} ignored (
              {parsed.duplicates.slice(0, 3).join(', ')}
              {parsed.duplicates.length > 3 ? ', …' : ''})
            </span>
          )}
        </p>
        {parsed.errors.slice(0, 3).map((e) => (
          <p key={e.line} className="text-red-400" role="alert">
            {e.message}
          </p>
        ))}
        {error && (
          <p className="text-red-400" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
