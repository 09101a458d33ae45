import { useCallback, useEffect, useState } from 'react';
import type { LoadedModel, ModelSummary } from '../../../../electron/ipc/contract';
import { call } from '../../api';
import type { InferenceClient } from '../../inference/client';
import type { BackendPreference, LoadInfo } from '../../inference/messages';
import { MAIN_SESSION, ModelRouter } from './model-sessions';

export { MAIN_SESSION };

export type ModelState =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  /** `model`: the build with every module output (names, tree); `session`: the main session (stage outputs) */
  | { status: 'ready'; model: LoadedModel; session: LoadInfo }
  | { status: 'failed'; id: string; message: string };

/** Lists the library's models and keeps the selected one loaded in the inference worker. */
export function useModel(client: InferenceClient, backend: BackendPreference) {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // The outcome of the last load and what it was for; a newer selection in flight reads as 'loading'.
  const [loaded, setLoaded] = useState<{ key: string; state: ModelState } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [router] = useState(() => new ModelRouter(client));

  /** Re-reads the library (after a download, import or delete); keeps the selection when it still exists. */
  const refresh = useCallback(
    () =>
      call('listModels').then(
        (list) => {
          setModels(list);
          setSelectedId((current) =>
            current && list.some((m) => m.id === current && m.loadable)
              ? current
              : (list.find((m) => m.loadable)?.id ?? null),
          );
        },
        (err: Error) => setListError(err.message),
      ),
    [],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!selectedId) return;
    let cancelled = false;
    const key = `${selectedId}|${backend}`;
    router.select(null, backend);
    (async () => {
      // Both builds come from the main process's build cache after the first time.
      const [model, lean] = await Promise.all([
        call('loadModel', selectedId, { outputs: 'all' }),
        call('loadModel', selectedId, { outputs: 'blocks' }),
      ]);
      // A newer selection may already be loading into the main session: this one must not replace it.
      if (cancelled) return;
      const session = await client.load(MAIN_SESSION, lean.modelUrl, backend);
      if (cancelled) return;
      router.select({ detail: model, mainOutputs: session.outputNames }, backend);
      setLoaded({ key, state: { status: 'ready', model, session } });
    })().catch((err: Error) => {
      if (!cancelled) setLoaded({ key, state: { status: 'failed', id: selectedId, message: err.message } });
    });
    return () => {
      cancelled = true;
    };
  }, [client, router, selectedId, backend]);

  const state: ModelState = !selectedId
    ? { status: 'idle' }
    : loaded && loaded.key === `${selectedId}|${backend}`
      ? loaded.state
      : { status: 'loading', id: selectedId };
  // Runs go to the model the main session holds now (stable function: fetchers keep it).
  return { models, selectedId, setSelectedId, state, listError, refresh, run: router.run };
}
