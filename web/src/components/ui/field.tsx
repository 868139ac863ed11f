import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

type FieldProps = {
  label: ReactNode;
  htmlFor: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
};

/** A label, its control, and the message the server or the form has for it. */
export function Field({ label, htmlFor, error, hint, className, children }: FieldProps) {
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={htmlFor} className="block text-xs font-medium text-zinc-400">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${htmlFor}-error`} role="alert" className="text-xs text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${htmlFor}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Props that tie a control to its Field's message. */
export function describedBy(id: string, error?: string) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function FieldError({ id, message }: { id?: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-red-400">
      {message}
    </p>
  );
}

/** A message for the form as a whole (a failed submit), in a red box. */
export function FormAlert({ message, className }: { message?: string | undefined; className?: string }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className={cn('rounded border border-red-900 bg-red-950/50 px-2.5 py-1.5 text-xs text-red-300', className)}
    >
      {message}
    </p>
  );
}
