import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorBoundary } from '@/components/errors/main-error-fallback';
import { toast, Toaster } from '@/components/ui/toast';
import { ApiError, errorMessage } from '@/lib/api-client';
import { queryConfig } from '@/lib/react-query';

/** A 401 is not news: the token was cleared and the guard is already on its way to sign-in. */
const isSessionEnd = (error: unknown) => error instanceof ApiError && error.status === 401;

/** A quota answer: 429 (sessions per window, with Retry-After) or a 403 whose detail names a limit. */
export const isLimit = (error: unknown) =>
  error instanceof ApiError && (error.status === 429 || (error.status === 403 && /\blimit\b/i.test(error.message)));

export function createAppQueryClient() {
  return new QueryClient({
    defaultOptions: queryConfig,
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.meta?.silent || isSessionEnd(error)) return;
        toast.error('Could not load data', errorMessage(error));
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (mutation.meta?.silent || isSessionEnd(error)) return;
        if (isLimit(error)) toast.error('Limit reached', errorMessage(error));
        else toast.error(errorMessage(error));
      },
      onSuccess: (_data, _vars, _ctx, mutation) => {
        if (mutation.meta?.successMessage) toast.success(mutation.meta.successMessage);
      },
    }),
  });
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createAppQueryClient());
  return (
    <ErrorBoundary>
      <QueryClientProvider client={client}>
        {children}
        <Toaster />
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
