import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionRunnerRoute } from '@/app/routes/app/session-runner';
import { api, bodyOf, json, mockNetwork, problem, type Network } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { Session, TreeStructure } from '@/types/api';

const me = { id: 'u1', email: 'dana@example.com', name: 'Dana', role: 'engineer', team_id: 't' };

function session(structure: TreeStructure, patch: Partial<Session> = {}): Session {
  return {
    id: 's1',
    tree_id: 'tree-1',
    tree_name: 'Patch the RDS farm',
    user_id: 'u1',
    user_name: 'Dana',
    tree_snapshot: structure,
    path_taken: [],
    decisions: {},
    custom_steps: [],
    session_variables: {},
    notes: '',
    batch_id: null,
    target_label: 'RDS-01',
    target_notes: 'Contoso',
    started_at: '2026-11-27T10:00:00.000Z',
    completed_at: null,
    status: 'not_started',
    ...patch,
  };
}

/** A server that keeps the session and applies PATCHes as the real one does. */
function sessionServer(initial: Session): { net: Network; current: () => Session } {
  let current = initial;
  const net = mockNetwork(
    api.get('/auth/me', () => json(me)),
    api.get('/sessions/:id', () => json(current)),
    api.patch('/sessions/:id', async ({ request }) => {
      current = { ...current, ...(await bodyOf<Partial<Session>>(request)), status: 'in_progress' };
      return json(current);
    }),
    api.post('/sessions/:id/complete', () => {
      current = { ...current, status: 'completed', completed_at: '2026-11-27T11:00:00.000Z' };
      return json(current);
    }),
  );
  return { net, current: () => current };
}

const procedure: TreeStructure = {
  steps: [
    { id: 'a', type: 'procedure_step', title: 'Drain the host', content_type: 'action' },
    { id: 'b', type: 'procedure_step', title: 'Install updates', content_type: 'warning' },
    { id: 'c', type: 'procedure_end', title: 'Verify logons', content_type: 'verification' },
  ],
};

const renderRunner = () => renderWithApp(<SessionRunnerRoute />, { url: '/sessions/s1', path: '/sessions/:id' });

describe('procedure runner', () => {
  it('saves each step as it is marked, with notes and custom steps, then completes', async () => {
    const { net, current } = sessionServer(session(procedure));
    const { user } = renderRunner();

    await screen.findByText('Drain the host');
    expect(screen.getByTestId('runner-progress')).toHaveTextContent('0/3');
    expect(screen.getByRole('listitem', { current: 'step' })).toHaveAccessibleName('Step 1: Drain the host');

    await user.click(screen.getByRole('button', { name: 'Mark done' }));
    await user.type(screen.getByLabelText('Note for step 2'), 'Not this month: change freeze');
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() =>
      expect(current().decisions).toEqual({
        a: { status: 'done' },
        b: { status: 'skipped', note: 'Not this month: change freeze' },
      }),
    );
    expect(current().path_taken).toEqual(['a', 'b']);
    expect(screen.getByTestId('runner-progress')).toHaveTextContent('2/3');
    // Each PATCH names only the fields that changed (the server keeps the others as they are).
    expect(Object.keys(net.callsTo('PATCH', '/sessions/:id')[0]!.body as object).sort()).toEqual([
      'decisions',
      'path_taken',
    ]);

    // A custom step goes after the step in focus (the last one).
    await user.click(screen.getByRole('button', { name: 'Add custom step' }));
    await user.type(screen.getByLabelText('Custom step title'), 'Clear the print spooler');
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    await waitFor(() =>
      expect(current().custom_steps).toEqual([
        expect.objectContaining({ title: 'Clear the print spooler', after: 'c' }),
      ]),
    );
    expect(Object.keys(net.callsTo('PATCH', '/sessions/:id').at(-1)!.body as object)).toEqual(['custom_steps']);
    expect(screen.getByTestId('runner-progress')).toHaveTextContent('2/4');

    await user.click(screen.getByRole('button', { name: 'Complete session' }));
    // Two steps are still open: the runner asks first.
    const confirm = screen.getByRole('dialog', { name: 'Complete this session?' });
    expect(confirm).toHaveTextContent('2 steps are neither done nor skipped');
    await user.click(within(confirm).getByRole('button', { name: 'Complete' }));
    expect(await screen.findByText(/This session is completed/)).toBeInTheDocument();
    expect(net.callsTo('POST', '/sessions/:id/complete')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Mark done' })).not.toBeInTheDocument();
  });

  it('resumes at the first open step after a reload', async () => {
    sessionServer(
      session(procedure, { decisions: { a: { status: 'done' } }, path_taken: ['a'], status: 'in_progress' }),
    );
    renderRunner();
    await screen.findByText('Drain the host');
    expect(screen.getByRole('listitem', { current: 'step' })).toHaveAccessibleName('Step 2: Install updates');
    expect(screen.getByTestId('runner-progress')).toHaveTextContent('1/3');
  });

  it('keeps unsaved progress and says so when a save fails', async () => {
    const { net } = sessionServer(session(procedure));
    net.use(api.patch('/sessions/:id', () => problem(503, 'Database unavailable')));
    const { user } = renderRunner();
    await user.click(await screen.findByRole('button', { name: 'Mark done' }));
    expect(await screen.findByText('Progress not saved')).toBeInTheDocument();
    expect(screen.getByText('Not saved')).toBeInTheDocument();
    expect(screen.getByTestId('runner-progress')).toHaveTextContent('1/3');
  });
});

