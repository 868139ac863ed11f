import { ContentLayout } from '@/components/layouts/content-layout';
import { PageSpinner } from '@/components/ui/spinner';
import { InvitePanel, TeamMembers } from '@/features/teams/components/team-members';
import { useTeam } from '@/features/teams/api/get-team';
import { useUser } from '@/lib/auth';

export function TeamRoute() {
  const user = useUser();
  const team = useTeam();
  if (!user.data) return <PageSpinner />;
  return (
    <ContentLayout title={team.data?.name ?? 'Team'} subtitle="Members, roles and invitations.">
      <div className="grid grid-cols-[minmax(0,1fr)_22rem] gap-6">
        <TeamMembers me={user.data} />
        {user.data.role === 'admin' && <InvitePanel />}
      </div>
    </ContentLayout>
  );
}
