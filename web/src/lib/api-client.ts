// The one HTTP client of the app. Every request goes to `/api/v1`, carries the bearer
// token, and fails with an `ApiError` that keeps the server's `detail`. A 401 on an
// authenticated request means the token is gone or revoked: the token is cleared and the
// auth guard sends the user to sign-in. A 429 also keeps its `Retry-After`, and its message
// says when to try again; a 403 over a quota keeps the server's detail, which names the limit.

import type { Paged, ValidationIssue } from '@/types/api';
import { tokenStore } from './token-store';

export const API_BASE = '/api/v1';

export type Detail = string | ValidationIssue[] | undefined;

export class ApiError extends Error {
  readonly status: number;
  readonly detail: Detail;
  /** Seconds to wait before trying again, from a 429's (or 503's) `Retry-After`. */
  readonly retryAfter: number | null;

  constructor(status: number, detail: Detail, message?: string, retryAfter: number | null = null) {
    const described = message ?? describeDetail(status, detail);
    const hint = retryAfter !== null ? describeRetry(retryAfter) : '';
    super(hint ? `${described.replace(/[.\s]+$/, '')}. ${hint}` : described);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** Field-level validation issues of a 422, else an empty list. */
  get issues(): ValidationIssue[] {
    return Array.isArray(this.detail) ? this.detail : [];
  }
}

function humanLoc(loc: (string | number)[]): string {
  const parts = loc.filter((p, i) => !(i === 0 && (p === 'body' || p === 'query' || p === 'path')));
  return parts.map((p) => (typeof p === 'number' ? `#${p + 1}` : p.replace(/_/g, ' '))).join(' › ');
}

function describeDetail(status: number, detail: Detail): string {
  if (typeof detail === 'string' && detail) return detail;
  if (Array.isArray(detail) && detail.length > 0) {
    return detail
      .slice(0, 3)
      .map((issue) => {
        const where = humanLoc(issue.loc ?? []);
        return where ? `${where}: ${issue.msg}` : issue.msg;
      })
      .join('; ');
  }
  if (status === 0) return 'Cannot reach the server. Check your connection and try again.';
  if (status === 429) return 'Too many requests';
  if (status >= 500) return `The server failed (${status}). Try again in a moment.`;
  return `Request failed (${status})`;
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "Try again in 45 s.", "Try again at 14:05 (in 7 min).", "Try again at 09:30 (in 3 h)." */
export function describeRetry(seconds: number, now: number = Date.now()): string {
  if (seconds <= 1) return 'Try again now.';
  if (seconds < 60) return `Try again in ${seconds} s.`;
  const at = new Date(now + seconds * 1000);
  const clock = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const wait = seconds < 5400 ? `${Math.ceil(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
  return `Try again at ${clock} (in ${wait}).`;
}

/** A message fit for a toast, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.name === 'AbortError') return 'Request cancelled';
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  params?: QueryParams;
  signal?: AbortSignal;
};

export function buildUrl(path: string, params?: QueryParams): string {
  let url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    }
    const qs = search.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

async function readDetail(response: Response): Promise<Detail> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    const body = JSON.parse(text) as { detail?: Detail };
    return body.detail;
  } catch {
    return undefined;
  }
}

export class ApiClient {
  private async send(path: string, options: RequestOptions, accept: string): Promise<Response> {
    const token = tokenStore.get();
    const headers: Record<string, string> = { Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(buildUrl(path, options.params), {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new ApiError(0, undefined);
    }
    if (!response.ok) {
      const detail = await readDetail(response);
      // Only a request that carried a token proves the session ended; a failed sign-in
      // (no token yet) is an ordinary error for its form.
      if (response.status === 401 && token) tokenStore.clear();
      const retryAfter =
        response.status === 429 || response.status === 503
          ? parseRetryAfter(response.headers.get('Retry-After'))
          : null;
      throw new ApiError(response.status, detail, undefined, retryAfter);
    }
    return response;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, options, 'application/json');
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, params?: QueryParams, signal?: AbortSignal) {
    return this.request<T>(path, { params, signal });
  }

  /**
   * One page of a bounded list (`limit`/`offset` in `params`): the server answers a bare
   * array and sends the total in `X-Total-Count`. Without the header (an older server)
   * the total is what can be seen: this page's end, plus one if the page came back full.
   */
  async getList<T>(
    path: string,
    params: QueryParams & { limit: number; offset?: number },
    signal?: AbortSignal,
  ): Promise<Paged<T>> {
    const response = await this.send(path, { params, signal }, 'application/json');
    const text = await response.text();
    const items = (text ? JSON.parse(text) : []) as T[];
    const header = response.headers.get('X-Total-Count');
    const offset = params.offset ?? 0;
    const total =
      header !== null && /^\d+$/.test(header.trim())
        ? Number(header)
        : offset + items.length + (items.length >= params.limit ? 1 : 0);
    return { items, total };
  }
  post<T>(path: string, body?: unknown) {
    return this.request<T>(path, { method: 'POST', body: body ?? {} });
  }
  put<T>(path: string, body: unknown) {
    return this.request<T>(path, { method: 'PUT', body });
  }
  patch<T>(path: string, body: unknown) {
    return this.request<T>(path, { method: 'PATCH', body });
  }
  delete(path: string) {
    return this.request<void>(path, { method: 'DELETE' });
  }

  /** Authenticated download (the report CSV): the body as a Blob plus the server's file name. */
  async blob(path: string): Promise<{ blob: Blob; filename: string | null }> {
    const response = await this.send(path, {}, '*/*');
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), filename: match?.[1] ? decodeURIComponent(match[1]) : null };
  }
}

export const api = new ApiClient();

/** Save a Blob through a temporary object URL (no new window, works under a strict CSP). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
