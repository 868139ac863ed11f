/* global document, HTMLInputElement -- page.waitForFunction callbacks run in the browser */
// A driver that makes the spec read like what an engineer does (excalidraw's `UI` helper):
// every method is one user-level action through roles and labels, never CSS internals.

import assert from 'node:assert/strict';

export class UI {
  constructor(page) {
    this.page = page;
  }

  /** Wait for a toast with this text (success or error) and return its kind. */
  async toast(text) {
    const toast = this.page.getByLabel('Notifications').locator('[data-kind]', { hasText: text }).first();
    await toast.waitFor();
    return toast.getAttribute('data-kind');
  }

  async expectToast(text) {
    assert.equal(await this.toast(text), 'success', `toast "${text}" should be a success`);
  }

  async createTeam({ team, name, email, password }) {
    await this.page.goto('/register');
    await this.page.getByLabel('Team name').fill(team);
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Work email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Create team' }).click();
    await this.page.waitForURL('**/trees');
  }

  /** Open an invite link and create an account with it. */
  async joinWithInvite(link, { name, email, password }) {
    await this.page.goto(link);
    await this.page.getByRole('heading', { name: 'Join your team' }).waitFor();
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Work email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Join team' }).click();
  }

  /** On the Team page (admins): create an invite for `role` and return its link. */
  async createInvite(role = 'engineer') {
    await this.page.getByLabel('Role', { exact: true }).selectOption(role);
    const existing = this.page.getByLabel('Invite link', { exact: true });
    const before = (await existing.count()) > 0 ? await existing.inputValue() : '';
    await this.page.getByRole('button', { name: 'Create invite link' }).click();
    const field = this.page.getByLabel('Invite link', { exact: true });
    await field.waitFor();
    await this.page.waitForFunction((previous) => {
      const input = document.querySelector('input[aria-label="Invite link"]');
      return input instanceof HTMLInputElement && input.value !== '' && input.value !== previous;
    }, before);
    return field.inputValue();
  }

  async signIn({ email, password }) {
    await this.page.getByLabel('Email', { exact: true }).fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL(/\/login(\?|$)/);
  }

  nav(name) {
    return this.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name });
  }

  async createMaintenanceFlow({ name, description, steps }) {
    await this.nav(/^Maintenance/).click();
    await this.page.waitForURL('**/trees?type=maintenance');
    await this.page.getByRole('button', { name: 'New flow' }).click();
    await this.page.waitForURL('**/flows/new?type=maintenance');
    assert.equal(await this.page.getByRole('radio', { name: 'Maintenance' }).getAttribute('aria-checked'), 'true');
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Description', { exact: true }).fill(description);
    for (let i = 0; i < steps.length; i += 1) {
      if (i > 0) await this.page.getByRole('button', { name: 'Add step' }).click();
      await this.page.getByLabel(`Step ${i + 1} title`).fill(steps[i].title);
      if (steps[i].contentType)
        await this.page.getByLabel(`Step ${i + 1} content type`).selectOption(steps[i].contentType);
    }
    await this.page.getByRole('button', { name: 'Create flow' }).click();
    await this.page.waitForURL(/\/flows\/[0-9a-f-]+\/maintenance$/);
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  async createTargetList({ name, lines }) {
    await this.nav('Target Lists').click();
    await this.page.getByRole('button', { name: 'New target list' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New target list' });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel(/^Targets/).fill(lines.join('\n'));
    await dialog.getByRole('button', { name: 'Create list' }).click();
    await this.expectToast('Target list created');
    await dialog.waitFor({ state: 'detached' });
  }

  async openFlow(name) {
    await this.nav(/^Maintenance/).click();
    await this.page
      .getByRole('link', { name: new RegExp(name) })
      .first()
      .click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  batchRows() {
    return this.page.getByTestId('batch-row');
  }

  async batchProgress(index = 0) {
    return (await this.batchRows().nth(index).getByTestId('batch-progress').textContent())?.trim();
  }
}
