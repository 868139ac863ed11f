import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api, bodyOf, json, mockNetwork, noContent, paged, problem } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { TargetList, TargetListSummary } from '@/types/api';
import { TargetListsManager } from './target-lists-table';

const existing: TargetList = {
  id: 'l1',
  team_id: 't',
  created_by: 'u1',
  name: 'Contoso RDS',
  description: '',
  targets: [
    { label: 'RDS-01', notes: 'host 1' },
    { label: 'RDS-02', notes: '' },
  ],
  target_count: 2,
  created_at: '2026-11-27T10:00:00.000Z',
  updated_at: '2026-11-27T10:00:00.000Z',
};

/** The list answer: summaries (a count, no targets). */
const summary = ({ targets: _targets, ...rest }: TargetList): TargetListSummary => rest;

describe('target lists', () => {
  it('creates a list from lines and an imported CSV', async () => {
    let lists: TargetList[] = [];
    const net = mockNetwork(
      api.get('/target-lists/', ({ request }) => paged(lists.map(summary), request)),
      api.post('/target-lists/', async ({ request }) => {
        const body = await bodyOf<Pick<TargetList, 'name'> & { targets: { label: string; notes?: string }[] }>(request);
        const created = {
          ...existing,
          id: 'l2',
          name: body.name,
          targets: body.targets.map((t) => ({ notes: '', ...t })),
          target_count: body.targets.length,
        };
        lists = [created];
        return json(created, 201);
      }),
    );
    const { user } = renderWithApp(<TargetListsManager canWrite />);
    expect(await screen.findByText('No target lists yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New target list' }));
    const dialog = screen.getByRole('dialog', { name: 'New target list' });
    await user.type(within(dialog).getByLabelText('Name'), 'Fabrikam DCs');
    await user.type(within(dialog).getByLabelText(/^Targets/), 'DC-01 # primary');
    await user.click(within(dialog).getByRole('button', { name: 'Import CSV' }));
    await user.click(within(dialog).getByLabelText('CSV content'));
    await user.paste('Hostname;Site\r\nDC-02;"Berlin; HQ"\r\nDC-03;Munich');
    expect(within(dialog).getByLabelText('Label column')).toHaveDisplayValue('Hostname');
    expect(within(dialog).getByLabelText('Notes column')).toHaveDisplayValue('Site');
    await user.click(within(dialog).getByRole('button', { name: 'Append 2' }));
    expect(within(dialog).getByLabelText(/^Targets/)).toHaveValue(
      'DC-01 # primary\nDC-02 # Berlin; HQ\nDC-03 # Munich',
    );

    await user.click(within(dialog).getByRole('button', { name: 'Create list' }));
    expect(net.callsTo('POST', '/target-lists/')[0]!.body).toEqual({
      name: 'Fabrikam DCs',
      description: '',
      targets: [
        { label: 'DC-01', notes: 'primary' },
        { label: 'DC-02', notes: 'Berlin; HQ' },
        { label: 'DC-03', notes: 'Munich' },
      ],
    });
    expect(await screen.findByText('Target list created')).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'Fabrikam DCs' })).toBeInTheDocument();
  });

  it(
    'edits a list with its targets (loaded from the list itself) as lines, ' + 'and deletes only after confirmation',
    async () => {
      const net = mockNetwork(
        api.get('/target-lists/', ({ request }) => paged([summary(existing)], request)),
        api.get('/target-lists/:id', () => json(existing)),
        api.put('/target-lists/:id', async ({ request }) => json({ ...existing, ...(await bodyOf(request)) })),
        api.delete('/target-lists/:id', () => noContent()),
      );
      const { user } = renderWithApp(<TargetListsManager canWrite />);

      await user.click(await screen.findByRole('button', { name: 'Edit Contoso RDS' }));
      const dialog = screen.getByRole('dialog', { name: 'Edit “Contoso RDS”' });
      expect(await within(dialog).findByLabelText(/^Targets/)).toHaveValue('RDS-01 # host 1\nRDS-02');
      expect(net.callsTo('GET', '/target-lists/:id')[0]!.path).toBe('/target-lists/l1');
      await user.type(within(dialog).getByLabelText(/^Targets/), '{enter}RDS-03');
      await user.click(within(dialog).getByRole('button', { name: 'Save list' }));
      expect((net.callsTo('PUT', '/target-lists/:id')[0]!.body as { targets: unknown[] }).targets).toHaveLength(3);

      await user.click(await screen.findByRole('button', { name: 'Delete Contoso RDS' }));
      const confirm = screen.getByRole('dialog', { name: 'Delete this target list?' });
      expect(net.callsTo('DELETE', '/target-lists/:id')).toHaveLength(0);
      // Cancel has the focus: Enter does not delete by accident.
      expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
      await user.click(within(confirm).getByRole('button', { name: 'Delete list' }));
      expect(net.callsTo('DELETE', '/target-lists/:id')).toHaveLength(1);
      expect(await screen.findByText('Target list deleted')).toBeInTheDocument();
    },
  );

  it('loads lists a page at a time', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...summary(existing),
      id: `l${i}`,
      name: `List ${String(i + 1).padStart(2, '0')}`,
      target_count: i + 1,
    }));
    const net = mockNetwork(api.get('/target-lists/', ({ request }) => paged(many, request)));
    const { user } = renderWithApp(<TargetListsManager canWrite={false} />);
    const table = await screen.findByRole('table', { name: 'Target lists' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 50);
    expect(screen.getByText('Showing 50 of 60 lists')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('60 lists')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 60);
    expect(net.callsTo('GET', '/target-lists/').map((c) => c.query.get('offset'))).toEqual(['0', '50']);
  });

  it('shows the limit the server names when a list cannot be created', async () => {
    mockNetwork(
      api.get('/target-lists/', ({ request }) => paged([], request)),
      api.post('/target-lists/', () =>
        problem(403, 'Your team has reached its limit of 1,000 target lists; the operator of this server can raise it'),
      ),
    );
    const { user } = renderWithApp(<TargetListsManager canWrite />);
    await user.click(await screen.findByRole('button', { name: 'New target list' }));
    const dialog = screen.getByRole('dialog', { name: 'New target list' });
    await user.type(within(dialog).getByLabelText('Name'), 'One too many');
    await user.type(within(dialog).getByLabelText(/^Targets/), 'PC-01');
    await user.click(within(dialog).getByRole('button', { name: 'Create list' }));
    expect(await screen.findByText(/limit of 1,000 target lists/)).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'New target list' })).toBeInTheDocument();
  });
});
