import { useCallback, useEffect, useState } from 'react';
import type { LoadedModel, ModelSummary } from '../../../../electron/ipc/contract';
import { call } from '../../api';
import type { InferenceClient } from '../../inference/client';
import type { BackendPreference, LoadInfo } from '../../inference/messages';

/** The worker session of the model selected in the toolbar (other views load their own keys). */
export const MAIN_SESSION = 'main';

export type ModelState =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  | { status: 'ready'; model: LoadedModel; session: LoadInfo }
  | { status: 'failed'; id: string; message: string };

/** Lists the library's models and keeps the selected one loaded in the inference worker. */
export function useModel(client: InferenceClient, backend: BackendPreference) {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // The outcome of the last load and what it was for; a newer selection in flight reads as 'loading'.
  const [loaded, setLoaded] = useState<{ key: string; state: ModelState } | null>(null);
  const [listError, setListError] = useState<string | null>(null);

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
    (async () => {
      const model = await call('loadModel', selectedId, { outputs: 'all' });
      const session = await client.load(MAIN_SESSION, model.modelUrl, backend);
      if (!cancelled) setLoaded({ key, state: { status: 'ready', model, session } });
    })().catch((err: Error) => {
      if (!cancelled) setLoaded({ key, state: { status: 'failed', id: selectedId, message: err.message } });
    });
    return () => {
      cancelled = true;
    };
  }, [client, selectedId, backend]);

  const state: ModelState = !selectedId
    ? { status: 'idle' }
    : loaded && loaded.key === `${selectedId}|${backend}`
      ? loaded.state
      : { status: 'loading', id: selectedId };
  return { models, selectedId, setSelectedId, state, listError, refresh };
}