describe('progress over the size limit', () => {
  it('says why the save was refused', async () => {
    const { net } = sessionServer(session(procedure));
    net.use(
      api.patch('/sessions/:id', () =>
        problem(422, [{ loc: ['body'], msg: 'Session progress must be at most 256 KiB', type: 'too_large' }]),
      ),
    );
    const { user } = renderRunner();
    await user.click(await screen.findByRole('button', { name: 'Mark done' }));
    const toast = (await screen.findByText('Progress not saved')).closest('[data-kind]')!;
    expect(toast).toHaveTextContent('Session progress must be at most 256 KiB');
  });
});

describe('troubleshooting runner', () => {
  const tree: TreeStructure = {
    root: 'q1',
    nodes: [
      {
        id: 'q1',
        type: 'question',
        title: 'Can you ping the gateway?',
        answers: [
          { label: 'Yes', next: 'q2' },
          { label: 'No', next: 's1' },
        ],
      },
      { id: 'q2', type: 'question', title: 'Does DNS resolve?', answers: [{ label: 'No', next: 's2' }] },
      { id: 's1', type: 'solution', title: 'Replace the cable', answers: [] },
      { id: 's2', type: 'solution', title: 'Set DNS to 1.1.1.1', answers: [] },
    ],
  };

  it('answers until a solution, can change an answer, and saves the path', async () => {
    const { current } = sessionServer(session(tree));
    const { user } = renderRunner();
    await screen.findByText('Can you ping the gateway?');
    await user.click(screen.getByRole('button', { name: 'Yes' }));
    await screen.findByText('Does DNS resolve?');
    await user.click(screen.getByRole('button', { name: 'No' }));
    expect(await screen.findByText('Set DNS to 1.1.1.1')).toBeInTheDocument();
    expect(screen.getByText(/Solution reached/)).toBeInTheDocument();
    await waitFor(() => expect(current().path_taken).toEqual(['q1', 'q2', 's2']));
    expect(current().decisions).toEqual({ q1: { answer: 0, label: 'Yes' }, q2: { answer: 0, label: 'No' } });

    // Change the first answer: the walk after it is dropped.
    const trail = screen.getByRole('list', { name: 'Answers so far' });
    await user.click(within(trail).getAllByRole('button', { name: /Change/ })[0]!);
    await user.click(screen.getByRole('button', { name: 'No' }));
    expect(await screen.findByText('Replace the cable')).toBeInTheDocument();
    await waitFor(() => expect(current().path_taken).toEqual(['q1', 's1']));
    expect(current().decisions).toEqual({ q1: { answer: 1, label: 'No' } });
  });
});
