import { Copy, Link2 } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Select } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/utils';
import type { Invite, Role, User } from '@/types/api';
import { useCreateInvite } from '../api/create-invite';
import { useTeam } from '../api/get-team';
import { useUpdateMemberRole } from '../api/update-member-role';

const ROLES: Role[] = ['admin', 'engineer', 'viewer'];

export function TeamMembers({ me }: { me: User }) {
  const team = useTeam();
  const updateRole = useUpdateMemberRole();
  const isAdmin = me.role === 'admin';

  if (team.isPending) return <Spinner label="Loading the team" />;
  if (team.isError) return <EmptyState title="The team could not be loaded" />;

  return (
    <section aria-labelledby="members-heading" className="space-y-2">
      <h2 id="members-heading" className="text-sm font-semibold text-zinc-100">
        Members <span className="font-normal text-zinc-500">({team.data.members.length})</span>
      </h2>
      <div className="panel overflow-hidden">
        <table className="table-dense" aria-label="Members">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th className="w-40">Role</th>
              <th className="w-40">Joined</th>
            </tr>
          </thead>
          <tbody>
            {team.data.members.map((m) => (
              <tr key={m.id}>
                <td className="font-medium text-zinc-100">
                  {m.name} {m.id === me.id && <Badge className="ml-1">you</Badge>}
                  {m.is_active === false && <Badge className="ml-1">inactive</Badge>}
                </td>
                <td className="text-zinc-400">{m.email}</td>
                <td>
                  {isAdmin ? (
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
                  )}
                </td>
                <td className="text-zinc-500">{m.created_at ? formatDateTime(m.created_at) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-2xs text-zinc-500">Admins manage members and invites; engineers write flows and run sessions; viewers read everything.</p>
    </section>
  );
}

export function InvitePanel() {
  const createInvite = useCreateInvite();
  const [invite, setInvite] = useState<Invite | null>(null);
  const link = invite ? `${window.location.origin}${paths.auth.join.getHref(invite.code)}` : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      toast.success('Invite link copied');
    } catch {
      toast.error('Could not copy: select the link and copy it by hand');
    }
  };

  return (
    <section aria-labelledby="invite-heading" className="panel space-y-3 p-4">
      <h2 id="invite-heading" className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
        <Link2 className="h-4 w-4 text-sky-400" aria-hidden />
        Invite teammates
      </h2>
      <p className="text-xs text-zinc-400">Anyone with the link can join this team as an engineer until it expires (7 days).</p>
      <Button size="sm" variant="primary" loading={createInvite.isPending} onClick={() => createInvite.mutate(undefined, { onSuccess: setInvite })}>
        Create invite link
      </Button>
      {invite && (
        <div className="space-y-1">
          <div className="flex gap-2">
            <Input readOnly value={link} aria-label="Invite link" onFocus={(e) => e.target.select()} className="font-mono text-xs" />
            <Button size="sm" variant="outline" onClick={() => void copy()}>
              <Copy className="h-3.5 w-3.5" aria-hidden />
              Copy
            </Button>
          </div>
          <p className="text-2xs text-zinc-500">Expires {formatDateTime(invite.expires_at)}</p>
        </div>
      )}
    </section>
  );
}
