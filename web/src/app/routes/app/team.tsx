import { ContentLayout } from '@/components/layouts/content-layout';
import { PageSpinner } from '@/components/ui/spinner';
import { useTeam } from '@/features/teams/api/get-team';
import { InvitePanel, OpenInvites } from '@/features/teams/components/invites-panel';
import { TeamMembers } from '@/features/teams/components/team-members';
import { useUser } from '@/lib/auth';

export function TeamRoute() {
  const user = useUser();
  const team = useTeam();
  if (!user.data) return <PageSpinner />;
  const isAdmin = user.data.role === 'admin';
  return (
    <ContentLayout title={team.data?.name ?? 'Team'} subtitle="Members, roles and invitations.">
      <div className="grid grid-cols-[minmax(0,1fr)_22rem] gap-6">
        <div className="min-w-0 space-y-6">
          <TeamMembers me={user.data} />
          {isAdmin && <OpenInvites />}
        </div>
        {isAdmin && <InvitePanel />}
      </div>
    </ContentLayout>
  );
}
