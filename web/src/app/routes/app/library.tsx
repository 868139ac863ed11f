import { Plus } from 'lucide-react';
import { useNavigate, useSearchParams } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { TREE_TYPE_LABELS } from '@/components/tree-type-badge';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { TreesLibrary, type LibraryView } from '@/features/trees/components/trees-library';
import { useCanWrite } from '@/lib/auth';
import { TREE_TYPES, type TreeType } from '@/types/api';

const asType = (value: string | null): TreeType | undefined =>
  TREE_TYPES.includes(value as TreeType) ? (value as TreeType) : undefined;

export function LibraryRoute() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const type = asType(params.get('type'));
  const q = params.get('q') ?? '';
  const view: LibraryView = params.get('view') === 'list' ? 'list' : 'grid';

  const onChange = (next: { type?: TreeType | undefined; q?: string; view?: LibraryView }) => {
    const merged = new URLSearchParams(params);
    if ('type' in next) {
      if (next.type) merged.set('type', next.type);
      else merged.delete('type');
    }
    if (next.q !== undefined) {
      if (next.q) merged.set('q', next.q);
      else merged.delete('q');
    }
    if (next.view) {
      if (next.view === 'list') merged.set('view', 'list');
      else merged.delete('view');
    }
    setParams(merged, { replace: next.q !== undefined });
  };

  const title = type ? (type === 'procedural' ? 'Projects' : TREE_TYPE_LABELS[type]) : 'Library';

  return (
    <ContentLayout
      title={title}
      subtitle={
        type === 'maintenance'
          ? 'Procedures run over many targets at once, by hand or on a schedule.'
          : type === 'troubleshooting'
            ? 'Decision trees that lead from a symptom to a fix.'
            : type === 'procedural'
              ? 'Step-by-step procedures for projects and changes.'
              : 'Every flow of your team.'
      }
      actions={
        canWrite && (
          <Button variant="primary" size="sm" onClick={() => void navigate(paths.app.newFlow.getHref(type ?? null))}>
            <Plus className="h-3.5 w-3.5" aria-hidden />
            New flow
          </Button>
        )
      }
    >
      <TreesLibrary type={type} q={q} view={view} onChange={onChange} />
    </ContentLayout>
  );
}
