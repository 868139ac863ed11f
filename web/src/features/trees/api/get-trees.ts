import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { treeKeys } from '@/lib/query-keys';
import type { Paged, TreeSummary, TreeType } from '@/types/api';

export type TreesFilter = { type?: TreeType | undefined; q?: string | undefined };

/** Flows per page of the library: a multiple of its 2, 3 and 4 grid columns. */
export const TREES_PAGE_SIZE = 48;

/** The server's largest page; a team has at most a few thousand flows. */
const MAX_LIMIT = 1000;

export const getTrees = (filter: TreesFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.getList<TreeSummary>(
    '/trees/',
    { tree_type: filter.type, q: filter.q?.trim(), limit: page.limit, offset: page.offset },
    signal,
  );

const filterKey = (filter: TreesFilter) => ({ type: filter.type ?? null, q: filter.q?.trim() || null });

/** The library: one page at a time, the next one when the user asks for more. */
export const getTreesInfiniteQueryOptions = (filter: TreesFilter = {}, pageSize = TREES_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: treeKeys.list({ ...filterKey(filter), pageSize }),
    queryFn: ({ pageParam, signal }) => getTrees(filter, { limit: pageSize, offset: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: (last: Paged<TreeSummary>, pages: Paged<TreeSummary>[]) => {
      const next = pages.length * pageSize;
      return last.items.length < pageSize || next >= last.total ? undefined : next;
    },
    placeholderData: keepPreviousData,
  });

export const useTrees = (filter: TreesFilter = {}, pageSize = TREES_PAGE_SIZE) =>
  useInfiniteQuery(getTreesInfiniteQueryOptions(filter, pageSize));

/** The loaded pages as one list; a flow that moved between pages while loading is kept once. */
export function loadedTrees(pages: readonly Paged<TreeSummary>[] | undefined): TreeSummary[] {
  const seen = new Set<string>();
  const out: TreeSummary[] = [];
  for (const page of pages ?? []) {
    for (const tree of page.items) {
      if (!seen.has(tree.id)) {
        seen.add(tree.id);
        out.push(tree);
      }
    }
  }
  return out;
}

/** Flow names for a picker (the sessions filter): one page of the server's largest size. */
export const getTreeOptionsQueryOptions = () =>
  queryOptions({
    queryKey: treeKeys.options(),
    queryFn: ({ signal }) => getTrees({}, { limit: MAX_LIMIT, offset: 0 }, signal),
    staleTime: 60_000,
  });

export const useTreeOptions = () => useQuery(getTreeOptionsQueryOptions());
