import { forwardRef, useMemo, type SelectHTMLAttributes } from 'react';
import { Select } from '@/components/ui/input';

/** IANA zone names the browser knows, UTC first, then the browser's own zone. */
export function timeZoneOptions(): string[] {
  let zones: string[] = [];
  try {
    zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  } catch {
    zones = [];
  }
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const head = ['UTC', ...(local && local !== 'UTC' ? [local] : [])];
  return [...head, ...zones.filter((z) => !head.includes(z))];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type TimezoneSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  value: string;
  onChange: (zone: string) => void;
};

export const TimezoneSelect = forwardRef<HTMLSelectElement, TimezoneSelectProps>(function TimezoneSelect(
  { value, onChange, ...props },
  ref,
) {
  const zones = useMemo(timeZoneOptions, []);
  const local = useMemo(browserTimeZone, []);
  const options = zones.includes(value) ? zones : [value, ...zones];
  return (
    <Select ref={ref} value={value} onChange={(e) => onChange(e.target.value)} {...props}>
      {options.map((z) => (
        <option key={z} value={z}>
          {z === local && z !== 'UTC' ? `${z} (this browser)` : z.replace(/_/g, ' ')}
        </option>
      ))}
    </Select>
  );
});
