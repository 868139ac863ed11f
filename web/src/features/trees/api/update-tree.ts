import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { treeKeys } from '@/lib/query-keys';
import type { Tree } from '@/types/api';
import type { CreateTreeInput } from './create-tree';

export type UpdateTreeInput = { id: string; data: Partial<CreateTreeInput> };

export const updateTree = ({ id, data }: UpdateTreeInput) => api.put<Tree>(`/trees/${id}`, data);

export const useUpdateTree = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTree,
    meta: { silent: true },
    onSuccess: (tree) => {
      queryClient.setQueryData(treeKeys.detail(tree.id), tree);
      void queryClient.invalidateQueries({ queryKey: treeKeys.all });
    },
  });
};
