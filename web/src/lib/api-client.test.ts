import { describe, expect, it } from 'vitest';
import { mockApi } from '@/testing/mock-api';
import { api, ApiError, buildUrl, errorMessage } from './api-client';
import { tokenStore } from './token-store';

describe('api client', () => {
  it('prefixes /api/v1 and drops empty query parameters', () => {
    expect(buildUrl('/trees/', { tree_type: 'maintenance', q: '', x: undefined, n: 0 })).toBe('/api/v1/trees/?tree_type=maintenance&n=0');
  });

  it('sends the bearer token and JSON body', async () => {
    const net = mockApi().on('POST', '/sessions/', { status: 201, body: { id: 's1' } });
    tokenStore.set('abc');
    await expect(api.post('/sessions/', { tree_id: 't' })).resolves.toEqual({ id: 's1' });
    const [call] = net.calls;
    expect(call!.headers.Authorization).toBe('Bearer abc');
    expect(call!.headers['Content-Type']).toBe('application/json');
    expect(call!.body).toEqual({ tree_id: 't' });
  });

  it('keeps the server detail on errors', async () => {
    mockApi().on('GET', '/target-lists/:id', { status: 404, body: { detail: 'Target list not found' } });
    const error = await api.get('/target-lists/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(errorMessage(error)).toBe('Target list not found');
  });

  it('describes 422 issues with their location', async () => {
    mockApi().on('POST', '/sessions/batch', {
      status: 422,
      body: { detail: [{ loc: ['body', 'targets', 3, 'label'], msg: 'String should have at most 255 characters', type: 'string_too_long' }] },
    });
    const error = (await api.post('/sessions/batch', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.issues).toHaveLength(1);
    expect(error.message).toBe('targets › #4 › label: String should have at most 255 characters');
  });

  it('clears the token on a 401 to an authenticated request', async () => {
    mockApi().on('GET', '/auth/me', { status: 401, body: { detail: 'Not authenticated' } });
    tokenStore.set('expired');
    await expect(api.get('/auth/me')).rejects.toBeInstanceOf(ApiError);
    expect(tokenStore.get()).toBeNull();
    expect(localStorage.getItem('rf.token')).toBeNull();
  });

  it('answers 204 with undefined', async () => {
    mockApi().on('DELETE', '/trees/:id', { status: 204 });
    await expect(api.delete('/trees/1')).resolves.toBeUndefined();
  });

  it('reports an unreachable server plainly', async () => {
    const { vi } = await import('vitest');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.get('/health')).rejects.toThrow(/Cannot reach the server/);
  });
});
