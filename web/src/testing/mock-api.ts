// A fake network for unit tests: `fetch` is replaced at the boundary by a table of
// handlers keyed by method and path (under /api/v1). End-to-end tests use the real server.

import { vi } from 'vitest';

export type MockRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
};

export type MockReply =
  { status?: number; body?: unknown; delay?: number; headers?: Record<string, string> } | undefined;

type Handler = (req: MockRequest) => MockReply | Promise<MockReply>;

export type MockApi = {
  /** Register a handler; `path` may contain `:param` segments. Later ones win. */
  on: (method: string, path: string, handler: Handler | MockReply) => MockApi;
  /** Every request seen, in order. */
  calls: MockRequest[];
  callsTo: (method: string, path: string) => MockRequest[];
};

/**
 * A bounded list endpoint as the server answers it: `limit`/`offset` from the query, a bare
 * array of that page, the total in `X-Total-Count`.
 */
export function pagedReply<T>(items: readonly T[], req: MockRequest): MockReply {
  const limit = Number(req.query.get('limit') ?? '200');
  const offset = Number(req.query.get('offset') ?? '0');
  return { body: items.slice(offset, offset + limit), headers: { 'X-Total-Count': String(items.length) } };
}

function matches(pattern: string, path: string): boolean {
  const a = pattern.replace(/\/$/, '').split('/');
  const b = path.replace(/\/$/, '').split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

export function mockApi(): MockApi {
  const routes: { method: string; path: string; handler: Handler }[] = [];
  const calls: MockRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const req: MockRequest = { method, path, query: url.searchParams, body, headers };
    calls.push(req);
    const route = [...routes].reverse().find((r) => r.method === method && matches(r.path, path));
    const reply = route ? await route.handler(req) : { status: 404, body: { detail: `No mock for ${method} ${path}` } };
    if (reply?.delay) await new Promise((r) => setTimeout(r, reply.delay));
    const status = reply?.status ?? 200;
    const text = status === 204 || reply?.body === undefined ? '' : JSON.stringify(reply.body);
    return new Response(text || null, {
      status,
      headers: { 'Content-Type': 'application/json', ...(reply?.headers ?? {}) },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  const api: MockApi = {
    on: (method, path, handler) => {
      routes.push({
        method: method.toUpperCase(),
        path,
        handler: typeof handler === 'function' ? handler : () => handler,
      });
      return api;
    },
    calls,
    callsTo: (method, path) => calls.filter((c) => c.method === method.toUpperCase() && matches(path, c.path)),
  };
  return api;
}
