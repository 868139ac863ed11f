import { LayoutGrid, List, Search, Wrench } from 'lucide-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { Link } from 'react-router';
import { TREE_TYPE_LABELS, TreeTypeBadge, TreeTypeIcon } from '@/components/tree-type-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Table, type Column } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { cn, formatRelative, plural } from '@/lib/utils';
import { TREE_TYPES, type Tree, type TreeSummary, type TreeType } from '@/types/api';
import { loadedTrees, useTrees } from '../api/get-trees';

export type LibraryView = 'grid' | 'list';

type TreesLibraryProps = {
  type: TreeType | undefined;
  q: string;
  view: LibraryView;
  onChange: (next: { type?: TreeType | undefined; q?: string; view?: LibraryView }) => void;
};

/** Where a flow opens: maintenance flows on their run page, the others on their overview. */
export function flowHref(tree: Pick<Tree, 'id' | 'tree_type'>) {
  return tree.tree_type === 'maintenance' ? paths.app.maintenance.getHref(tree.id) : paths.app.flow.getHref(tree.id);
}

const flowColumns: Column<TreeSummary>[] = [
  {
    header: 'Name',
    className: 'font-medium',
    cell: (tree) => (
      <Link className="text-zinc-100 hover:text-sky-300 hover:underline" to={flowHref(tree)}>
        {tree.name}
      </Link>
    ),
  },
  { header: 'Type', cell: (tree) => <TreeTypeBadge type={tree.tree_type} /> },
  { header: 'Description', className: 'max-w-md truncate text-zinc-400', cell: (tree) => tree.description },
  { header: 'Size', headerClassName: 'w-24', className: 'text-zinc-400', cell: (tree) => stepCount(tree) },
  {
    header: 'Updated',
    headerClassName: 'w-28',
    className: 'text-zinc-500',
    cell: (tree) => formatRelative(tree.updated_at),
  },
];

export function TreesLibrary({ type, q, view, onChange }: TreesLibraryProps) {
  const [search, setSearch] = useState(q);
  const debounced = useDebouncedValue(search, 250);
  // Only the debounced text drives the URL; the effect event reads `q` as it is then.
  const pushSearch = useEffectEvent((text: string) => {
    if (text !== q) onChange({ q: text });
  });
  useEffect(() => pushSearch(debounced), [debounced]);
  // A search changed elsewhere (back button, a link) shows in the box.
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    setSearch(q);
  }

  const trees = useTrees({ type, q });
  const items = loadedTrees(trees.data?.pages);
  const total = trees.data?.pages.at(-1)?.total ?? items.length;

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <div className="flex rounded-md border border-zinc-800 p-0.5" role="group" aria-label="Filter by type">
          {[undefined, ...TREE_TYPES].map((t) => (
            <button
              key={t ?? 'all'}
              type="button"
              aria-pressed={type === t}
              onClick={() => onChange({ type: t })}
              className={cn(
                'inline-flex items-center gap-1.5 rounded px-2.5 py-1 text-xs font-medium',
                'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
                type === t ? 'bg-zinc-800 text-zinc-100' : 'text-zinc-400 hover:text-zinc-200',
              )}
            >
              {t && <TreeTypeIcon type={t} className="h-3 w-3" />}
              {t ? (t === 'procedural' ? 'Projects' : TREE_TYPE_LABELS[t]) : 'All'}
            </button>
          ))}
        </div>
        <div className="relative ml-auto w-72">
          <Search className="pointer-events-none absolute left-2 top-2 h-4 w-4 text-zinc-500" aria-hidden />
          <Input
            type="search"
            aria-label="Search flows"
            placeholder="Search name or description"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="pl-8"
          />
        </div>
        <div className="flex rounded-md border border-zinc-800 p-0.5" role="group" aria-label="View">
          <button
            type="button"
            aria-label="Grid view"
            aria-pressed={view === 'grid'}
            onClick={() => onChange({ view: 'grid' })}
            className={cn(
              'rounded p-1',
              view === 'grid' ? 'bg-zinc-800 text-zinc-100' : 'text-zinc-500 hover:text-zinc-200',
            )}
          >
            <LayoutGrid className="h-4 w-4" />
          </button>
          <button
            type="button"
            aria-label="List view"
            aria-pressed={view === 'list'}
            onClick={() => onChange({ view: 'list' })}
            className={cn(
              'rounded p-1',
              view === 'list' ? 'bg-zinc-800 text-zinc-100' : 'text-zinc-500 hover:text-zinc-200',
            )}
          >
            <List className="h-4 w-4" />
          </button>
        </div>
      </div>

      <QueryBoundary
        query={trees}
        loadingLabel="Loading flows"
        error={<EmptyState title="Could not load the flows">Try again in a moment.</EmptyState>}
        isEmpty={() => items.length === 0}
        empty={
          <EmptyState icon={<Wrench className="h-6 w-6" />} title={q ? `No flows match “${q}”` : 'No flows yet'}>
            {q ? 'Try another search.' : 'Create the first one with “New flow”.'}
          </EmptyState>
        }
      >
        {() =>
          view === 'grid' ? (
            <ul className="grid grid-cols-2 gap-3 xl:grid-cols-3 2xl:grid-cols-4" aria-label="Flows">
              {items.map((tree) => (
                <li key={tree.id}>
                  <Link
                    to={flowHref(tree)}
                    className={cn(
                      'group flex h-full flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900/50 p-3',
                      'transition-colors hover:border-zinc-700 hover:bg-zinc-900',
                      'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
                    )}
                  >
                    <div className="flex items-start justify-between gap-2">
                      <span className="line-clamp-2 text-sm font-medium text-zinc-100 group-hover:text-white">
                        {tree.name}
                      </span>
                      <TreeTypeBadge type={tree.tree_type} />
                    </div>
                    <p className="line-clamp-2 min-h-[2rem] text-xs text-zinc-400">
                      {tree.description || 'No description'}
                    </p>
                    <p className="mt-auto text-2xs text-zinc-500">
                      {stepCount(tree)} · updated {formatRelative(tree.updated_at)}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Table label="Flows" columns={flowColumns} rows={items} rowKey={(tree) => tree.id} />
          )
        }
      </QueryBoundary>
      {items.length > 0 && (
        <div className="flex items-center justify-center gap-3 py-1 text-xs text-zinc-500">
          <span role="status">
            {items.length < total
              ? `Showing ${items.length} of ${total} flows`
              : plural(total, { one: 'flow', other: 'flows' })}
          </span>
          {trees.hasNextPage && (
            <Button
              size="sm"
              variant="outline"
              loading={trees.isFetchingNextPage}
              onClick={() => void trees.fetchNextPage()}
            >
              Load more
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

/** "3 steps" for a procedure, "5 nodes" for a decision tree, from the list's `step_count`. */
export function stepCount(tree: Pick<TreeSummary, 'tree_type' | 'step_count'>): string {
  if (typeof tree.step_count !== 'number') return '';
  return plural(
    tree.step_count,
    tree.tree_type === 'troubleshooting' ? { one: 'node', other: 'nodes' } : { one: 'step', other: 'steps' },
  );
}
