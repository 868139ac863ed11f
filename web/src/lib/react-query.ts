import type { DefaultOptions } from '@tanstack/react-query';
import { ApiError } from './api-client';

export const queryConfig = {
  queries: {
    refetchOnWindowFocus: false,
    staleTime: 15_000,
    // Retrying a 4xx only repeats the same answer; a network blip or a 5xx may pass.
    retry: (failureCount, error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
      return failureCount < 2;
    },
  },
  mutations: { retry: false },
} satisfies DefaultOptions;

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** Do not toast this query's failure: the component shows it in place. */
      silent?: boolean;
    };
    mutationMeta: {
      /** Do not toast this mutation's failure: the form shows it in place. */
      silent?: boolean;
      /** Toast this on success. */
      successMessage?: string;
    };
  }
}
