import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { batchKeys, sessionKeys } from '@/lib/query-keys';
import type { Session, SessionProgress } from '@/types/api';
import { updateSession } from '../api/update-session';
import { useRunnerStore } from '../stores/runner-store';

/**
 * Saves session progress as the engineer works, one PATCH at a time and in order: changes
 * made while a save is in flight are merged and sent next, so the server never ends on an
 * older state than the screen. A failed save keeps its changes for the next attempt.
 */
export function useProgressSaver(sessionId: string) {
  const queryClient = useQueryClient();
  const setSaveState = useRunnerStore((s) => s.setSaveState);
  const pending = useRef<SessionProgress | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const send = useCallback(async () => {
    const data = pending.current;
    if (!data) return;
    pending.current = null;
    setSaveState('saving');
    try {
      const saved = await updateSession({ id: sessionId, data });
      queryClient.setQueryData(sessionKeys.detail(sessionId), (old: Session | undefined) =>
        old ? { ...old, ...saved, tree_snapshot: saved.tree_snapshot ?? old.tree_snapshot } : saved,
      );
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: batchKeys.all });
      if (!pending.current) setSaveState('saved');
    } catch (error) {
      pending.current = { ...data, ...(pending.current ?? {}) };
      setSaveState('error');
      toast.error('Progress not saved', errorMessage(error));
    }
  }, [queryClient, sessionId, setSaveState]);

  const save = useCallback(
    (patch: SessionProgress) => {
      pending.current = { ...(pending.current ?? {}), ...patch };
      chain.current = chain.current.then(send);
    },
    [send],
  );

  /** Send what failed before. */
  const retry = useCallback(() => {
    chain.current = chain.current.then(send);
  }, [send]);

  /** Resolves once every change so far has been sent (or has failed). */
  const settled = useCallback(() => chain.current, []);

  /** True while changes are waiting to be sent (after a failure). */
  const hasUnsaved = useCallback(() => pending.current !== null, []);

  return useMemo(() => ({ save, retry, settled, hasUnsaved }), [save, retry, settled, hasUnsaved]);
}

export type ProgressSaver = ReturnType<typeof useProgressSaver>;
