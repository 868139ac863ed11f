import { screen, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { tokenStore } from '@/lib/token-store';
import { api, bodyOf, json, mockNetwork, paged, problem } from '@/testing/mocks/api';
import type { TreeSummary } from '@/types/api';
import { AppProvider, createAppQueryClient } from './provider';
import { routes } from './router';

const me = { id: 'u1', email: 'dana@example.com', name: 'Dana', role: 'admin', team_id: 't' };
const openRegistration = { mode: 'open', can_create_team: true };
const counts = { total: 3, troubleshooting: 1, procedural: 1, maintenance: 1 };

// `GET /trees` answers summaries: a step count, no structure.
const tree = (id: string, name: string, tree_type: TreeSummary['tree_type'], step_count = 3): TreeSummary => ({
  id,
  team_id: 't',
  created_by: 'u1',
  name,
  description: `${name} description`,
  tree_type,
  step_count,
  created_at: '2026-11-27T10:00:00.000Z',
  updated_at: '2026-11-27T10:00:00.000Z',
});

const trees = [
  tree('1', 'Patch RDS', 'maintenance'),
  tree('2', 'Printer offline', 'troubleshooting'),
  tree('3', 'Onboard user', 'procedural'),
];

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
    const net = mockNetwork(
      api.post('/auth/login', async ({ request }) =>
        (await bodyOf<{ password: string }>(request)).password === 'right-password'
          ? json({ access_token: 'tok', token_type: 'bearer', user: me })
          : problem(401, 'Incorrect email or password'),
      ),
      api.get('/auth/registration', () => json(openRegistration)),
      api.get('/auth/me', () => json(me)),
      api.get('/trees/counts', () => json(counts)),
      api.get('/trees/', ({ request }) => paged(trees, request)),
    );
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
    mockNetwork(
      api.get('/auth/me', () => json(me)),
      api.get('/trees/counts', () => json(counts)),
      api.get('/trees/', ({ request }) => {
        const type = new URL(request.url).searchParams.get('tree_type');
        return paged(
          trees.filter((t) => !type || t.tree_type === type),
          request,
        );
      }),
    );
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

  it('pages the library: the first page only, then more on request, with step counts from the list', async () => {
    tokenStore.set('tok');
    const many = Array.from({ length: 70 }, (_, i) =>
      tree(
        `f${i}`,
        `Flow ${String(i + 1).padStart(2, '0')}`,
        i % 2 ? 'troubleshooting' : 'procedural',
        i === 0 ? 1 : 4,
      ),
    );
    const net = mockNetwork(
      api.get('/auth/me', () => json(me)),
      api.get('/trees/counts', () => json({ total: 70, troubleshooting: 35, procedural: 35, maintenance: 0 })),
      api.get('/trees/', ({ request }) => paged(many, request)),
    );
    const { user } = renderApp('/trees?view=list');
    const table = await screen.findByRole('table', { name: 'Flows' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 48);
    expect(within(table).getByRole('row', { name: /Flow 01/ })).toHaveTextContent('1 step');
    expect(within(table).getByRole('row', { name: /Flow 02/ })).toHaveTextContent('4 nodes');
    expect(screen.getByText('Showing 48 of 70 flows')).toBeInTheDocument();
    expect(net.callsTo('GET', '/trees/')[0]!.query.get('limit')).toBe('48');
    expect(net.callsTo('GET', '/trees/')[0]!.query.get('offset')).toBe('0');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('70 flows')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 70);
    expect(net.callsTo('GET', '/trees/').at(-1)!.query.get('offset')).toBe('48');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('returns to sign-in when the token stops working', async () => {
    tokenStore.set('revoked');
    mockNetwork(
      api.get('/auth/me', () => problem(401, 'Not authenticated')),
      api.get('/trees/counts', () => problem(401, 'Not authenticated')),
      // The sign-in page asks whether to offer "Create a team".
      api.get('/auth/registration', () => json(openRegistration)),
    );
    const { router } = renderApp('/sessions');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(tokenStore.get()).toBeNull();
  });

  it('joins a team with an invite link and goes on to the app', async () => {
    const net = mockNetwork(
      api.post('/auth/register', () =>
        json({ access_token: 'tok', token_type: 'bearer', user: { ...me, name: 'Sam', role: 'engineer' } }, 201),
      ),
      api.get('/auth/me', () => json({ ...me, name: 'Sam', role: 'engineer' })),
      api.get('/trees/counts', () => json(counts)),
      api.get('/trees/', () => json([])),
    );
    const { router, user } = renderApp('/join/INV-123');
    await user.type(screen.getByLabelText('Your name'), 'Sam');
    await user.type(screen.getByLabelText('Work email'), 'sam@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findByText('Welcome to the team, Sam')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/trees');
    expect(net.callsTo('POST', '/auth/register')[0]!.body).toEqual({
      email: 'sam@example.com',
      password: 'long-enough',
      name: 'Sam',
      invite_code: 'INV-123',
    });
  });

  it('explains an expired invite link', async () => {
    mockNetwork(api.post('/auth/register', () => problem(404, 'Invite not found')));
    const { user } = renderApp('/join/OLD');
    await user.type(screen.getByLabelText('Your name'), 'Sam');
    await user.type(screen.getByLabelText('Work email'), 'sam@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findAllByText(/unknown, revoked or has expired/)).not.toHaveLength(0);
    expect(tokenStore.get()).toBeNull();
  });
});

describe('quota answers', () => {
  it('shows a 429 on starting a session as a toast that says when to try again', async () => {
    tokenStore.set('tok');
    mockNetwork(
      api.get('/auth/me', () => json(me)),
      api.get('/trees/counts', () => json(counts)),
      api.get('/trees/:id', () =>
        json({
          ...tree('2', 'Printer offline', 'troubleshooting'),
          tree_structure: { root: 'q', nodes: [{ id: 'q', type: 'solution', title: 'Done', answers: [] }] },
        }),
      ),
      api.get('/sessions/', () => json({ items: [], total: 0, page: 1, size: 10 })),
      api.post('/sessions/', () =>
        problem(429, 'Your team has created its limit of 20,000 sessions in 10 minutes; try again in 90 s', {
          'Retry-After': '90',
        }),
      ),
    );
    const { user, router } = renderApp('/flows/2');
    await user.click(await screen.findByRole('button', { name: 'Start session' }));
    const toast = (await screen.findByText('Limit reached')).closest('[data-kind]')!;
    expect(toast).toHaveAttribute('data-kind', 'error');
    expect(toast).toHaveTextContent(
      /limit of 20,000 sessions in 10 minutes; try again in 90 s\. Try again at \d\d:\d\d \(in 2 min\)\./,
    );
    expect(router.state.location.pathname).toBe('/flows/2');
  });
});

describe('registration under invite mode', () => {
  const created = { access_token: 'tok', token_type: 'bearer', user: me };

  it('lets the first visitor of an empty server create the team', async () => {
    const net = mockNetwork(
      api.get('/auth/registration', () => json({ mode: 'invite', can_create_team: true })),
      api.post('/auth/register', () => json(created, 201)),
      api.get('/auth/me', () => json(me)),
      api.get('/trees/counts', () => json(counts)),
      api.get('/trees/', ({ request }) => paged([], request)),
    );
    const { router, user } = renderApp('/register');
    expect(await screen.findByRole('heading', { name: 'Set up ResolutionFlow' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Team name'), 'Contoso IT');
    await user.type(screen.getByLabelText('Your name'), 'Dana');
    await user.type(screen.getByLabelText('Work email'), 'dana@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    expect(await screen.findByText('Team created — welcome, Dana')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/trees');
    expect(net.callsTo('POST', '/auth/register')[0]!.body).toMatchObject({ team_name: 'Contoso IT' });
  });

  it(
    'tells a visitor without an invite that registration is by invitation, ' + 'and takes the invite link instead',
    async () => {
      const net = mockNetwork(api.get('/auth/registration', () => json({ mode: 'invite', can_create_team: false })));
      const { router, user } = renderApp('/register');
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Registration is by invitation only — ask a team admin for an invite link',
      );
      expect(screen.queryByLabelText('Team name')).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Create team' })).not.toBeInTheDocument();

      await user.type(screen.getByLabelText('Invite link or code'), 'https://rf.example.com/join/AbC-123_x?utm=mail');
      await user.click(screen.getByRole('button', { name: 'Continue with this invite' }));
      expect(router.state.location.pathname).toBe('/join/AbC-123_x');
      expect(await screen.findByRole('heading', { name: 'Join your team' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Join team' })).toBeInTheDocument();
      expect(net.callsTo('POST', '/auth/register')).toHaveLength(0);
    },
  );

  it('shows a 403 from register clearly and switches to the invite path', async () => {
    // The page said a team could be created, but someone else was first.
    let teams = 0;
    mockNetwork(
      api.get('/auth/registration', () => json({ mode: 'invite', can_create_team: teams === 0 })),
      api.post('/auth/register', () => {
        teams = 1;
        return problem(403, 'Registration is by invitation only');
      }),
    );
    const { user } = renderApp('/register');
    await user.type(await screen.findByLabelText('Team name'), 'Late IT');
    await user.type(screen.getByLabelText('Your name'), 'Lee');
    await user.type(screen.getByLabelText('Work email'), 'lee@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    expect(await screen.findByLabelText('Invite link or code')).toBeInTheDocument();
    expect(
      screen.getAllByText(/Registration is by invitation only — ask a team admin for an invite link/).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByLabelText('Team name')).not.toBeInTheDocument();
    expect(tokenStore.get()).toBeNull();
  });

  it('offers the invite path from the create-team page too', async () => {
    mockNetwork(api.get('/auth/registration', () => json({ mode: 'open', can_create_team: true })));
    const { router, user } = renderApp('/register');
    expect(await screen.findByRole('heading', { name: 'Create a team' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have an invite' }));
    await user.type(screen.getByLabelText('Invite link or code'), 'XYZ789');
    await user.click(screen.getByRole('button', { name: 'Continue with this invite' }));
    expect(router.state.location.pathname).toBe('/join/XYZ789');
  });

  it('explains a full team when joining', async () => {
    mockNetwork(
      api.post('/auth/register', () =>
        problem(403, 'Your team has reached its limit of 500 members; the operator of this server can raise it'),
      ),
    );
    const { user } = renderApp('/join/CODE');
    await user.type(screen.getByLabelText('Your name'), 'Sam');
    await user.type(screen.getByLabelText('Work email'), 'sam@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect((await screen.findAllByText(/limit of 500 members/)).length).toBeGreaterThan(0);
  });
});
