import { useCallback, useEffect, useRef, useState } from 'react';
import type { BuildCacheInfo, DownloadProgress, ModelSummary } from '../../../../electron/ipc/contract';
import { call } from '../../api';
import { downloadStatesChanged, isActive } from './library-model';

/** How often downloads are polled while one runs (and only then). */
export const POLL_MS = 300;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Calls `tick` every `ms` while `active`: a chain of timeouts, so a slow answer never overlaps the next. */
function usePolling(active: boolean, tick: () => Promise<void>, ms: number): void {
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const run = async () => {
      await tick();
      if (!stopped) timer = setTimeout(() => void run(), ms);
    };
    timer = setTimeout(() => void run(), ms);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, tick, ms]);
}

/** The model list, the build cache and the downloads of this session, read again when they change. */
function useLibraryData(onChanged: () => void) {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [downloads, setDownloads] = useState<DownloadProgress[]>([]);
  const [cache, setCache] = useState<BuildCacheInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastPoll = useRef<DownloadProgress[]>([]);
  const onChangedRef = useRef(onChanged);
  useEffect(() => {
    onChangedRef.current = onChanged;
  }, [onChanged]);

  const refresh = useCallback(async () => {
    try {
      const [list, info] = await Promise.all([call('listModels'), call('getBuildCacheInfo')]);
      setModels(list);
      setCache(info);
      setError(null);
      onChangedRef.current();
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);

  /** Reads the downloads; a new one or a changed state (done, failed) means the statuses are stale. */
  const poll = useCallback(async () => {
    try {
      const next = await call('pollDownloads');
      const changed = downloadStatesChanged(lastPoll.current, next);
      lastPoll.current = next;
      setDownloads(next);
      if (changed) await refresh();
    } catch (err) {
      setError(messageOf(err));
    }
  }, [refresh]);

  // the first read, once mounted; its state changes come from the answers, not from the effect itself
  useEffect(() => {
    void Promise.resolve().then(refresh).then(poll);
  }, [refresh, poll]);

  const active = downloads.some(isActive) || models.some((m) => m.status.state === 'downloading');
  usePolling(active, poll, POLL_MS);
  return { models, downloads, cache, error, setError, refresh, poll };
}

/**
 * The library as the Library view shows it: every model with its status, the downloads of this session,
 * the build cache, and the actions on them. `onChanged` runs after every read of the model list (the
 * session's own list then needs reading again).
 */
export function useLibrary(onChanged: () => void) {
  const { setError, refresh, poll, ...data } = useLibraryData(onChanged);
  /** per model: the path `revealFile` gave */
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  /** per model: why the last action on it failed */
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const onRow = useCallback(
    async (id: string, action: () => Promise<unknown>) => {
      setRowErrors(({ [id]: _old, ...rest }) => rest);
      try {
        await action();
      } catch (err) {
        setRowErrors((prev) => ({ ...prev, [id]: messageOf(err) }));
      }
      await poll();
      await refresh();
    },
    [poll, refresh],
  );

  return {
    ...data,
    revealed,
    rowErrors,
    refresh,
    download: (id: string) => onRow(id, () => call('startDownload', id)),
    cancel: (id: string) => onRow(id, () => call('cancelDownload', id)),
    remove: (id: string) =>
      onRow(id, async () => {
        await call('deleteModel', id);
        setRevealed(({ [id]: _gone, ...rest }) => rest);
      }),
    reveal: (id: string) =>
      onRow(id, async () => {
        const { path } = await call('revealFile', id);
        setRevealed((prev) => ({ ...prev, [id]: path }));
      }),
    clearCache: async () => {
      await call('clearBuildCache').catch((err: unknown) => setError(messageOf(err)));
      await refresh();
    },
  };
}

export type Library = ReturnType<typeof useLibrary>;
