// The mock network of component tests: MSW intercepts `fetch` below the app's API client, so
// the client, its headers and its error handling run as in the browser. Handlers come from
// `api.*` in ./api.ts; a request no handler answers fails the test (src/testing/setup.ts).

import { setupServer } from 'msw/node';

export const server = setupServer();
