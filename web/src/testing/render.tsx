import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import { tokenStore } from '@/lib/token-store';

type RenderOptions = {
  /** The URL the component is shown at. */
  url?: string;
  /** The route pattern the component is mounted on (for useParams). */
  path?: string;
  /** Signed in with this token (default: a token is set). */
  token?: string | null;
  queryClient?: QueryClient;
};

/** Render `ui` inside the app's providers and a memory router, with a fresh query cache. */
export function renderWithApp(
  ui: ReactElement,
  { url = '/', path = '*', token = 'test-token', queryClient }: RenderOptions = {},
) {
  if (token) tokenStore.set(token);
  const client = queryClient ?? createAppQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false, staleTime: Infinity },
    mutations: { retry: false },
  });
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [url] },
  );
  const user = userEvent.setup();
  const result = render(
    <AppProvider queryClient={client}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...result, user, router, queryClient: client };
}
