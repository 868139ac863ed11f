import { screen, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { tokenStore } from '@/lib/token-store';
import { mockApi } from '@/testing/mock-api';
import type { Tree } from '@/types/api';
import { AppProvider, createAppQueryClient } from './provider';
import { routes } from './router';

const me = { id: 'u1', email: 'dana@example.com', name: 'Dana', role: 'admin', team_id: 't' };
const counts = { total: 3, troubleshooting: 1, procedural: 1, maintenance: 1 };

const tree = (id: string, name: string, tree_type: Tree['tree_type']): Tree => ({
  id,
  team_id: 't',
  created_by: 'u1',
  name,
  description: `${name} description`,
  tree_type,
  tree_structure: tree_type === 'troubleshooting' ? { root: 'q', nodes: [] } : { steps: [] },
  created_at: '2026-11-27T10:00:00.000Z',
  updated_at: '2026-11-27T10:00:00.000Z',
});

const trees = [tree('1', 'Patch RDS', 'maintenance'), tree('2', 'Printer offline', 'troubleshooting'), tree('3', 'Onboard user', 'procedural')];

function renderApp(url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const client = createAppQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  const user = userEvent.setup();
  render(
    <AppProvider queryClient={client}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, user };
}

describe('the app shell', () => {
  it('sends an anonymous visitor to sign-in, then back where they were going', async () => {
    const net = mockApi()
      .on('POST', '/auth/login', (req) =>
        (req.body as { password: string }).password === 'right-password'
          ? { body: { access_token: 'tok', token_type: 'bearer', user: me } }
          : { status: 401, body: { detail: 'Incorrect email or password' } },
      )
      .on('GET', '/auth/me', { body: me })
      .on('GET', '/trees/counts', { body: counts })
      .on('GET', '/trees/', { body: trees });
    const { router, user } = renderApp('/trees?type=maintenance');
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?redirectTo=%2Ftrees%3Ftype%3Dmaintenance');

    await user.type(screen.getByLabelText('Email'), 'dana@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findAllByText('Incorrect email or password')).not.toHaveLength(0);
    expect(tokenStore.get()).toBeNull();

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Maintenance' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?type=maintenance');
    expect(tokenStore.get()).toBe('tok');
    expect(net.callsTo('GET', '/trees/').at(-1)!.query.get('tree_type')).toBe('maintenance');
  });

  it('shows the sidebar counts and a badge per type; the type filter lives in the URL', async () => {
    tokenStore.set('tok');
    mockApi()
      .on('GET', '/auth/me', { body: me })
      .on('GET', '/trees/counts', { body: counts })
      .on('GET', '/trees/', (req) => ({ body: trees.filter((t) => !req.query.get('tree_type') || t.tree_type === req.query.get('tree_type')) }));
    const { router, user } = renderApp('/trees');
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(await within(nav).findByRole('link', { name: 'Maintenance 1 flow' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'All flows 3 flows' })).toHaveAttribute('aria-current', 'page');

    const flows = await screen.findByRole('list', { name: 'Flows' });
    expect(within(flows).getAllByRole('listitem')).toHaveLength(3);
    const maintenanceBadge = within(flows).getByText('Maintenance');
    expect(maintenanceBadge).toHaveAttribute('data-tree-type', 'maintenance');
    expect(maintenanceBadge.className).toMatch(/amber/);
    // Maintenance flows open on their run page.
    expect(within(flows).getByRole('link', { name: /Patch RDS/ })).toHaveAttribute('href', '/flows/1/maintenance');

    await user.click(within(nav).getByRole('link', { name: /^Maintenance/ }));
    expect(router.state.location.search).toBe('?type=maintenance');
    expect(await screen.findByRole('heading', { level: 1, name: 'Maintenance' })).toBeInTheDocument();
    await screen.findByText('Patch RDS');
    expect(screen.queryByText('Printer offline')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'List view' }));
    expect(router.state.location.search).toBe('?type=maintenance&view=list');
    expect(screen.getByRole('table', { name: 'Flows' })).toBeInTheDocument();
  });

  it('returns to sign-in when the token stops working', async () => {
    tokenStore.set('revoked');
    mockApi().on('GET', '/auth/me', { status: 401, body: { detail: 'Not authenticated' } }).on('GET', '/trees/counts', { status: 401, body: { detail: 'Not authenticated' } });
    const { router } = renderApp('/sessions');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(tokenStore.get()).toBeNull();
  });

  it('joins a team with an invite link and goes on to the app', async () => {
    const net = mockApi()
      .on('POST', '/auth/register', { status: 201, body: { access_token: 'tok', token_type: 'bearer', user: { ...me, name: 'Sam', role: 'engineer' } } })
      .on('GET', '/auth/me', { body: { ...me, name: 'Sam', role: 'engineer' } })
      .on('GET', '/trees/counts', { body: counts })
      .on('GET', '/trees/', { body: [] });
    const { router, user } = renderApp('/join/INV-123');
    await user.type(screen.getByLabelText('Your name'), 'Sam');
    await user.type(screen.getByLabelText('Work email'), 'sam@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findByText('Welcome to the team, Sam')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/trees');
    expect(net.callsTo('POST', '/auth/register')[0]!.body).toEqual({ email: 'sam@example.com', password: 'long-enough', name: 'Sam', invite_code: 'INV-123' });
  });

  it('explains an expired invite link', async () => {
    mockApi().on('POST', '/auth/register', { status: 404, body: { detail: 'Invite not found' } });
    const { user } = renderApp('/join/OLD');
    await user.type(screen.getByLabelText('Your name'), 'Sam');
    await user.type(screen.getByLabelText('Work email'), 'sam@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findAllByText(/unknown or has expired/)).not.toHaveLength(0);
    expect(tokenStore.get()).toBeNull();
  });
});
