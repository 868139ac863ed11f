import { UserMinus } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/input';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatDateTime } from '@/lib/utils';
import type { Role, User } from '@/types/api';
import { useTeam } from '../api/get-team';
import { useRemoveMember } from '../api/remove-member';
import { useUpdateMemberRole } from '../api/update-member-role';

export const ROLES: Role[] = ['admin', 'engineer', 'viewer'];

export function TeamMembers({ me }: { me: User }) {
  const team = useTeam();
  return (
    <QueryBoundary
      query={team}
      loadingLabel="Loading the team"
      error={<EmptyState title="The team could not be loaded" />}
    >
      {(data) => <Members me={me} members={data.members} />}
    </QueryBoundary>
  );
}

function Members({ me, members }: { me: User; members: User[] }) {
  const updateRole = useUpdateMemberRole();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<User | null>(null);
  const isAdmin = me.role === 'admin';

  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };

  const confirmRemove = () => {
    if (!removing) return;
    const member = removing;
    remove.mutate(member.id, {
      onSuccess: () => {
        toast.success('Member removed', `${member.name} can no longer sign in to this team.`);
        closeRemove();
      },
    });
  };

  return (
    <section aria-labelledby="members-heading" className="space-y-2">
      <h2 id="members-heading" className="text-sm font-semibold text-zinc-100">
        Members <span className="font-normal text-zinc-500">({members.length})</span>
      </h2>
      <Table
        label="Members"
        rows={members}
        rowKey={(m) => m.id}
        columns={[
          {
            header: 'Name',
            className: 'whitespace-nowrap font-medium text-zinc-100',
            cell: (m) => (
              <>
                {m.name} {m.id === me.id && <Badge className="ml-1">you</Badge>}
                {m.is_active === false && <Badge className="ml-1">inactive</Badge>}
              </>
            ),
          },
          { header: 'Email', className: 'text-zinc-400', cell: (m) => m.email },
          {
            header: 'Role',
            headerClassName: 'w-40',
            cell: (m) =>
              isAdmin ? (
                <Select
                  aria-label={`Role of ${m.name}`}
                  value={m.role}
                  disabled={updateRole.isPending}
                  onChange={(e) => updateRole.mutate({ userId: m.id, role: e.target.value as Role })}
                  className="h-7 w-32 text-xs"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              ) : (
                <Badge tone={m.role === 'admin' ? 'sky' : 'neutral'}>{m.role}</Badge>
              ),
          },
          {
            header: 'Joined',
            headerClassName: 'w-40',
            className: 'text-zinc-500',
            cell: (m) => (m.created_at ? formatDateTime(m.created_at) : '—'),
          },
          isAdmin && {
            header: <span className="sr-only">Actions</span>,
            headerClassName: 'w-12',
            className: 'text-right',
            // Leaving is not offered: another admin removes you, so the team keeps one.
            cell: (m) =>
              m.id !== me.id && (
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Remove ${m.name}`}
                  onClick={() => setRemoving(m)}
                  className="hover:text-red-400"
                >
                  <UserMinus className="h-3.5 w-3.5" />
                </Button>
              ),
          },
        ]}
      />
      <p className="text-2xs text-zinc-500">
        Admins manage members and invites; engineers write flows and run sessions; viewers read everything.
      </p>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this member?"
        body={
          <div className="space-y-2">
            <p>
              <strong className="text-zinc-100">{removing?.name}</strong> ({removing?.email}) will be signed out and can
              no longer sign in to this team. The sessions they ran keep their name.
            </p>
            {remove.isError && (
              <p
                role="alert"
                className="rounded border border-red-900 bg-red-950/50 px-2.5 py-1.5 text-xs text-red-300"
              >
                {errorMessage(remove.error)}
              </p>
            )}
          </div>
        }
        confirmLabel="Remove member"
        loading={remove.isPending}
        onClose={closeRemove}
        onConfirm={confirmRemove}
      />
    </section>
  );
}
