// Turns a 422's `detail` into messages addressable by field path, so a form can show each
// message beside the field it concerns; `setServerErrors` does it for react-hook-form. A path
// is the `loc` without its leading `body`/`query`/`path`, joined with dots:
// ["body","tree_structure","steps",2,"title"] becomes "tree_structure.steps.2.title".

import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ValidationIssue } from '@/types/api';
import { ApiError, errorMessage } from './api-client';

export type FieldIssue = { path: string; msg: string; loc: (string | number)[] };

export type FieldErrors = {
  /** Every issue, in the server's order. */
  all: FieldIssue[];
  /** The message(s) for exactly this path, or undefined. */
  at: (path: string) => string | undefined;
  /** True when an issue is at this path or below it. */
  has: (prefix: string) => boolean;
};

export function locToPath(loc: (string | number)[]): string {
  const rest = loc.length > 0 && ['body', 'query', 'path'].includes(String(loc[0])) ? loc.slice(1) : loc;
  return rest.map(String).join('.');
}

export function toFieldErrors(issues: readonly Pick<ValidationIssue, 'loc' | 'msg'>[]): FieldErrors {
  const all = issues.map((issue) => ({ path: locToPath(issue.loc ?? []), msg: issue.msg, loc: issue.loc ?? [] }));
  return {
    all,
    at: (path) => {
      const msgs = all.filter((i) => i.path === path).map((i) => i.msg);
      return msgs.length ? msgs.join('; ') : undefined;
    },
    has: (prefix) => all.some((i) => i.path === prefix || i.path.startsWith(`${prefix}.`)),
  };
}

export const noFieldErrors: FieldErrors = toFieldErrors([]);

/** Field errors of a 422 ApiError, else none. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof ApiError && error.status === 422) return toFieldErrors(error.issues);
  return noFieldErrors;
}

/**
 * Where a 422 issue goes in a form: a field's name (or the name with a message of its own,
 * e.g. "Target 4 (RDS-04): …"), or null for the form as a whole.
 */
export type FieldFor<T extends FieldValues> = (
  issue: FieldIssue,
) => Path<T> | { field: Path<T>; message: string } | null;

/** Only the form's own field names, exactly ("name" → name; "targets.3.label" → none). */
export const exactFields =
  <T extends FieldValues>(fields: readonly Path<T>[]): FieldFor<T> =>
  (issue) =>
    fields.find((f) => f === issue.path) ?? null;

type ServerErrorOptions = {
  /** 422 issues no field takes go to `root.server` (else they are only returned). */
  issuesToRoot?: boolean;
  /** Any other failure's message goes to `root.server` (else the caller reports it, e.g. in a toast). */
  failureToRoot?: boolean;
};

/**
 * Puts a failed submit's errors on a react-hook-form form. The server is the only validator,
 * so these are its words: each 422 issue goes to the field its `loc` names (`fieldFor` turns
 * a path such as "targets.3.label" into a field), several for one field joined with "; ".
 * The issues no field takes, and the message of any other failure, go to `root.server`.
 * Returns the issues no field took.
 */
export function setServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldFor: FieldFor<T>,
  { issuesToRoot = true, failureToRoot = true }: ServerErrorOptions = {},
): FieldIssue[] {
  const issues = fieldErrorsOf(error).all;
  if (issues.length === 0) {
    if (failureToRoot) setError('root.server', { type: 'server', message: errorMessage(error) });
    return [];
  }
  const byField = new Map<Path<T>, string[]>();
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const target = fieldFor(issue);
    if (!target) {
      rest.push(issue);
      continue;
    }
    const [field, message] = typeof target === 'string' ? [target, issue.msg] : [target.field, target.message];
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  for (const [field, messages] of byField) setError(field, { type: 'server', message: messages.join('; ') });
  if (issuesToRoot && rest.length) {
    setError('root.server', { type: 'server', message: rest.map((i) => i.msg).join('; ') });
  }
  return rest;
}
