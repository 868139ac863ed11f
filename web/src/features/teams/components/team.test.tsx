import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api, bodyOf, json, mockNetwork, noContent, problem, type Network } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { Invite, User } from '@/types/api';
import { InvitePanel, OpenInvites } from './invites-panel';
import { TeamMembers } from './team-members';

const admin: User = {
  id: 'u1',
  email: 'dana@example.com',
  name: 'Dana Admin',
  role: 'admin',
  team_id: 't',
  created_at: '2026-11-01T10:00:00.000Z',
};
const sam: User = {
  id: 'u2',
  email: 'sam@example.com',
  name: 'Sam Tech',
  role: 'engineer',
  team_id: 't',
  created_at: '2026-11-02T10:00:00.000Z',
};
const vic: User = {
  id: 'u3',
  email: 'vic@example.com',
  name: 'Vic Viewer',
  role: 'viewer',
  team_id: 't',
  created_at: '2026-11-03T10:00:00.000Z',
};

const invite = (code: string, role: Invite['role']): Invite => ({
  code,
  role,
  created_by: 'u1',
  created_by_name: 'Dana Admin',
  created_at: '2026-11-20T10:00:00.000Z',
  expires_at: '2026-11-27T10:00:00.000Z',
});

/** A small in-memory team server: members, open invites, the last-admin rule. */
function teamServer(initial: { members?: User[]; invites?: Invite[] } = {}): {
  net: Network;
  members: () => User[];
  invites: () => Invite[];
} {
  let members = initial.members ?? [admin, sam, vic];
  let invites = initial.invites ?? [];
  let next = 1;
  const net = mockNetwork(
    api.get('/teams/me', () => json({ id: 't', name: 'Contoso IT', created_at: '2026-11-01T10:00:00.000Z', members })),
    api.get('/teams/invites', () => json(invites)),
    api.post('/teams/invites', async ({ request }) => {
      const role = (await bodyOf<{ role?: Invite['role'] }>(request)).role ?? 'engineer';
      const created = invite(`NEW${next++}`, role);
      invites = [created, ...invites];
      const { created_by_name: _omitted, ...answer } = created;
      return json(answer, 201);
    }),
    api.delete('/teams/invites/:code', ({ params }) => {
      const code = String(params.code);
      if (!invites.some((i) => i.code === code)) return problem(404, 'Invite not found');
      invites = invites.filter((i) => i.code !== code);
      return noContent();
    }),
    api.delete('/teams/members/:id', ({ params }) => {
      const id = String(params.id);
      const target = members.find((m) => m.id === id);
      if (!target) return problem(404, 'User not found');
      if (target.role === 'admin' && members.filter((m) => m.role === 'admin').length === 1)
        return problem(400, 'The team must keep at least one admin');
      members = members.filter((m) => m.id !== id);
      return noContent();
    }),
  );
  return { net, members: () => members, invites: () => invites };
}

function renderTeam(me: User = admin) {
  return renderWithApp(
    <>
      <TeamMembers me={me} />
      {me.role === 'admin' && (
        <>
          <OpenInvites />
          <InvitePanel />
        </>
      )}
    </>,
  );
}

