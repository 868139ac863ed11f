import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const deleteTree = (id: string) => api.delete(`/trees/${id}`);

export const useDeleteTree = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTree,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: ['trees', 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: ['trees'] });
      void queryClient.invalidateQueries({ queryKey: ['schedules'] });
    },
  });
};
