import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api, bodyOf, json, mockNetwork, problem } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { Schedule } from '@/types/api';
import { SchedulePanel } from './schedule-panel';

const preview = { description: 'At 09:00 on day 15 of every month', next_runs: ['2026-12-15T08:00:00Z'], notes: [] };

const schedule: Schedule = {
  id: 'sch1',
  tree_id: 'tree-1',
  created_by: 'u1',
  cron_expression: '0 9 15 * *',
  timezone: 'Europe/Berlin',
  target_list_id: 'l1',
  is_active: true,
  misfire_grace_seconds: 3600,
  next_run_at: '2026-12-15T08:00:00.000Z',
  last_run_at: null,
  last_batch_id: null,
  description: 'At 09:00 on day 15 of every month',
  created_at: '2026-11-27T10:00:00.000Z',
  updated_at: '2026-11-27T10:00:00.000Z',
};

const lists = [{ id: 'l1', name: 'Contoso RDS', target_count: 3 }];

describe('SchedulePanel', () => {
  it('creates a schedule with cron, time zone and target list', async () => {
    const net = mockNetwork(
      api.get('/maintenance-schedules/tree/:id', () => problem(404, 'Schedule not found')),
      api.get('/maintenance-schedules/preview', () => json(preview)),
      api.post('/maintenance-schedules/', async ({ request }) =>
        json({ ...schedule, ...(await bodyOf(request)) }, 201),
      ),
    );
    const { user } = renderWithApp(<SchedulePanel treeId="tree-1" targetLists={lists} canWrite />);

    expect(await screen.findByText('Not scheduled')).toBeInTheDocument();
    // A 404 for "no schedule yet" is not an error.
    expect(screen.queryByText('Could not load data')).not.toBeInTheDocument();

    const cron = screen.getByLabelText('Cron expression');
    await user.clear(cron);
    await user.type(cron, '0 9 15 * *');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'Europe/Berlin');
    await user.selectOptions(screen.getByLabelText('Target list'), 'l1');
    expect(await screen.findByText('At 09:00 on day 15 of every month')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create schedule' }));

    expect(net.callsTo('POST', '/maintenance-schedules/')[0]!.body).toEqual({
      tree_id: 'tree-1',
      cron_expression: '0 9 15 * *',
      timezone: 'Europe/Berlin',
      target_list_id: 'l1',
      is_active: true,
    });
    expect(await screen.findByText('Schedule created')).toBeInTheDocument();
    expect(await screen.findByRole('switch', { name: 'Schedule active' })).toBeChecked();
  });

  it('shows a 422 on save at the cron field', async () => {
    mockNetwork(
      api.get('/maintenance-schedules/tree/:id', () => json(schedule)),
      api.get('/maintenance-schedules/preview', () => json(preview)),
      api.patch('/maintenance-schedules/:id', () =>
        problem(422, [
          { loc: ['body', 'cron_expression'], msg: 'six fields: seconds are not supported', type: 'value_error' },
        ]),
      ),
    );
    const { user } = renderWithApp(<SchedulePanel treeId="tree-1" targetLists={lists} canWrite />);
    const cron = await screen.findByLabelText('Cron expression');
    await user.clear(cron);
    await user.type(cron, '0 0 9 15 * *');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(
      await screen.findByText('six fields: seconds are not supported', { selector: '#schedule-cron-error' }),
    ).toBeInTheDocument();
    expect(cron).toHaveAttribute('aria-invalid', 'true');
  });

  it('pauses and runs now', async () => {
    const net = mockNetwork(
      api.get('/maintenance-schedules/tree/:id', () => json(schedule)),
      api.get('/maintenance-schedules/preview', () => json(preview)),
      api.patch('/maintenance-schedules/:id', async ({ request }) => json({ ...schedule, ...(await bodyOf(request)) })),
      api.post('/maintenance-schedules/:id/run', () => json({ batch_id: 'b9', count: 3, sessions: [] }, 201)),
      api.get('/trees/:id/batches', () => json([])),
    );
    const { user } = renderWithApp(<SchedulePanel treeId="tree-1" targetLists={lists} canWrite />);
    const toggle = await screen.findByRole('switch', { name: 'Schedule active' });
    await user.click(toggle);
    expect(net.callsTo('PATCH', '/maintenance-schedules/:id')[0]!.body).toEqual({ is_active: false });
    expect(await screen.findByText('Schedule paused')).toBeInTheDocument();
    expect(within(screen.getByTestId('schedule-next-run')).getByText('Paused')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('Run started: 3 sessions')).toBeInTheDocument();
  });
});
