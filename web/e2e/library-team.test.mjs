// End to end, against the real binary: a troubleshooting tree built in the editor and run to
// a solution, a server-side validation error shown at its field, the sessions page and its
// URL filters, an invite link and a teammate joining with it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { UI } from './support/ui.mjs';

const admin = { team: 'Fabrikam IT', name: 'Alex Admin', email: 'alex@fabrikam.example', password: 'alex-password-1' };
const teammate = { name: 'Sam Tech', email: 'sam@fabrikam.example', password: 'sam-password-1' };

describe('library, sessions and team, end to end', { concurrency: false }, () => {
  let server;
  let browser;
  let page;
  let ui;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
    ui = new UI(page);
    await ui.createTeam(admin);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      const { code, signal } = await server.stop();
      assert.ok(code === 0 || signal === 'SIGTERM', `server should exit cleanly (code ${code}, signal ${signal})`);
    }
  });

  it('shows a validation error from the server at its field', async () => {
    await ui.nav(/^Projects/).click();
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Onboard a user');
    await page.getByLabel('Step 1 title').fill('Create the account');
    await page.getByRole('button', { name: 'Add step' }).click();
    // Step 2 is left without a title: the server refuses it.
    await page.getByRole('button', { name: 'Create flow' }).click();
    assert.equal(await ui.toast('The flow was not saved'), 'error');
    await page.locator('[aria-label="Step 2 title"][aria-invalid="true"]').waitFor();
    await browser.screenshot('20-flow-editor-422');
    await page.getByLabel('Step 2 title').fill('Assign licences');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/\/flows\/[0-9a-f-]+$/);
    await page.getByRole('heading', { level: 1, name: 'Onboard a user' }).waitFor();
  });

  it('edits a flow: reorders its steps and saves', async () => {
    await page.getByRole('button', { name: 'Edit flow' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    await page.getByRole('button', { name: 'Save flow' }).click();
    await ui.expectToast('Flow saved');
    await page.waitForURL(/\/flows\/[0-9a-f-]+$/);
    const steps = page.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    assert.deepEqual(
      (await steps.allTextContents()).map((t) => t.replace(/^\d+\./, '').trim()),
      ['Assign licences', 'Create the account'],
    );
  });

  it('builds a troubleshooting tree and runs it to a solution', async () => {
    await ui.nav(/^Troubleshooting/).click();
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Printer offline');
    await page.getByLabel('Node 1 title').fill('Is the printer powered on?');
    await page.getByLabel('Node 2 title').fill('Restart the print spooler');
    await page.getByRole('button', { name: '+ Add answer' }).click();
    await page.getByLabel('Node 1 answer 2 label').fill('No');
    await page.getByLabel('Node 1 answer 2 leads to').selectOption('+ New solution');
    await page.getByLabel('Node 3 title').fill('Switch it on');
    await browser.screenshot('21-decision-tree-editor');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/\/flows\/[0-9a-f-]+$/);

    await page.getByLabel('Target (optional)').fill('PRN-2F-01');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await page.getByRole('heading', { name: 'Is the printer powered on?' }).waitFor();
    await page.getByRole('group', { name: 'Answers' }).getByRole('button', { name: 'No' }).click();
    await page.getByRole('heading', { name: 'Switch it on' }).waitFor();
    await page.getByText('Solution reached').waitFor();
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Switch it on' }).waitFor();
    await page.getByRole('button', { name: 'Complete session' }).click();
    await ui.expectToast('Session completed');
    await browser.screenshot('22-troubleshooting-session');
  });

  it('lists sessions with filters kept in the URL', async () => {
    await ui.nav('Sessions').click();
    const table = page.getByRole('table', { name: 'Sessions' });
    await table.getByRole('cell', { name: 'PRN-2F-01' }).waitFor();
    await page.getByLabel('Status').selectOption('in_progress');
    await page.waitForURL(/status=in_progress/);
    await page.getByText('No sessions').waitFor();
    await page.getByLabel('Status').selectOption('completed');
    await table.getByRole('cell', { name: 'PRN-2F-01' }).waitFor();
    await page.getByLabel('Flow', { exact: true }).selectOption({ label: 'Printer offline' });
    await page.waitForURL(/tree_id=/);
    await table.getByRole('cell', { name: 'Printer offline' }).waitFor();
    await browser.screenshot('23-sessions');
  });

  it('invites a teammate who joins as an engineer', async () => {
    await ui.nav('Team').click();
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = await page.getByLabel('Invite link').inputValue();
    assert.match(link, /\/join\/\S+$/);
    await browser.screenshot('24-team-invite');

    await ui.signOut();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Join your team' }).waitFor();
    await page.getByLabel('Your name').fill(teammate.name);
    await page.getByLabel('Work email').fill(teammate.email);
    await page.getByLabel('Password').fill(teammate.password);
    await page.getByRole('button', { name: 'Join team' }).click();
    await page.waitForURL('**/trees').catch(async (e) => {
      await browser.screenshot('debug-join');
      throw e;
    });
    await ui.nav('Team').click();
    const members = page.getByRole('table', { name: 'Members' });
    await members
      .getByRole('row', { name: /Sam Tech/ })
      .getByText('engineer', { exact: true })
      .waitFor();
    await members
      .getByRole('row', { name: /Alex Admin/ })
      .getByText('admin', { exact: true })
      .waitFor();
    // Engineers see no invite panel.
    assert.equal(await page.getByRole('button', { name: 'Create invite link' }).count(), 0);
    await browser.screenshot('25-team-joined');
  });
});
