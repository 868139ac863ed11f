import { Copy, Link2, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { copyText } from '@/lib/clipboard';
import { formatDateTime, formatRelative } from '@/lib/utils';
import type { Invite, Role } from '@/types/api';
import { useCreateInvite } from '../api/create-invite';
import { useInvites } from '../api/get-invites';
import { useRevokeInvite } from '../api/revoke-invite';

const INVITE_ROLES: { role: Role; label: string }[] = [
  { role: 'engineer', label: 'Engineer — writes flows, runs sessions' },
  { role: 'viewer', label: 'Viewer — reads everything' },
  { role: 'admin', label: 'Admin — also manages the team' },
];

export const inviteLink = (code: string) => `${window.location.origin}${paths.auth.join.getHref(code)}`;

async function copyLink(code: string) {
  try {
    await copyText(inviteLink(code));
    toast.success('Invite link copied');
  } catch {
    toast.error('Could not copy: select the link and copy it by hand');
  }
}

const roleTone = (role: Role) => (role === 'admin' ? 'sky' : role === 'viewer' ? 'neutral' : 'emerald');

/** Create an invite link for a role; the newest one is shown ready to copy. */
export function InvitePanel() {
  const createInvite = useCreateInvite();
  const { register, handleSubmit, control } = useForm<{ role: Role }>({ defaultValues: { role: 'engineer' } });
  const role = useWatch({ control, name: 'role' });
  const [invite, setInvite] = useState<Invite | null>(null);
  const link = invite ? inviteLink(invite.code) : '';
  // A refusal (the open-invite limit) is toasted with the server's detail by the query client.
  const submit = handleSubmit((values) => createInvite.mutate(values, { onSuccess: setInvite }));

  return (
    <section aria-labelledby="invite-heading" className="panel space-y-3 p-4">
      <h2 id="invite-heading" className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
        <Link2 className="h-4 w-4 text-sky-400" aria-hidden />
        Invite teammates
      </h2>
      <p className="text-xs text-zinc-400">
        Anyone with the link can join this team with the role you pick until it expires (7 days) or you revoke it.
      </p>
      <form onSubmit={(event) => void submit(event)} className="space-y-3" noValidate>
        <Field label="Role" htmlFor="invite-role">
          <Select id="invite-role" className="text-xs" {...register('role')}>
            {INVITE_ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" size="sm" variant="primary" loading={createInvite.isPending}>
          Create invite link
        </Button>
      </form>
      {invite && (
        <div className="space-y-1">
          <div className="flex gap-2">
            <Input
              readOnly
              value={link}
              aria-label="Invite link"
              onFocus={(e) => e.target.select()}
              className="font-mono text-xs"
            />
            <Button size="sm" variant="outline" onClick={() => void copyLink(invite.code)}>
              <Copy className="h-3.5 w-3.5" aria-hidden />
              Copy
            </Button>
          </div>
          <p className="text-2xs text-zinc-500">
            Joins as <strong className="text-zinc-300">{invite.role ?? role}</strong> · expires{' '}
            {formatDateTime(invite.expires_at)}
          </p>
        </div>
      )}
    </section>
  );
}

/** The team's open invites: copy a link again, or revoke it. */
export function OpenInvites() {
  const invites = useInvites();
  const revoke = useRevokeInvite();
  const [revoking, setRevoking] = useState<Invite | null>(null);

  return (
    <section aria-labelledby="open-invites-heading" className="space-y-2">
      <h2 id="open-invites-heading" className="text-sm font-semibold text-zinc-100">
        Open invites {invites.data && <span className="font-normal text-zinc-500">({invites.data.length})</span>}
      </h2>
      <QueryBoundary
        query={invites}
        loadingLabel="Loading invites"
        error={<p className="text-xs text-red-300">The invites could not be loaded.</p>}
        isEmpty={(list) => list.length === 0}
        empty={
          <p className="rounded-lg border border-dashed border-zinc-800 px-4 py-3 text-xs text-zinc-500">
            No open invites. Links you create appear here until they expire.
          </p>
        }
      >
        {(list) => (
          <Table
            label="Open invites"
            rows={list}
            rowKey={(invite) => invite.code}
            columns={[
              {
                header: 'Link',
                className: 'max-w-[16rem] truncate font-mono text-2xs text-zinc-300',
                title: (invite) => inviteLink(invite.code),
                cell: (invite) => paths.auth.join.getHref(invite.code),
              },
              {
                header: 'Role',
                headerClassName: 'w-24',
                cell: (invite) => <Badge tone={roleTone(invite.role)}>{invite.role}</Badge>,
              },
              {
                header: 'Created by',
                className: 'text-zinc-400',
                title: (invite) => formatDateTime(invite.created_at),
                cell: (invite) => (
                  <>
                    {invite.created_by_name ?? '—'}{' '}
                    <span className="text-zinc-600">· {formatRelative(invite.created_at)}</span>
                  </>
                ),
              },
              {
                header: 'Expires',
                headerClassName: 'w-40',
                className: 'whitespace-nowrap text-zinc-400',
                title: (invite) => invite.expires_at,
                cell: (invite) => formatDateTime(invite.expires_at),
              },
              {
                header: <span className="sr-only">Actions</span>,
                headerClassName: 'w-20',
                className: 'text-right',
                cell: (invite) => (
                  <span className="inline-flex">
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Copy the link of the ${invite.role} invite ${invite.code}`}
                      onClick={() => void copyLink(invite.code)}
                    >
                      <Copy className="h-3.5 w-3.5" />
                    </Button>
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Revoke the ${invite.role} invite ${invite.code}`}
                      onClick={() => setRevoking(invite)}
                      className="hover:text-red-400"
                    >
                      <Trash2 className="h-3.5 w-3.5" />
                    </Button>
                  </span>
                ),
              },
            ]}
          />
        )}
      </QueryBoundary>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invite?"
        body={
          <p>
            The <strong className="text-zinc-100">{revoking?.role}</strong> invite link created by{' '}
            {revoking?.created_by_name ?? 'an admin'} stops working at once. People who already joined with it stay in
            the team.
          </p>
        }
        confirmLabel="Revoke invite"
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.code, { onSuccess: () => setRevoking(null) })}
      />
    </section>
  );
}
