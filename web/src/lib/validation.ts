// Turns a 422's `detail` into messages addressable by field path, so a form can show each
// message beside the field it concerns. A path is the `loc` without its leading
// `body`/`query`/`path`, joined with dots: ["body","tree_structure","steps",2,"title"]
// becomes "tree_structure.steps.2.title".

import type { ValidationIssue } from '@/types/api';
import { ApiError } from './api-client';

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

export function toFieldErrors(issues: ValidationIssue[]): FieldErrors {
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
