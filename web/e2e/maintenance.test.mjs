// End to end, against the real binary and a fresh SQLite file, in Debian's Chromium:
// create a team → a maintenance flow with three steps → a target list → batch-launch three
// targets from the saved list → run history 0/3 → run one session to completion → 1/3 →
// set a schedule and see five next runs → sign out and back in.
// Screenshots go to test-artifacts/web/ at the repository root.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { UI } from './support/ui.mjs';

const account = {
  team: 'Contoso MSP',
  name: 'Dana Engineer',
  email: 'dana@contoso.example',
  password: 'correct-horse-9',
};
const flowName = 'Patch the RDS farm';

describe('maintenance flow, end to end', { concurrency: false }, () => {
  let server;
  let browser;
  let page;
  let ui;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
    ui = new UI(page);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      const { code, signal } = await server.stop();
      assert.ok(
        code === 0 || signal === 'SIGTERM',
        `server should exit cleanly on SIGTERM (code ${code}, signal ${signal})\n${server.log()}`,
      );
    }
  });

  it('creates a team and lands in the library', async () => {
    await ui.createTeam(account);
    await page.getByTestId('current-user').getByText(account.name).waitFor();
    await browser.screenshot('01-library-empty');
  });

  it('creates a maintenance flow with three steps', async () => {
    await ui.createMaintenanceFlow({
      name: flowName,
      description: 'Monthly Windows updates on the session hosts',
      steps: [
        { title: 'Drain the session host' },
        { title: 'Install the cumulative update and reboot' },
        { title: 'Verify users can log on', contentType: 'verification' },
      ],
    });
    await page.getByRole('heading', { name: 'Run history' }).waitFor();
    await page.getByText('No runs yet').waitFor();
    // The sidebar counts follow.
    await ui
      .nav(/^Maintenance/)
      .getByText('1', { exact: true })
      .waitFor();
    await browser.screenshot('02-maintenance-flow-created');
  });

  it('creates a target list', async () => {
    await ui.createTargetList({
      name: 'Contoso RDS',
      lines: ['RDS-01 # Contoso, host 1', 'RDS-02 # Contoso, host 2', 'RDS-03'],
    });
    const row = page.getByRole('table', { name: 'Target lists' }).getByRole('row', { name: /Contoso RDS/ });
    await row.waitFor();
    // The list answer carries the count; the targets themselves open with the list.
    await row.getByRole('cell', { name: '3', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit Contoso RDS' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit “Contoso RDS”' });
    assert.equal(
      await editor.getByLabel(/^Targets/).inputValue(),
      'RDS-01 # Contoso, host 1\nRDS-02 # Contoso, host 2\nRDS-03',
    );
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await editor.waitFor({ state: 'detached' });
    await browser.screenshot('03-target-list');
  });

  it('batch-launches three targets from the saved list; history shows 0/3', async () => {
    await ui.openFlow(flowName);
    await page.getByRole('button', { name: 'Batch Launch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Batch launch' });
    await dialog.getByRole('tab', { name: 'Saved list' }).click();
    await dialog.getByLabel('Target list').selectOption({ label: 'Contoso RDS (3)' });
    await dialog.getByText('Will create 3 sessions: RDS-01, RDS-02, RDS-03').waitFor();
    await browser.screenshot('04-batch-launch-dialog');
    await dialog.getByRole('button', { name: /^Launch/ }).click();
    await ui.expectToast('Launched 3 sessions');
    await dialog.waitFor({ state: 'detached' });
    await ui.batchRows().first().waitFor();
    assert.equal(await ui.batchRows().count(), 1);
    assert.equal(await ui.batchProgress(0), '0/3');
    await browser.screenshot('05-run-history-0-of-3');
  });

  it('runs one session to completion, resuming after a reload', async () => {
    const row = ui.batchRows().first();
    // The new batch is expanded with its per-target sessions.
    await row.getByRole('table', { name: 'Sessions of this batch' }).waitFor();
    await row.getByRole('link', { name: 'Open session for RDS-01' }).click();
    await page.getByTestId('session-target').getByText('RDS-01').waitFor();

    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.getByTestId('runner-progress').getByText('1/3').waitFor();
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();

    // Progress was saved as we went: a reload resumes at step 2.
    await page.reload();
    await page.getByTestId('runner-progress').getByText('1/3').waitFor();
    const current = page.locator('li[aria-current="step"]');
    assert.match(await current.getAttribute('aria-label'), /^Step 2:/);

    await page.getByLabel('Note for step 2').fill('KB5040000 installed, rebooted at 22:10');
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.getByTestId('runner-progress').getByText('2/3').waitFor();
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.getByTestId('runner-progress').getByText('3/3').waitFor();
    await page.getByLabel('Session notes').fill('All hosts back in rotation.');
    await browser.screenshot('06-session-runner');
    await page.getByRole('button', { name: 'Complete session' }).click();
    await ui.expectToast('Session completed');
    await page.getByText('This session is completed').waitFor();
    await browser.screenshot('07-session-completed');
  });

  it('shows 1/3 in the run history and downloads the CSV report', async () => {
    await page.getByRole('link', { name: `← Run history of ${flowName}` }).click();
    await page.getByRole('heading', { name: 'Run history' }).waitFor();
    await ui.batchRows().first().getByTestId('batch-progress').getByText('1/3').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui
        .batchRows()
        .first()
        .getByRole('button', { name: /Download CSV report/ })
        .click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /RDS-01/);
    assert.match(csv, /RDS-03/);
    await browser.screenshot('08-run-history-1-of-3');
  });

  it('sets a schedule and shows the next five runs', async () => {
    await page.getByLabel('Cron expression').fill('0 9 15 * *');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Target list').selectOption({ label: 'Contoso RDS (3)' });
    await page.getByTestId('cron-description').getByText('At 09:00 on day 15 of every month').waitFor();
    await page.locator('[data-testid="cron-preview"][data-state="valid"]').waitFor();
    assert.equal(await page.getByTestId('next-runs').getByRole('listitem').count(), 5);
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await ui.expectToast('Schedule created');
    await page.getByText('Active', { exact: true }).waitFor();
    assert.match(await page.getByTestId('schedule-next-run').textContent(), /15 \w+ \d{4}, 09:00/);
    await browser.screenshot('09-schedule');
  });

  it('signs out and back in', async () => {
    await ui.signOut();
    await page.goto('/trees?type=maintenance');
    await page.waitForURL(/\/login\?redirectTo=/);
    await ui.signIn(account);
    await page.waitForURL('**/trees?type=maintenance');
    await page.getByRole('link', { name: new RegExp(flowName) }).waitFor();
    await page.getByTestId('current-user').getByText(account.name).waitFor();
    await browser.screenshot('10-signed-in-again');
    assert.deepEqual(
      browser.consoleErrors.filter((e) => !/status of 40[14]/.test(e)),
      [],
      'the browser console should show no errors',
    );
  });
});
