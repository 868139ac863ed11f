import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api, bodyOf, json, mockNetwork, problem } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { BatchEntry } from '@/types/api';
import { ApiError } from '@/lib/api-client';
import { BatchLaunchDialog, type SavedTargetList } from './batch-launch-dialog';

// The picker has summaries (a count); the targets come from the list's own GET when chosen.
const lists: SavedTargetList[] = [{ id: 'l1', name: 'Contoso RDS', target_count: 3 }];
const contosoTargets = [
  { label: 'RDS-01', notes: 'host 1' },
  { label: 'RDS-02', notes: '' },
  { label: 'RDS-03', notes: '' },
];

const pastBatch: BatchEntry = {
  kind: 'batch',
  batch_id: 'b1',
  tree_id: 't1',
  schedule_id: null,
  source: 'manual',
  scheduled_for: null,
  created_at: '2026-11-01T10:00:00.000Z',
  created_by: 'u1',
  created_by_name: 'Dana',
  total: 3,
  completed: 1,
  in_progress: 1,
  not_started: 1,
};

function setup({ history = [] as BatchEntry[] } = {}) {
  const net = mockNetwork(
    api.get('/trees/:id/batches', () => json(history)),
    api.get('/batches/:id', () =>
      json({
        ...pastBatch,
        tree_name: 'Patch',
        sessions: [
          {
            id: 's1',
            target_label: 'DC-01',
            target_notes: 'primary',
            status: 'completed',
            user_id: 'u1',
            user_name: 'Dana',
            started_at: '',
            completed_at: '',
          },
          {
            id: 's2',
            target_label: 'DC-02',
            target_notes: '',
            status: 'in_progress',
            user_id: 'u1',
            user_name: 'Dana',
            started_at: '',
            completed_at: null,
          },
          {
            id: 's3',
            target_label: 'DC-03',
            target_notes: '',
            status: 'not_started',
            user_id: 'u1',
            user_name: 'Dana',
            started_at: '',
            completed_at: null,
          },
        ],
      }),
    ),
    api.post('/sessions/batch', async ({ request }) => {
      const { targets } = await bodyOf<{ targets: { label: string }[] }>(request);
      return json({ batch_id: 'new', count: targets.length, sessions: [] }, 201);
    }),
  );
  const onClose = vi.fn();
  const onLaunched = vi.fn();
  const loadTargetList = vi.fn((id: string) =>
    id === 'l1'
      ? Promise.resolve({ targets: contosoTargets })
      : Promise.reject(new ApiError(404, 'Target list not found')),
  );
  const view = renderWithApp(
    <BatchLaunchDialog
      open
      onClose={onClose}
      onLaunched={onLaunched}
      treeId="t1"
      treeName="Patch the RDS farm"
      targetLists={lists}
      loadTargetList={loadTargetList}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Batch launch' });
  return { ...view, net, onClose, onLaunched, dialog, loadTargetList };
}

describe('BatchLaunchDialog', () => {
  it('previews manual targets and launches them', async () => {
    const { user, net, dialog, onClose, onLaunched } = setup();
    const launch = within(dialog).getByRole('button', { name: /^Launch/ });
    expect(launch).toBeDisabled();
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('No targets yet');

    await user.type(
      within(dialog).getByLabelText(/^Targets/),
      'RDS-01 # Contoso{enter}RDS-02{enter}{enter}RDS-03{enter}FS-01 # files{enter}rds-01',
    );
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent(
      'Will create 4 sessions: RDS-01, RDS-02, RDS-03 +1 more',
    );
    expect(within(dialog).getByText(/1 duplicate ignored/)).toBeInTheDocument();

    await user.click(launch);
    const [call] = net.callsTo('POST', '/sessions/batch');
    expect(call!.body).toEqual({
      tree_id: 't1',
      targets: [
        { label: 'RDS-01', notes: 'Contoso' },
        { label: 'RDS-02' },
        { label: 'RDS-03' },
        { label: 'FS-01', notes: 'files' },
      ],
    });
    expect(await screen.findByText('Launched 4 sessions')).toBeInTheDocument();
    expect(onLaunched).toHaveBeenCalledWith(expect.objectContaining({ batch_id: 'new', count: 4 }));
    expect(onClose).toHaveBeenCalled();
  });

  it('launches from a saved list, loading its targets when it is chosen', async () => {
    const { user, net, dialog, loadTargetList } = setup();
    await user.click(within(dialog).getByRole('tab', { name: 'Saved list' }));
    expect(within(dialog).getByRole('option', { name: 'Contoso RDS (3)' })).toBeInTheDocument();
    expect(loadTargetList).not.toHaveBeenCalled();
    await user.selectOptions(within(dialog).getByLabelText('Target list'), 'l1');
    expect(await within(dialog).findByText('RDS-02')).toBeInTheDocument();
    expect(loadTargetList).toHaveBeenCalledWith('l1', expect.anything());
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent(
      'Will create 3 sessions: RDS-01, RDS-02, RDS-03',
    );
    await user.click(within(dialog).getByRole('button', { name: /^Launch/ }));
    expect(net.callsTo('POST', '/sessions/batch')[0]!.body).toEqual({
      tree_id: 't1',
      targets: [{ label: 'RDS-01', notes: 'host 1' }, { label: 'RDS-02' }, { label: 'RDS-03' }],
    });
  });

  it('reuses a previous run, optionally only the targets not completed', async () => {
    const { user, dialog } = setup({ history: [pastBatch] });
    await user.click(within(dialog).getByRole('tab', { name: 'Previous run' }));
    expect(await within(dialog).findByText('DC-01')).toBeInTheDocument();
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent(
      'Will create 3 sessions: DC-01, DC-02, DC-03',
    );
    await user.click(within(dialog).getByLabelText('Only targets not completed'));
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('Will create 2 sessions: DC-02, DC-03');
  });

  it('imports targets from a CSV export, with the chosen columns', async () => {
    const { user, dialog } = setup();
    await user.click(within(dialog).getByRole('tab', { name: 'Import CSV' }));
    const csv =
      '\uFEFF"Device ID","Device Name","Client"\r\n"1","PC-ACME-01","Acme, Inc."\r\n"2","PC-ACME-02","Acme, Inc."\r\n';
    const file = new File([csv], 'devices.csv', { type: 'text/csv' });
    await user.upload(within(dialog).getByLabelText('CSV file'), file);
    expect(await within(dialog).findByText('devices.csv')).toBeInTheDocument();
    // Guessed from the header: label "Device Name", notes "Client" (the guess lands one
    // render after the file name does).
    await waitFor(() => expect(within(dialog).getByLabelText('Label column')).toHaveDisplayValue('Device Name'));
    expect(within(dialog).getByLabelText('Notes column')).toHaveDisplayValue('Client');
    const preview = within(dialog).getByRole('table', { name: 'CSV preview' });
    expect(within(preview).getAllByRole('row')).toHaveLength(3);
    expect(within(preview).getAllByText('Acme, Inc.')).toHaveLength(2);
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent(
      'Will create 2 sessions: PC-ACME-01, PC-ACME-02',
    );

    await user.selectOptions(within(dialog).getByLabelText('Label column'), 'Device ID');
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('Will create 2 sessions: 1, 2');
  });

  it('shows a refused launch in place, naming the target', async () => {
    const { user, net, dialog, onClose } = setup();
    net.use(
      api.post('/sessions/batch', () =>
        problem(422, [
          {
            loc: ['body', 'targets', 1, 'label'],
            msg: 'String should have at least 1 character',
            type: 'string_too_short',
          },
        ]),
      ),
    );
    await user.type(within(dialog).getByLabelText(/^Targets/), 'A{enter}B');
    await user.click(within(dialog).getByRole('button', { name: /^Launch/ }));
    expect(
      await within(dialog).findByText('Target 2 (B): String should have at least 1 character'),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes on Escape', async () => {
    const { user, onClose } = setup();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
