import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { call } from '../../api';
import type { InferenceClient } from '../../inference/client';
import type { Backend, BackendPreference } from '../../inference/messages';
import { topK, type Prediction } from '../../lib/topk';
import type { GalleryImage } from '../gallery/gallery-model';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';

export type SlotResult =
  | { status: 'loading' }
  | { status: 'done'; model: LoadedModel; top: Prediction[]; ms: number; backend: Backend }
  | { status: 'failed'; message: string };

/** Each compared model runs in its own worker session, so it never replaces the toolbar's model. */
export function compareSession(id: string): string {
  return `compare:${id}`;
}

/** Per model id: its load, and the backend it was loaded for (a change of backend loads it again). */
type Loaded = Map<string, { backend: BackendPreference; model: Promise<LoadedModel> }>;

function ensureLoaded(
  client: InferenceClient,
  loaded: Loaded,
  id: string,
  backend: BackendPreference,
): Promise<LoadedModel> {
  const current = loaded.get(id);
  if (current && current.backend === backend) return current.model;
  const entry = {
    backend,
    model: (async () => {
      // 'stages' exposes layer1..layerN too, for the CKA over the gallery.
      const model = await call('loadModel', id, { outputs: 'stages' });
      await client.load(compareSession(id), model.modelUrl, backend);
      return model;
    })(),
  };
  // A failed load is retried next time rather than cached.
  entry.model.catch(() => loaded.get(id) === entry && loaded.delete(id));
  loaded.set(id, entry);
  return entry.model;
}

async function classify(
  client: InferenceClient,
  model: LoadedModel,
  image: GalleryImage,
): Promise<SlotResult> {
  const { data, dims } = await modelInputOf(sourceOf(image), model.preprocessing, { kind: 'standard' });
  const run = await client.run(compareSession(model.summary.id), { dims, data }, ['logits']);
  const logits = run.outputs['logits']!.data;
  return { status: 'done', model, top: topK(logits, model.labels, 5), ms: run.ms, backend: run.backend };
}

/** What {@link useCompareRuns} gives: per-model results on the image, and a loader for set-level runs. */
export type CompareRuns = {
  results: Record<string, SlotResult>;
  /** loads (once) the model into its `compare:<id>` session, for runs that need no image */
  load: (id: string) => Promise<LoadedModel>;
};

/**
 * Loads every compared model (in `compare:<id>` sessions) and classifies the image with each, one after
 * another (the worker runs one session at a time anyway). Nothing loads until there is an image and
 * `enabled` (the models share a label set), so the architecture diff alone costs no model builds.
 */
export function useCompareRuns(
  client: InferenceClient,
  backend: BackendPreference,
  ids: string[],
  image: GalleryImage | null,
  enabled: boolean,
): CompareRuns {
  const loaded = useRef<Loaded>(new Map());
  const [results, setResults] = useState<{ key: string; byId: Record<string, SlotResult> }>({
    key: '',
    byId: {},
  });
  const key = `${ids.join(',')}|${image?.id ?? ''}|${backend}`;
  useEffect(() => {
    if (!image || !enabled) return;
    let cancelled = false;
    const set = (id: string, r: SlotResult) => {
      if (!cancelled)
        setResults((prev) => ({ key, byId: { ...(prev.key === key ? prev.byId : {}), [id]: r } }));
    };
    void (async () => {
      for (const id of ids) {
        if (cancelled) return;
        try {
          set(id, await classify(client, await ensureLoaded(client, loaded.current, id, backend), image));
        } catch (err) {
          set(id, { status: 'failed', message: err instanceof Error ? err.message : String(err) });
        }
      }
    })();
    return () => {
      cancelled = true;
    };
    // `key` stands for ids, image and backend.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, enabled]);
  useEffect(() => releaseUnused(client, loaded.current, ids), [client, ids]);
  useEffect(() => () => releaseUnused(client, loaded.current, []), [client]);
  const load = useCallback(
    (id: string) => ensureLoaded(client, loaded.current, id, backend),
    [client, backend],
  );
  return { results: results.key === key ? results.byId : {}, load };
}

/** Frees the worker sessions of models no longer compared (each holds its weights in WASM memory). */
function releaseUnused(client: InferenceClient, loaded: Loaded, keep: string[]): void {
  for (const id of [...loaded.keys()]) {
    if (keep.includes(id)) continue;
    loaded.delete(id);
    void client.release(compareSession(id)).catch(() => undefined);
  }
}
