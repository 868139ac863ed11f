import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HttpResponse } from 'msw';
import { api, json, mockNetwork } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { HistoryEntry } from '@/types/api';
import { RunHistory } from './run-history';

const history: HistoryEntry[] = [
  {
    kind: 'batch',
    batch_id: 'b2',
    tree_id: 't1',
    schedule_id: 'sch1',
    source: 'schedule',
    scheduled_for: '2026-11-15T08:00:00.000Z',
    created_at: '2026-11-15T08:00:00.300Z',
    created_by: 'u1',
    created_by_name: 'Dana',
    total: 3,
    completed: 1,
    in_progress: 1,
    not_started: 1,
  },
  {
    kind: 'missed',
    id: 'm1',
    schedule_id: 'sch1',
    missed_count: 4,
    first_missed_at: '2026-11-11T08:00:00.000Z',
    last_missed_at: '2026-11-14T08:00:00.000Z',
    created_at: '2026-11-15T08:00:00.100Z',
  },
];

describe('RunHistory', () => {
  it('shows batches with completed/total, missed runs, and opens a batch’s sessions', async () => {
    mockNetwork(
      api.get('/trees/:id/batches', () => json(history)),
      api.get('/batches/:id', () =>
        json({
          ...history[0],
          tree_name: 'Patch',
          sessions: [
            {
              id: 's1',
              target_label: 'RDS-01',
              target_notes: 'host 1',
              status: 'completed',
              user_id: 'u1',
              user_name: 'Dana',
              started_at: '2026-11-15T09:00:00Z',
              completed_at: '2026-11-15T09:30:00Z',
            },
            {
              id: 's2',
              target_label: 'RDS-02',
              target_notes: '',
              status: 'in_progress',
              user_id: 'u1',
              user_name: 'Dana',
              started_at: '2026-11-15T09:00:00Z',
              completed_at: null,
            },
          ],
        }),
      ),
    );
    const { user } = renderWithApp(<RunHistory treeId="t1" treeName="Patch the RDS farm" />);

    const row = await screen.findByTestId('batch-row');
    expect(within(row).getByTestId('batch-progress')).toHaveTextContent('1/3');
    expect(within(row).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
    expect(within(row).getByText('schedule')).toBeInTheDocument();
    expect(within(row).getByText('1 in progress')).toBeInTheDocument();
    expect(screen.getByTestId('missed-row')).toHaveTextContent('missed ×4');

    await user.click(within(row).getByRole('button', { name: /Show sessions/ }));
    const sessions = await within(row).findByRole('table', { name: 'Sessions of this batch' });
    expect(within(sessions).getByRole('link', { name: 'Open session for RDS-01' })).toHaveAttribute(
      'href',
      '/sessions/s1',
    );
    expect(within(sessions).getByRole('link', { name: 'Open session for RDS-02' })).toHaveTextContent('Resume');
  });

  it('downloads the CSV report with the token, as a file', async () => {
    const net = mockNetwork(
      api.get('/trees/:id/batches', () => json(history.slice(0, 1))),
      api.get('/batches/:id/report.csv', () =>
        HttpResponse.text('target\nRDS-01', { headers: { 'Content-Type': 'text/csv' } }),
      ),
    );
    const createObjectURL = vi.fn(() => 'blob:report');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = renderWithApp(<RunHistory treeId="t1" treeName="Patch the RDS farm" />);
    await user.click(await screen.findByRole('button', { name: /Download CSV report/ }));
    expect(await screen.findByText('Report downloaded')).toBeInTheDocument();
    expect(net.callsTo('GET', '/batches/:id/report.csv')[0]!.headers.Authorization).toBe('Bearer test-token');
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
  });

  it('shows a scheduled run skipped over the session quota, and bounds a long history', async () => {
    const batches: HistoryEntry[] = Array.from({ length: 40 }, (_, i) => ({
      ...(history[0] as Extract<HistoryEntry, { kind: 'batch' }>),
      batch_id: `b${i}`,
      created_at: `2026-10-${String(30 - (i % 28)).padStart(2, '0')}T08:00:00.000Z`,
    }));
    mockNetwork(
      api.get('/trees/:id/batches', () =>
        json([
          {
            kind: 'skipped',
            id: 'k1',
            schedule_id: 'sch1',
            reason: 'quota',
            scheduled_for: '2026-11-16T08:00:00.000Z',
            total: 250,
            created_at: '2026-11-16T08:00:00.200Z',
          },
          ...batches,
        ]),
      ),
    );
    const { user } = renderWithApp(<RunHistory treeId="t1" treeName="Patch the RDS farm" />);
    const skipped = await screen.findByTestId('skipped-row');
    expect(skipped).toHaveTextContent('skipped');
    expect(skipped).toHaveTextContent(/session quota \(250 targets\)/);
    expect(screen.getAllByTestId('batch-row')).toHaveLength(29);
    expect(screen.getByText('Showing 30 of 41 entries')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show older runs' }));
    expect(screen.getAllByTestId('batch-row')).toHaveLength(40);
    expect(screen.queryByRole('button', { name: 'Show older runs' })).not.toBeInTheDocument();
  });
});