describe('team page', () => {
  it('creates an invite for the chosen role and lists it with who created it and when it expires', async () => {
    const { net } = teamServer();
    const { user } = renderTeam();
    expect(await screen.findByText(/No open invites/)).toBeInTheDocument();

    const role = screen.getByLabelText('Role');
    expect(role).toHaveDisplayValue(/^Engineer/);
    await user.selectOptions(role, 'viewer');
    await user.click(screen.getByRole('button', { name: 'Create invite link' }));

    expect(await screen.findByLabelText('Invite link')).toHaveValue(`${window.location.origin}/join/NEW1`);
    expect(net.callsTo('POST', '/teams/invites')[0]!.body).toEqual({ role: 'viewer' });
    const table = await screen.findByRole('table', { name: 'Open invites' });
    const row = within(table).getByRole('row', { name: /NEW1/ });
    expect(row).toHaveTextContent('viewer');
    expect(row).toHaveTextContent('Dana Admin');
    expect(row).toHaveTextContent(/27 Nov 2026/);
  });

  it('copies an open invite link', async () => {
    teamServer({ invites: [invite('ABC', 'engineer')] });
    const { user } = renderTeam();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    vi.stubGlobal('isSecureContext', true);
    await user.click(await screen.findByRole('button', { name: 'Copy the link of the engineer invite ABC' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/join/ABC`);
    expect(await screen.findByText('Invite link copied')).toBeInTheDocument();
  });

  it('revokes an invite only after confirmation', async () => {
    const server = teamServer({ invites: [invite('KEEP', 'engineer'), invite('DROP', 'admin')] });
    const { user } = renderTeam();
    await user.click(await screen.findByRole('button', { name: 'Revoke the admin invite DROP' }));
    const confirm = screen.getByRole('dialog', { name: 'Revoke this invite?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(server.net.callsTo('DELETE', '/teams/invites/:code')).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Revoke invite' }));
    expect(await screen.findByText('Invite revoked')).toBeInTheDocument();
    expect(server.net.callsTo('DELETE', '/teams/invites/:code')[0]!.path).toBe('/teams/invites/DROP');
    const table = screen.getByRole('table', { name: 'Open invites' });
    await vi.waitFor(() => expect(within(table).queryByRole('row', { name: /DROP/ })).not.toBeInTheDocument());
    expect(within(table).getByRole('row', { name: /KEEP/ })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('removes a member after confirmation, and never offers to remove yourself', async () => {
    const server = teamServer();
    const { user } = renderTeam();
    const members = await screen.findByRole('table', { name: 'Members' });
    expect(within(members).queryByRole('button', { name: 'Remove Dana Admin' })).not.toBeInTheDocument();

    await user.click(within(members).getByRole('button', { name: 'Remove Sam Tech' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove this member?' });
    expect(confirm).toHaveTextContent('sam@example.com');
    // Escape cancels; nothing was sent.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(server.net.callsTo('DELETE', '/teams/members/:id')).toHaveLength(0);

    await user.click(within(members).getByRole('button', { name: 'Remove Sam Tech' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Remove this member?' })).getByRole('button', {
        name: 'Remove member',
      }),
    );
    expect(await screen.findByText('Member removed')).toBeInTheDocument();
    await vi.waitFor(() => expect(within(members).queryByRole('row', { name: /Sam Tech/ })).not.toBeInTheDocument());
    expect(server.members().map((m) => m.id)).toEqual(['u1', 'u3']);
  });

  it('shows the server’s reason when the last admin would be removed', async () => {
    const other: User = { ...sam, id: 'u9', name: 'Other Admin', email: 'other@example.com', role: 'admin' };
    // Signed in as an admin the server no longer counts (demoted elsewhere): it refuses.
    teamServer({ members: [{ ...admin, role: 'engineer' }, other] });
    const { user } = renderTeam(admin);
    await user.click(await screen.findByRole('button', { name: 'Remove Other Admin' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove this member?' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove member' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('The team must keep at least one admin');
    expect(screen.getAllByText('The team must keep at least one admin').length).toBeGreaterThan(0);
  });

  it('shows the open-invite limit the server names', async () => {
    const { net } = teamServer();
    net.use(
      api.post('/teams/invites', () =>
        problem(403, 'Your team has reached its limit of 100 open invites; the operator of this server can raise it'),
      ),
    );
    const { user } = renderTeam();
    await user.click(await screen.findByRole('button', { name: 'Create invite link' }));
    const toast = await screen.findByText(/limit of 100 open invites/);
    expect(toast.closest('[data-kind]')).toHaveAttribute('data-kind', 'error');
    expect(screen.queryByLabelText('Invite link')).not.toBeInTheDocument();
  });

  it('shows engineers the members without admin controls', async () => {
    teamServer();
    renderTeam(sam);
    const members = await screen.findByRole('table', { name: 'Members' });
    expect(within(members).queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
    expect(within(members).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create invite link' })).not.toBeInTheDocument();
  });
});
