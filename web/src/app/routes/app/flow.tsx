import { Pencil, Play } from 'lucide-react';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { TREE_TYPE_LABELS, TreeTypeBadge } from '@/components/tree-type-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useCreateSession } from '@/features/sessions/api/create-session';
import { SessionsTable } from '@/features/sessions/components/sessions-table';
import { useTree } from '@/features/trees/api/get-tree';
import { FlowOutline } from '@/features/trees/components/flow-outline';
import { useCanWrite } from '@/lib/auth';
import { formatDateTime } from '@/lib/utils';
import type { Tree } from '@/types/api';

export function FlowRoute() {
  const { id = '' } = useParams();
  const tree = useTree(id);
  return (
    <QueryBoundary
      query={tree}
      loading={<PageSpinner />}
      error={
        <EmptyState className="m-6" title="This flow could not be loaded">
          It may have been deleted.
        </EmptyState>
      }
    >
      {(t) =>
        t.tree_type === 'maintenance' ? (
          <Navigate to={paths.app.maintenance.getHref(t.id)} replace />
        ) : (
          <FlowPage t={t} />
        )
      }
    </QueryBoundary>
  );
}

function FlowPage({ t }: { t: Tree }) {
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const createSession = useCreateSession();
  const [target, setTarget] = useState('');

  const start = () =>
    createSession.mutate(
      { tree_id: t.id, ...(target.trim() ? { target_label: target.trim() } : {}) },
      { onSuccess: (session) => void navigate(paths.app.session.getHref(session.id)) },
    );

  return (
    <ContentLayout
      breadcrumb={
        <Link className="hover:text-zinc-300" to={paths.app.library.getHref({ type: t.tree_type })}>
          {t.tree_type === 'procedural' ? 'Projects' : TREE_TYPE_LABELS[t.tree_type]}
        </Link>
      }
      title={t.name}
      subtitle={
        <span className="flex items-center gap-2">
          <TreeTypeBadge type={t.tree_type} /> updated {formatDateTime(t.updated_at)}
        </span>
      }
      actions={
        canWrite && (
          <>
            <Button size="sm" variant="outline" onClick={() => void navigate(paths.app.editFlow.getHref(t.id))}>
              <Pencil className="h-3.5 w-3.5" aria-hidden />
              Edit flow
            </Button>
            <Input
              aria-label="Target (optional)"
              placeholder="Target (optional)"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              className="h-7 w-48 text-xs"
            />
            <Button size="sm" variant="primary" onClick={start} loading={createSession.isPending}>
              <Play className="h-3.5 w-3.5" aria-hidden />
              Start session
            </Button>
          </>
        )
      }
    >
      <div className="grid grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-6">
        <section className="space-y-2">
          {t.description && <p className="whitespace-pre-wrap text-sm text-zinc-400">{t.description}</p>}
          <FlowOutline tree={t} />
        </section>
        <section className="space-y-2">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Recent sessions</h2>
          <SessionsTable filter={{ tree_id: t.id, size: 10 }} compact />
        </section>
      </div>
    </ContentLayout>
  );
}
