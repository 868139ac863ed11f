import { useParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { PageSpinner } from '@/components/ui/spinner';
import { useSession } from '@/features/sessions/api/get-session';
import { SessionRunner } from '@/features/sessions/components/session-runner';
import { useCanWrite } from '@/lib/auth';

export function SessionRunnerRoute() {
  const { id = '' } = useParams();
  const session = useSession(id);
  const canWrite = useCanWrite();
  return (
    <QueryBoundary
      query={session}
      loading={<PageSpinner />}
      error={
        <EmptyState className="m-6" title="This session could not be loaded">
          It may not exist, or belong to another team.
        </EmptyState>
      }
    >
      {/* Keyed by id and status: completing re-mounts the runner read-only with the saved state. */}
      {(s) => <SessionRunner key={`${s.id}:${s.status === 'completed'}`} session={s} canWrite={canWrite} />}
    </QueryBoundary>
  );
}
