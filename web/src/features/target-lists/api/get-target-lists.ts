import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { targetListKeys } from '@/lib/query-keys';
import type { Paged, TargetListSummary } from '@/types/api';

/** Lists per page of the target lists page. */
export const TARGET_LISTS_PAGE_SIZE = 50;

/** The server's largest page, which is also a team's default limit of target lists. */
const MAX_LIMIT = 1000;

/** One page of summaries (name order): no targets, `target_count` instead. */
export const getTargetLists = (page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.getList<TargetListSummary>('/target-lists/', { limit: page.limit, offset: page.offset }, signal);

/** The target lists page: one page at a time, the next on "Load more". */
export const getTargetListsInfiniteQueryOptions = (pageSize = TARGET_LISTS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: targetListKeys.list({ pageSize }),
    queryFn: ({ pageParam, signal }) => getTargetLists({ limit: pageSize, offset: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: (last: Paged<TargetListSummary>, pages: Paged<TargetListSummary>[]) => {
      const next = pages.length * pageSize;
      return last.items.length < pageSize || next >= last.total ? undefined : next;
    },
  });

export const useTargetLists = (pageSize = TARGET_LISTS_PAGE_SIZE) =>
  useInfiniteQuery(getTargetListsInfiniteQueryOptions(pageSize));

/** The loaded pages as one list, each list once. */
export function loadedTargetLists(pages: readonly Paged<TargetListSummary>[] | undefined): TargetListSummary[] {
  const seen = new Set<string>();
  return (pages ?? []).flatMap((p) => p.items).filter((l) => !seen.has(l.id) && Boolean(seen.add(l.id)));
}

/** Every list's name and count for a picker (schedule panel, batch launch): one large page. */
export const getTargetListOptionsQueryOptions = () =>
  queryOptions({
    queryKey: targetListKeys.options(),
    queryFn: ({ signal }) => getTargetLists({ limit: MAX_LIMIT, offset: 0 }, signal),
  });

export const useTargetListOptions = () => useQuery(getTargetListOptionsQueryOptions());
