import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { treeKeys } from '@/lib/query-keys';
import type { Tree, TreeStructure, TreeType } from '@/types/api';

export type CreateTreeInput = {
  name: string;
  description: string;
  tree_type: TreeType;
  tree_structure: TreeStructure;
};

export const createTree = (input: CreateTreeInput) => api.post<Tree>('/trees/', input);

export const useCreateTree = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTree,
    meta: { silent: true },
    onSuccess: (tree) => {
      queryClient.setQueryData(treeKeys.detail(tree.id), tree);
      void queryClient.invalidateQueries({ queryKey: treeKeys.all });
    },
  });
};
