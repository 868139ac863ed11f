// End to end against a server in its DEFAULT registration mode (invite): the first
// registration on the fresh database creates the team; a second visitor without an invite
// is refused with a clear message; the admin creates invites on the Team page; an invite
// link opens the join page and the teammate joins with the invite's role; the admin revokes
// another invite (its link stops working) and removes the member (who can no longer sign in).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { UI } from './support/ui.mjs';

const admin = {
  team: 'Northwind IT',
  name: 'Nora Admin',
  email: 'nora@northwind.example',
  password: 'nora-password-1',
};
const teammate = { name: 'Theo Tech', email: 'theo@northwind.example', password: 'theo-password-1' };
const latecomer = { name: 'Lou Late', email: 'lou@northwind.example', password: 'lou-password-1' };

const INVITE_ONLY = 'Registration is by invitation only — ask a team admin for an invite link';

describe('registration by invitation, end to end', { concurrency: false }, () => {
  let server;
  let browser;
  let page;
  let ui;
  let engineerLink;
  let viewerLink;

  before(async () => {
    server = await startServer({ registration: null });
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
    ui = new UI(page);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      const { code, signal } = await server.stop();
      assert.ok(code === 0 || signal === 'SIGTERM', `server should exit cleanly (code ${code}, signal ${signal})`);
    }
  });

  it('lets the first visitor of the empty server create the team', async () => {
    const info = await (await fetch(`${server.baseURL}/api/v1/auth/registration`)).json();
    assert.deepEqual(info, { mode: 'invite', can_create_team: true });
    await page.goto('/register');
    await page.getByRole('heading', { name: 'Set up ResolutionFlow' }).waitFor();
    await browser.screenshot('40-register-first-team');
    await ui.createTeam(admin);
    await ui.expectToast(`Team created — welcome, ${admin.name}`);
  });

  it('creates invites for a role on the Team page and lists them', async () => {
    await ui.nav('Team').click();
    await page.getByRole('heading', { name: 'Open invites' }).waitFor();
    await page.getByText(/No open invites/).waitFor();
    engineerLink = await ui.createInvite('engineer');
    assert.match(engineerLink, /\/join\/[\w-]+$/);
    viewerLink = await ui.createInvite('viewer');
    assert.notEqual(viewerLink, engineerLink);

    const invites = page.getByRole('table', { name: 'Open invites' });
    await invites.getByRole('row').nth(2).waitFor();
    assert.equal(await invites.getByRole('row').count(), 3);
    const engineerCode = engineerLink.split('/join/')[1];
    const row = invites.getByRole('row', { name: new RegExp(engineerCode) });
    await row.getByText('engineer', { exact: true }).waitFor();
    await row.getByText(admin.name).waitFor();
    // The team's only admin cannot remove themself.
    assert.equal(await page.getByRole('button', { name: `Remove ${admin.name}` }).count(), 0);
    await browser.screenshot('41-team-invites');
    await ui.signOut();
  });

  it('refuses a second visitor without an invite, clearly, in the UI', async () => {
    await page.getByRole('link', { name: 'Join with an invite' }).click();
    await page.waitForURL('**/register');
    const alert = page.getByRole('alert').filter({ hasText: INVITE_ONLY });
    await alert.waitFor();
    assert.equal(await page.getByLabel('Team name').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Create team' }).count(), 0);
    await browser.screenshot('42-register-invite-only');

    // The API itself refuses too.
    const refused = await fetch(`${server.baseURL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'eve@elsewhere.example',
        password: 'eve-password-1',
        name: 'Eve',
        team_name: 'Eve Corp',
      }),
    });
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { detail: 'Registration is by invitation only' });
  });

  it('joins with the invite link through the invite-code path', async () => {
    await page.getByLabel('Invite link or code').fill(engineerLink);
    await page.getByRole('button', { name: 'Continue with this invite' }).click();
    await page.waitForURL(new URL(engineerLink).pathname);
    await ui.joinWithInvite(engineerLink, teammate);
    await page.waitForURL('**/trees');
    await ui.expectToast(`Welcome to the team, ${teammate.name}`);
    await ui.nav('Team').click();
    const members = page.getByRole('table', { name: 'Members' });
    await members
      .getByRole('row', { name: new RegExp(teammate.name) })
      .getByText('engineer', { exact: true })
      .waitFor();
    // Engineers see neither invites nor member controls.
    assert.equal(await page.getByRole('button', { name: 'Create invite link' }).count(), 0);
    assert.equal(await page.getByRole('table', { name: 'Open invites' }).count(), 0);
    await ui.signOut();
  });

  it('revokes an invite and removes a member, each after confirmation', async () => {
    await ui.signIn(admin);
    // Signing out on the Team page leaves it as the page to come back to.
    await page.waitForURL('**/account/team');
    await page.getByRole('heading', { name: 'Open invites' }).waitFor();

    const viewerCode = viewerLink.split('/join/')[1];
    const invites = page.getByRole('table', { name: 'Open invites' });
    await invites.getByRole('row', { name: new RegExp(viewerCode) }).waitFor();
    await page.getByRole('button', { name: `Revoke the viewer invite ${viewerCode}` }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'Revoke this invite?' });
    await revokeDialog.getByRole('button', { name: 'Revoke invite' }).click();
    await ui.expectToast('Invite revoked');
    await invites.getByRole('row', { name: new RegExp(viewerCode) }).waitFor({ state: 'detached' });

    const members = page.getByRole('table', { name: 'Members' });
    await page.getByRole('button', { name: `Remove ${teammate.name}` }).click();
    const removeDialog = page.getByRole('dialog', { name: 'Remove this member?' });
    await removeDialog.getByText(teammate.email).waitFor();
    await browser.screenshot('43-remove-member-confirm');
    await removeDialog.getByRole('button', { name: 'Remove member' }).click();
    await ui.expectToast('Member removed');
    await members.getByRole('row', { name: new RegExp(teammate.name) }).waitFor({ state: 'detached' });
    assert.equal(await members.getByRole('row').count(), 2);
    await browser.screenshot('44-team-after-removal');
    await ui.signOut();
  });

  it('no longer accepts the revoked link or the removed member', async () => {
    await ui.joinWithInvite(viewerLink, latecomer);
    await page
      .getByRole('alert')
      .filter({ hasText: 'This invite link is unknown, revoked or has expired' })
      .first()
      .waitFor();
    assert.match(page.url(), /\/join\//);

    await page.goto('/login');
    await ui.signIn(teammate);
    await page.getByRole('alert').filter({ hasText: 'Incorrect email or password' }).first().waitFor();
    assert.match(page.url(), /\/login/);
    assert.deepEqual(
      browser.consoleErrors.filter((e) => !/status of 40[134]/.test(e)),
      [],
    );
  });
});
