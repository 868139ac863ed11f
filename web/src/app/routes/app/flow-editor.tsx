import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { PageSpinner } from '@/components/ui/spinner';
import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';
import { useTree } from '@/features/trees/api/get-tree';
import { FlowEditor } from '@/features/trees/components/flow-editor';
import { flowHref } from '@/features/trees/components/trees-library';
import { TREE_TYPES, type TreeType } from '@/types/api';

export function FlowNewRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const requested = params.get('type') as TreeType | null;
  const initialType = requested && TREE_TYPES.includes(requested) ? requested : 'procedural';
  return (
    <FlowEditor
      key={initialType}
      initialType={initialType}
      onSaved={(tree) => void navigate(flowHref(tree), { replace: true })}
      onCancel={() => void navigate(-1)}
    />
  );
}

export function FlowEditRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
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
      {(t) => (
        <FlowEditor
          key={t.id}
          tree={t}
          onSaved={(saved) => void navigate(flowHref(saved))}
          onCancel={() => void navigate(flowHref(t))}
          onDeleted={() => void navigate(paths.app.library.getHref({ type: t.tree_type }), { replace: true })}
        />
      )}
    </QueryBoundary>
  );
}
