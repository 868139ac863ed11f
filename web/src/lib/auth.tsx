// Who is signed in: the `me` query, sign-in / register / sign-out, and the guard that
// sends anonymous visitors to sign-in. The token itself lives in `token-store`.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import type { AuthResponse, User } from '@/types/api';
import { api } from './api-client';
import { authKeys } from './query-keys';
import { tokenStore } from './token-store';

export function useToken(): string | null {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.get, tokenStore.get);
}

export function getMe(): Promise<User> {
  return api.get<User>('/auth/me');
}

export function useUser() {
  const token = useToken();
  return useQuery({ queryKey: authKeys.me(), queryFn: getMe, enabled: Boolean(token), staleTime: 5 * 60_000 });
}

/** Engineers and admins write; viewers only read. */
export function useCanWrite(): boolean {
  const { data } = useUser();
  return data ? data.role !== 'viewer' : false;
}

export type LoginInput = { email: string; password: string };
export type RegisterInput = {
  email: string;
  password: string;
  name: string;
  team_name?: string;
  invite_code?: string;
};

export const login = (input: LoginInput) => api.post<AuthResponse>('/auth/login', input);
export const register = (input: RegisterInput) => api.post<AuthResponse>('/auth/register', input);
export const logout = () => api.post<void>('/auth/logout');

function useAuthSuccess() {
  const queryClient = useQueryClient();
  return (response: AuthResponse) => {
    queryClient.clear();
    queryClient.setQueryData(authKeys.me(), response.user);
    tokenStore.set(response.access_token);
  };
}

export function useLogin() {
  const onSuccess = useAuthSuccess();
  return useMutation({ mutationFn: login, onSuccess, meta: { silent: true } });
}

export function useRegister() {
  const onSuccess = useAuthSuccess();
  return useMutation({ mutationFn: register, onSuccess, meta: { silent: true } });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Revoke on the server when it can be reached; sign out locally whatever happens.
      await logout().catch(() => undefined);
    },
    onSettled: () => {
      tokenStore.clear();
      queryClient.clear();
    },
  });
}

export function ProtectedRoute({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={paths.auth.login.getHref(here === '/' ? null : here)} replace />;
  }
  return <>{children}</>;
}

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeRedirect(target: string | null | undefined): string {
  if (target && target.startsWith('/') && !target.startsWith('//')) return target;
  return paths.app.library.getHref();
}
