// Handlers for the mock network, built in one place: `api.get('/trees/:id', resolver)` is
// MSW's `http.get` for `/api/v1/trees/:id`, limited to the routes of ./routes.ts, and every
// request it answers is recorded for assertions (`net.callsTo('POST', '/sessions/batch')`).
//
//   const net = mockNetwork(
//     api.get('/auth/me', () => json(me)),
//     api.post('/sessions/batch', async ({ request }) => json(created(await bodyOf(request)), 201)),
//   );

import {
  http,
  HttpResponse,
  type DefaultBodyType,
  type HttpHandler,
  type HttpResponseResolver,
  type PathParams,
} from 'msw';
import { API_BASE } from '@/lib/api-client';
import type { Method, PathOf } from './routes';
import { server } from './server';

/** A request as a test asserts on it: the path under /api/v1, the query, the JSON body. */
export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Header names as they are usually written (`Authorization`, `Content-Type`). */
  headers: Record<string, string>;
};

const recorded: RecordedRequest[] = [];

const canonicalHeader = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

async function record(request: Request) {
  const url = new URL(request.url);
  const text = await request.clone().text();
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[canonicalHeader(name)] = value;
  });
  recorded.push({
    method: request.method,
    path: url.pathname.slice(API_BASE.length),
    query: url.searchParams,
    body,
    headers,
  });
}

function matches(pattern: string, path: string): boolean {
  const a = pattern.replace(/\/$/, '').split('/');
  const b = path.replace(/\/$/, '').split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

type Resolver = HttpResponseResolver<PathParams, DefaultBodyType, DefaultBodyType>;

function handler<M extends Method>(method: M) {
  const build = http[method.toLowerCase() as Lowercase<Method>];
  return (path: PathOf<M>, resolve: Resolver) =>
    build(`${API_BASE}${path}`, async (info) => {
      await record(info.request);
      return resolve(info);
    });
}

/** Handlers for the routes of ./routes.ts under /api/v1. */
export const api = {
  get: handler('GET'),
  post: handler('POST'),
  put: handler('PUT'),
  patch: handler('PATCH'),
  delete: handler('DELETE'),
};

/** A JSON answer (200 unless told otherwise). */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as DefaultBodyType, { status, headers });

/** An error answer as the server sends it: `{"detail": …}`. */
export const problem = (status: number, detail: unknown, headers: Record<string, string> = {}) =>
  HttpResponse.json({ detail } as DefaultBodyType, { status, headers });

export const noContent = () => new HttpResponse(null, { status: 204 });

/** A connection that fails before any answer (the server is unreachable). */
export const networkError = () => HttpResponse.error();

/**
 * A bounded list as the server answers it: `limit`/`offset` from the query, a bare array of
 * that page, the total in `X-Total-Count`.
 */
export function paged<T>(items: readonly T[], request: Request) {
  const query = new URL(request.url).searchParams;
  const limit = Number(query.get('limit') ?? '200');
  const offset = Number(query.get('offset') ?? '0');
  return json(items.slice(offset, offset + limit), 200, { 'X-Total-Count': String(items.length) });
}

/** The JSON body of a request. */
export const bodyOf = async <T = Record<string, unknown>>(request: Request) => (await request.clone().json()) as T;

/** What the mock network saw, in order. */
export type Network = {
  calls: readonly RecordedRequest[];
  /** The requests to `method` `path` (`:param` segments match anything). */
  callsTo: (method: Method, path: string) => RecordedRequest[];
  /** Add handlers; later ones win over earlier ones for the same route. */
  use: (...handlers: HttpHandler[]) => Network;
};

export const network: Network = {
  calls: recorded,
  callsTo: (method, path) => recorded.filter((c) => c.method === method && matches(path, c.path)),
  use: (...handlers) => {
    server.use(...handlers);
    return network;
  },
};

/** Answer with `handlers` for this test and return the request log. */
export const mockNetwork = (...handlers: HttpHandler[]) => network.use(...handlers);

/** Forget the requests seen (after each test). */
export function resetNetwork() {
  recorded.length = 0;
  server.resetHandlers();
}
