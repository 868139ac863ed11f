import { Pencil, Rocket } from 'lucide-react';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { TreeTypeBadge } from '@/components/tree-type-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { BatchLaunchDialog } from '@/features/maintenance/components/batch-launch-dialog';
import { RunHistory } from '@/features/maintenance/components/run-history';
import { SchedulePanel } from '@/features/maintenance/components/schedule-panel';
import { getTargetList } from '@/features/target-lists/api/get-target-list';
import { useTargetListOptions } from '@/features/target-lists/api/get-target-lists';
import { useTree } from '@/features/trees/api/get-tree';
import { FlowOutline } from '@/features/trees/components/flow-outline';
import { useCanWrite } from '@/lib/auth';
import type { Tree } from '@/types/api';

export function MaintenanceRoute() {
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
        t.tree_type !== 'maintenance' ? (
          <Navigate to={paths.app.flow.getHref(t.id)} replace />
        ) : (
          <MaintenancePage t={t} />
        )
      }
    </QueryBoundary>
  );
}

/** The page of one maintenance flow: run history, schedule, batch launch. */
function MaintenancePage({ t }: { t: Tree }) {
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const targetLists = useTargetListOptions();
  const [launchOpen, setLaunchOpen] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);

  return (
    <ContentLayout
      breadcrumb={
        <Link className="hover:text-zinc-300" to={paths.app.library.getHref({ type: 'maintenance' })}>
          Maintenance
        </Link>
      }
      title={t.name}
      subtitle={
        <span className="flex items-center gap-2">
          <TreeTypeBadge type="maintenance" />
          {t.description && <span className="truncate">{t.description}</span>}
        </span>
      }
      actions={
        canWrite && (
          <>
            <Button size="sm" variant="outline" onClick={() => void navigate(paths.app.editFlow.getHref(t.id))}>
              <Pencil className="h-3.5 w-3.5" aria-hidden />
              Edit Flow
            </Button>
            <Button size="sm" variant="amber" onClick={() => setLaunchOpen(true)}>
              <Rocket className="h-3.5 w-3.5" aria-hidden />
              Batch Launch
            </Button>
          </>
        )
      }
    >
      <div className="grid grid-cols-[minmax(0,1fr)_25rem] gap-5">
        <RunHistory treeId={t.id} treeName={t.name} highlight={highlight} />
        <div className="space-y-4">
          <SchedulePanel
            treeId={t.id}
            canWrite={canWrite}
            targetLists={targetLists.data?.items ?? []}
            onRun={setHighlight}
          />
          <details className="panel group px-4 py-2.5">
            <summary className="cursor-pointer text-xs font-semibold text-zinc-300">Steps of this flow</summary>
            <div className="mt-2">
              <FlowOutline tree={t} />
            </div>
          </details>
        </div>
      </div>
      {canWrite && (
        <BatchLaunchDialog
          open={launchOpen}
          onClose={() => setLaunchOpen(false)}
          treeId={t.id}
          treeName={t.name}
          targetLists={targetLists.data?.items ?? []}
          targetListsLoading={targetLists.isPending}
          loadTargetList={getTargetList}
          onLaunched={(batch) => setHighlight(batch.batch_id)}
        />
      )}
    </ContentLayout>
  );
}
