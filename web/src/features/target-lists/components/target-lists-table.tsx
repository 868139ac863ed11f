import { Pencil, Plus, Target, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { formatRelative, plural } from '@/lib/utils';
import type { TargetListSummary } from '@/types/api';
import { useDeleteTargetList } from '../api/delete-target-list';
import { loadedTargetLists, useTargetLists } from '../api/get-target-lists';
import { TargetListDialog } from './target-list-dialog';

export function TargetListsManager({ canWrite }: { canWrite: boolean }) {
  const lists = useTargetLists();
  const remove = useDeleteTargetList();
  const [editing, setEditing] = useState<TargetListSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<TargetListSummary | null>(null);
  const items = loadedTargetLists(lists.data?.pages);
  const total = lists.data?.pages.at(-1)?.total ?? items.length;

  return (
    <div className="space-y-3">
      {canWrite && (
        <div className="flex justify-end">
          <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
            <Plus className="h-3.5 w-3.5" aria-hidden />
            New target list
          </Button>
        </div>
      )}
      <QueryBoundary
        query={lists}
        loadingLabel="Loading target lists"
        error={<EmptyState title="The target lists could not be loaded" />}
        isEmpty={() => items.length === 0}
        empty={
          <EmptyState icon={<Target className="h-6 w-6" />} title="No target lists yet">
            Save the servers or tenants you maintain together, then launch or schedule runs over them.
          </EmptyState>
        }
      >
        {() => (
          <Table
            label="Target lists"
            rows={items}
            rowKey={(l) => l.id}
            columns={[
              { header: 'Name', className: 'font-medium text-zinc-100', cell: (l) => l.name },
              { header: 'Description', className: 'max-w-[28rem] truncate text-zinc-400', cell: (l) => l.description },
              { header: 'Targets', headerClassName: 'w-20', className: 'tabular-nums', cell: (l) => l.target_count },
              {
                header: 'Updated',
                headerClassName: 'w-28',
                className: 'text-zinc-500',
                cell: (l) => formatRelative(l.updated_at),
              },
              {
                header: null,
                headerClassName: 'w-20',
                className: 'text-right',
                cell: (l) =>
                  canWrite && (
                    <span className="inline-flex">
                      <Button size="icon" variant="ghost" aria-label={`Edit ${l.name}`} onClick={() => setEditing(l)}>
                        <Pencil className="h-3.5 w-3.5" />
                      </Button>
                      <Button
                        size="icon"
                        variant="ghost"
                        aria-label={`Delete ${l.name}`}
                        onClick={() => setDeleting(l)}
                        className="hover:text-red-400"
                      >
                        <Trash2 className="h-3.5 w-3.5" />
                      </Button>
                    </span>
                  ),
              },
            ]}
          />
        )}
      </QueryBoundary>
      {items.length > 0 && (
        <div className="flex items-center justify-center gap-3 py-1 text-xs text-zinc-500">
          <span role="status">
            {items.length < total
              ? `Showing ${items.length} of ${total} lists`
              : plural(total, { one: 'list', other: 'lists' })}
          </span>
          {lists.hasNextPage && (
            <Button
              size="sm"
              variant="outline"
              loading={lists.isFetchingNextPage}
              onClick={() => void lists.fetchNextPage()}
            >
              Load more
            </Button>
          )}
        </div>
      )}
      <TargetListDialog
        open={creating || editing !== null}
        list={editing}
        onClose={() => (setCreating(false), setEditing(null))}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this target list?"
        body={
          <p>
            <strong className="text-zinc-100">{deleting?.name}</strong> ({deleting?.target_count} targets) will be
            deleted. Schedules that use it will create a single “Unassigned” session until you pick another list. Past
            runs are not affected.
          </p>
        }
        confirmLabel="Delete list"
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success('Target list deleted', deleting.name);
              setDeleting(null);
            },
          })
        }
      />
    </div>
  );
}
