import type { ReactNode } from 'react';
import { Spinner } from './spinner';

/** What the boundary reads of a TanStack query or infinite query. */
export type QueryState<T> = { data: T | undefined; isError: boolean; error: unknown };

type QueryBoundaryProps<T> = {
  query: QueryState<T>;
  /** Shown until the first answer; defaults to a spinner saying `loadingLabel`. */
  loading?: ReactNode;
  loadingLabel?: string;
  /** Shown when the query failed and there is nothing to show. */
  error: ReactNode | ((error: unknown) => ReactNode);
  /** Shown instead of `children` when `isEmpty(data)`. */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
};

/**
 * The three states of server data before it can be shown, in one place: loading, failed,
 * empty. Data already on screen stays there when a later refetch fails (the query client
 * toasts the failure), so `error` is for when there is nothing to show.
 */
export function QueryBoundary<T>({
  query,
  loading,
  loadingLabel,
  error,
  empty,
  isEmpty,
  children,
}: QueryBoundaryProps<T>) {
  if (query.data === undefined) {
    if (query.isError) return <>{typeof error === 'function' ? error(query.error) : error}</>;
    return <>{loading ?? <Spinner label={loadingLabel} />}</>;
  }
  if (empty !== undefined && isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
