import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Invite } from '@/types/api';

export const createInvite = () => api.post<Invite>('/teams/invites', {});

export const useCreateInvite = () => useMutation({ mutationFn: createInvite });
