import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { useToastStore } from '@/components/ui/toast';
import { tokenStore } from '@/lib/token-store';
import { resetNetwork } from './mocks/api';
import { server } from './mocks/server';

// A request no handler answers is an error: MSW prints it and fails the request, and the
// test fails below even when the app swallowed the failure (a 404 read as "no schedule").
const unhandled: string[] = [];
server.events.on('request:unhandled', ({ request }) => {
  unhandled.push(`${request.method} ${new URL(request.url).pathname}`);
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

afterEach(() => {
  cleanup();
  tokenStore.clear();
  localStorage.clear();
  useToastStore.setState({ toasts: [] });
  vi.unstubAllGlobals();
  resetNetwork();
  const missed = unhandled.splice(0);
  if (missed.length) throw new Error(`Requests without a mock handler: ${missed.join(', ')}`);
});

afterAll(() => server.close());
