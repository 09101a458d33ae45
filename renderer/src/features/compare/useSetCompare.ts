/**
 * Set-level comparison runs: every image of a set through every compared model, in batches, model after
 * model. Between batches the loop awaits the worker, so the UI thread stays free; cancelling stops
 * before the next batch and keeps what finished (counted over the images every model has).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { InferenceClient } from '../../inference/client';
import type { TensorData } from '../../inference/messages';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';
import type { GalleryImage } from '../gallery/gallery-model';
import type { EvalSet } from '../evaluate/eval-sets';
import { batchSizeFor, cifarBatch, concatBatch } from '../evaluate/eval-tensors';
import { argmaxRow, compareSet, type SetComparison } from './set-compare';
import { compareSession } from './useCompareRuns';

/** Images of the gallery (true class from the file name, when it carries one) or a CIFAR-10 batch. */
export type SetSource =
  | { kind: 'gallery'; images: GalleryImage[]; labels: (number | null)[] }
  | { kind: 'cifar10'; set: Extract<EvalSet, { kind: 'cifar10' }> };

export type SetOutcome = {
  source: SetSource;
  /** the models in column order */
  models: LoadedModel[];
  /** top-1 class per model per image */
  preds: number[][];
  result: SetComparison;
  complete: boolean;
};

export type SetState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; outcome: SetOutcome }
  | { status: 'failed'; message: string };

/** Number of images in a source. */
export function sourceCount(source: SetSource): number {
  return source.kind === 'gallery' ? source.images.length : source.set.count;
}

/** True classes of a source's images (model label indices; null where unknown). */
export function sourceLabels(source: SetSource): (number | null)[] {
  return source.kind === 'gallery' ? source.labels : Array.from(source.set.labels);
}

async function batchOf(source: SetSource, items: number[], model: LoadedModel): Promise<TensorData> {
  if (source.kind === 'cifar10') return cifarBatch(source.set, items, model.preprocessing);
  // Gallery images may be photos of many megapixels: preprocessed in the worker, off the UI thread.
  const standard = { kind: 'standard' } as const;
  const inputs = await Promise.all(
    items.map((i) => modelInputOf(sourceOf(source.images[i]!), model.preprocessing, standard)),
  );
  return concatBatch(inputs);
}

type RunArgs = {
  client: InferenceClient;
  models: LoadedModel[];
  source: SetSource;
  cancelled: () => boolean;
  onBatch: (images: number) => void;
};

/**
 * Top-1 of every image for every model, batch by batch (each batch through all models before the next,
 * so a cancelled run has the same images done for every model), until done or cancelled.
 */
async function predictSet({ client, models, source, cancelled, onBatch }: RunArgs): Promise<number[][]> {
  const count = sourceCount(source);
  const size = Math.min(...models.map((m) => batchSizeFor(m.preprocessing)));
  const preds: number[][] = models.map(() => []);
  for (let start = 0; start < count && !cancelled(); start += size) {
    const items = Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i);
    for (const [m, model] of models.entries()) {
      const run = await client.run(compareSession(model.summary.id), await batchOf(source, items, model), [
        'logits',
      ]);
      const logits = run.outputs['logits']!;
      const classes = logits.dims.at(-1)!;
      for (let n = 0; n < items.length; n++) preds[m]!.push(argmaxRow(logits.data, classes, n));
      onBatch(items.length);
    }
  }
  return preds;
}

/** Runs a set through the compared models (loaded by `load`), with progress and cancel. */
export function useSetCompare(client: InferenceClient, load: (id: string) => Promise<LoadedModel>) {
  const [state, setState] = useState<SetState>({ status: 'idle' });
  const cancelRef = useRef(false);
  // A newer run (or leaving the view) ends the one before: only the latest run reports.
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current++;
    },
    [],
  );
  const run = useCallback(
    async (ids: string[], source: SetSource) => {
      const mine = ++latest.current;
      cancelRef.current = false;
      const total = sourceCount(source) * ids.length;
      let done = 0;
      setState({ status: 'running', done, total });
      try {
        const models: LoadedModel[] = [];
        for (const id of ids) models.push(await load(id));
        const cancelled = () => cancelRef.current || latest.current !== mine;
        const onBatch = (n: number) =>
          !cancelled() && setState({ status: 'running', done: (done += n), total });
        const preds = await predictSet({ client, models, source, cancelled, onBatch });
        if (latest.current !== mine) return;
        const result = compareSet(preds, sourceLabels(source));
        const complete = result.count === sourceCount(source);
        setState({ status: 'done', outcome: { source, models, preds, result, complete } });
      } catch (err) {
        if (latest.current !== mine) return;
        setState({ status: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    },
    [client, load],
  );
  const cancel = useCallback(() => {
    cancelRef.current = true;
  }, []);
  return { state, run, cancel };
}
