import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { delay } from 'msw';
import { api, json, mockNetwork, network, problem } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import { CronPreview } from './cron-preview';

const runs = [
  '2026-12-15T08:00:00Z',
  '2027-01-15T08:00:00Z',
  '2027-02-15T08:00:00Z',
  '2027-03-15T08:00:00Z',
  '2027-04-15T07:00:00Z',
];

describe('CronPreview', () => {
  it('asks for an expression when empty, without calling the server', () => {
    const net = network;
    renderWithApp(<CronPreview cron="  " timezone="UTC" delay={0} />);
    expect(screen.getByTestId('cron-preview')).toHaveAttribute('data-state', 'empty');
    expect(screen.getByText(/Enter a cron expression/)).toBeInTheDocument();
    expect(net.calls).toHaveLength(0);
  });

  it('shows a loading state while the server answers', async () => {
    mockNetwork(
      api.get('/maintenance-schedules/preview', async () => {
        await delay(10_000);
        return json({ description: 'x', next_runs: [] });
      }),
    );
    renderWithApp(<CronPreview cron="0 9 15 * *" timezone="UTC" delay={0} />);
    expect(await screen.findByText(/Checking the expression/)).toBeInTheDocument();
    expect(screen.getByTestId('cron-preview')).toHaveAttribute('data-state', 'loading');
  });

  it('shows the description and the next five runs in the chosen zone', async () => {
    const net = mockNetwork(
      api.get('/maintenance-schedules/preview', () =>
        json({
          description: 'At 09:00 on day 15 of every month',
          next_runs: runs,
          notes: ['On 2027-03-28 clocks go forward'],
        }),
      ),
    );
    renderWithApp(<CronPreview cron=" 0 9 15 * * " timezone="Europe/Berlin" delay={0} />);

    expect(await screen.findByText('At 09:00 on day 15 of every month')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Next runs' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0]).toHaveTextContent('15 Dec 2026, 09:00 CET');
    expect(items[4]).toHaveTextContent('15 Apr 2027, 09:00 CEST');
    expect(screen.getByText('On 2027-03-28 clocks go forward')).toBeInTheDocument();
    expect(screen.getByTestId('cron-preview')).toHaveAttribute('data-state', 'valid');

    const [call] = net.callsTo('GET', '/maintenance-schedules/preview');
    expect(call!.query.get('cron_expression')).toBe('0 9 15 * *');
    expect(call!.query.get('timezone')).toBe('Europe/Berlin');
    expect(call!.query.get('count')).toBe('5');
    expect(call!.headers.Authorization).toBe('Bearer test-token');
  });

  it("shows the parser's 422 message", async () => {
    mockNetwork(
      api.get('/maintenance-schedules/preview', () =>
        problem(422, [
          { loc: ['query', 'cron_expression'], msg: 'day-of-month 31 never occurs in February', type: 'value_error' },
        ]),
      ),
    );
    renderWithApp(<CronPreview cron="0 0 31 2 *" timezone="UTC" delay={0} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('day-of-month 31 never occurs in February');
    expect(screen.getByTestId('cron-preview')).toHaveAttribute('data-state', 'error');
    // A 422 on a preview is feedback in place, not a toast.
    expect(screen.queryByRole('alert', { name: /Could not load/ })).not.toBeInTheDocument();
  });

  it('shows a plain detail string too (unknown time zone)', async () => {
    mockNetwork(api.get('/maintenance-schedules/preview', () => problem(422, 'Unknown time zone: Mars/Olympus')));
    renderWithApp(<CronPreview cron="0 9 * * *" timezone="Mars/Olympus" delay={0} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown time zone: Mars/Olympus');
  });

  it('waits for typing to pause before asking (debounce)', async () => {
    const net = mockNetwork(
      api.get('/maintenance-schedules/preview', ({ request }) =>
        json({
          description: `Preview of ${new URL(request.url).searchParams.get('cron_expression')}`,
          next_runs: runs,
        }),
      ),
    );
    function Harness() {
      const [cron, setCron] = useState('');
      return (
        <>
          <input aria-label="cron" value={cron} onChange={(e) => setCron(e.target.value)} />
          <CronPreview cron={cron} timezone="UTC" delay={150} />
        </>
      );
    }
    const { user } = renderWithApp(<Harness />);
    await user.type(screen.getByLabelText('cron'), '*/5 * * * *');
    expect(await screen.findByText('Preview of */5 * * * *')).toBeInTheDocument();
    // One request for the finished expression, not one per key.
    expect(net.calls.length).toBeLessThanOrEqual(2);
    expect(net.calls.at(-1)!.query.get('cron_expression')).toBe('*/5 * * * *');
  });
});
