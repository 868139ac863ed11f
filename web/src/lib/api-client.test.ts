import { describe, expect, it } from 'vitest';
import { api as mock, json, mockNetwork, networkError, noContent, problem } from '@/testing/mocks/api';
import { api, ApiError, buildUrl, describeRetry, errorMessage, parseRetryAfter } from './api-client';
import { tokenStore } from './token-store';

describe('api client', () => {
  it('prefixes /api/v1 and drops empty query parameters', () => {
    expect(buildUrl('/trees/', { tree_type: 'maintenance', q: '', x: undefined, n: 0 })).toBe(
      '/api/v1/trees/?tree_type=maintenance&n=0',
    );
  });

  it('sends the bearer token and JSON body', async () => {
    const net = mockNetwork(mock.post('/sessions/', () => json({ id: 's1' }, 201)));
    tokenStore.set('abc');
    await expect(api.post('/sessions/', { tree_id: 't' })).resolves.toEqual({ id: 's1' });
    const [call] = net.calls;
    expect(call!.headers.Authorization).toBe('Bearer abc');
    expect(call!.headers['Content-Type']).toBe('application/json');
    expect(call!.body).toEqual({ tree_id: 't' });
  });

  it('keeps the server detail on errors', async () => {
    mockNetwork(mock.get('/target-lists/:id', () => problem(404, 'Target list not found')));
    const error = await api.get('/target-lists/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(errorMessage(error)).toBe('Target list not found');
  });

  it('describes 422 issues with their location', async () => {
    mockNetwork(
      mock.post('/sessions/batch', () =>
        problem(422, [
          {
            loc: ['body', 'targets', 3, 'label'],
            msg: 'String should have at most 255 characters',
            type: 'string_too_long',
          },
        ]),
      ),
    );
    const error = (await api.post('/sessions/batch', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.issues).toHaveLength(1);
    expect(error.message).toBe('targets › #4 › label: String should have at most 255 characters');
  });

  it('clears the token on a 401 to an authenticated request', async () => {
    mockNetwork(mock.get('/auth/me', () => problem(401, 'Not authenticated')));
    tokenStore.set('expired');
    await expect(api.get('/auth/me')).rejects.toBeInstanceOf(ApiError);
    expect(tokenStore.get()).toBeNull();
    expect(localStorage.getItem('rf.token')).toBeNull();
  });

  it('answers 204 with undefined', async () => {
    mockNetwork(mock.delete('/trees/:id', () => noContent()));
    await expect(api.delete('/trees/1')).resolves.toBeUndefined();
  });

  it('reports an unreachable server plainly', async () => {
    mockNetwork(mock.get('/health', () => networkError()));
    await expect(api.get('/health')).rejects.toThrow(/Cannot reach the server/);
  });

  it('says when to try again after a 429, from Retry-After', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers({ now: new Date(2026, 10, 27, 14, 0, 0), toFake: ['Date'] });
    try {
      mockNetwork(
        mock.post('/sessions/batch', () =>
          problem(429, 'Your team has created its limit of 20,000 sessions in 10 minutes; try again in 420 s', {
            'Retry-After': '420',
          }),
        ),
      );
      const error = (await api.post('/sessions/batch', {}).catch((e: unknown) => e)) as ApiError;
      expect(error.status).toBe(429);
      expect(error.retryAfter).toBe(420);
      expect(errorMessage(error)).toBe(
        'Your team has created its limit of 20,000 sessions in 10 minutes; try again in 420 s. ' +
          'Try again at 14:07 (in 7 min).',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.UTC(2026, 10, 27, 14, 0, 0);
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Fri, 27 Nov 2026 14:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(describeRetry(45)).toBe('Try again in 45 s.');
    expect(describeRetry(2 * 3600, new Date(2026, 0, 1, 9, 30).getTime())).toBe('Try again at 11:30 (in 2 h).');
  });

  it('keeps a 429 without Retry-After and a 403 quota detail as the server sent them', async () => {
    mockNetwork(
      mock.post('/sessions/', () => problem(429, 'Slow down')),
      mock.post('/trees/', () =>
        problem(403, 'Your team has reached its limit of 5,000 flows; the operator of this server can raise it'),
      ),
    );
    expect(errorMessage(await api.post('/sessions/', {}).catch((e: unknown) => e))).toBe('Slow down');
    expect(errorMessage(await api.post('/trees/', {}).catch((e: unknown) => e))).toBe(
      'Your team has reached its limit of 5,000 flows; the operator of this server can raise it',
    );
  });

  it('reads a bounded list: the bare array and X-Total-Count', async () => {
    const net = mockNetwork(
      mock.get('/trees/', () => json([{ id: 'a' }, { id: 'b' }], 200, { 'X-Total-Count': '57' })),
    );
    await expect(api.getList('/trees/', { limit: 2, offset: 4, q: '' })).resolves.toEqual({
      items: [{ id: 'a' }, { id: 'b' }],
      total: 57,
    });
    expect(net.calls[0]!.query.toString()).toBe('limit=2&offset=4');
  });

  it('guesses a total when an older server sends no X-Total-Count', async () => {
    mockNetwork(mock.get('/target-lists/', () => json([{ id: 'a' }, { id: 'b' }])));
    await expect(api.getList('/target-lists/', { limit: 2 })).resolves.toMatchObject({ total: 3 });
    await expect(api.getList('/target-lists/', { limit: 5 })).resolves.toMatchObject({ total: 2 });
  });
});
