import { Pencil, Plus, Target, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { formatRelative } from '@/lib/utils';
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
      {lists.isPending ? (
        <Spinner label="Loading target lists" />
      ) : lists.isError && !lists.data ? (
        <EmptyState title="The target lists could not be loaded" />
      ) : items.length === 0 ? (
        <EmptyState icon={<Target className="h-6 w-6" />} title="No target lists yet">
          Save the servers or tenants you maintain together, then launch or schedule runs over them.
        </EmptyState>
      ) : (
        <div className="panel overflow-hidden">
          <table className="table-dense" aria-label="Target lists">
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th className="w-20">Targets</th>
                <th className="w-28">Updated</th>
                <th className="w-20" />
              </tr>
            </thead>
            <tbody>
              {items.map((l) => (
                <tr key={l.id}>
                  <td className="font-medium text-zinc-100">{l.name}</td>
                  <td className="max-w-[28rem] truncate text-zinc-400">{l.description}</td>
                  <td className="tabular-nums">{l.target_count}</td>
                  <td className="text-zinc-500">{formatRelative(l.updated_at)}</td>
                  <td className="text-right">
                    {canWrite && (
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
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length > 0 && (
        <div className="flex items-center justify-center gap-3 py-1 text-xs text-zinc-500">
          <span role="status">
            {items.length < total
              ? `Showing ${items.length} of ${total} lists`
              : `${total} list${total === 1 ? '' : 's'}`}
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
