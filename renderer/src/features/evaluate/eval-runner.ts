/**
 * The evaluation loop: batches of inputs through the inference worker, two in flight, so the UI thread
 * prepares batch k + 1 while the worker runs batch k, and the worker never waits for the UI. Between
 * batches the loop awaits the worker, so the UI thread is free to paint and take input; cancelling stops
 * sending and keeps what finished.
 */
import type { Preprocessing } from '../../../../electron/ipc/contract';
import type { InferenceClient } from '../../inference/client';
import type { TensorData } from '../../inference/messages';
import { addLogitsBatch, createAccumulator, type EvalAccumulator, type EvalTiming } from '../../lib/metrics';
import type { ModelInput } from '../../lib/model-input';
import { modelInputOf } from '../../preprocess/model-inputs';
import { itemLabel, type EvalSet } from './eval-sets';
import { cifarBatch, concatBatch } from './eval-tensors';

/** An image of a folder set that could not be decoded; it is left out of the counts. */
export type SkippedImage = { path: string; message: string };

export type RunOptions = {
  client: InferenceClient;
  session: string;
  set: EvalSet;
  preprocessing: Preprocessing;
  classes: number;
  batchSize: number;
  /** read before every batch; once true, nothing more is sent */
  cancelled: () => boolean;
  /** after every recorded batch, with the live (still growing) results */
  onBatch: (progress: RunProgress) => void;
};

/** What a run has done so far: live objects, read them before the next batch lands. */
export type RunProgress = {
  /** images run or skipped */
  done: number;
  acc: EvalAccumulator;
  timing: EvalTiming;
  skipped: readonly SkippedImage[];
};

export type RunResult = {
  acc: EvalAccumulator;
  timing: EvalTiming;
  skipped: SkippedImage[];
  /** whether every image was run (false after a cancel or an error) */
  complete: boolean;
  /** why the run stopped early, null when it did not fail */
  error: string | null;
};

type Prepared = { items: number[]; labels: number[]; tensor: TensorData | null };

/** Items `start .. start + size - 1` as an input tensor; undecodable images are dropped into `skipped`. */
async function prepare(opts: RunOptions, start: number, skipped: SkippedImage[]): Promise<Prepared> {
  const { set, preprocessing } = opts;
  const end = Math.min(set.count, start + opts.batchSize);
  const wanted = Array.from({ length: end - start }, (_, i) => start + i);
  if (set.kind === 'cifar10') {
    return {
      items: wanted,
      labels: wanted.map((i) => itemLabel(set, i)),
      tensor: cifarBatch(set, wanted, preprocessing),
    };
  }
  const items: number[] = [];
  const inputs: ModelInput[] = [];
  for (const i of wanted) {
    const { file, path } = set.items[i]!;
    try {
      // Decoded and preprocessed in the worker: a folder of photos would otherwise hold the UI thread.
      const source = { key: `eval:${path}:${file.size}:${file.lastModified}`, file, name: path };
      inputs.push(await modelInputOf(source, preprocessing, { kind: 'standard' }));
      items.push(i);
    } catch (err) {
      skipped.push({ path, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const tensor = inputs.length > 0 ? concatBatch(inputs) : null;
  return { items, labels: items.map((i) => itemLabel(set, i)), tensor };
}

/**
 * Runs the whole set (or until cancelled). Never throws: a failed batch ends the run, and its message comes
 * back in `error` beside the counts of the batches that finished.
 */
export async function runEvaluation(opts: RunOptions): Promise<RunResult> {
  const acc = createAccumulator(opts.classes);
  const timing: EvalTiming = { wallMs: 0, preprocessMs: 0, inferenceMs: 0 };
  const skipped: SkippedImage[] = [];
  const t0 = performance.now();
  const send = (batch: Prepared): Promise<void> => {
    const tensor = batch.tensor;
    if (!tensor) return Promise.resolve();
    return opts.client.run(opts.session, tensor, ['logits']).then((run) => {
      timing.inferenceMs += run.ms;
      addLogitsBatch(acc, run.outputs['logits']!.data, batch.labels, batch.items);
    });
  };
  const record = () => {
    timing.wallMs = performance.now() - t0;
    opts.onBatch({ done: acc.outcomes.length + skipped.length, acc, timing, skipped });
  };
  // At most two batches in flight; errors are caught here so none is left unhandled.
  const inFlight: Promise<unknown>[] = [];
  let error: string | null = null;
  const settleOldest = async () => {
    try {
      await inFlight.shift();
      record();
    } catch (err) {
      error ??= err instanceof Error ? err.message : String(err);
    }
  };
  for (let start = 0; start < opts.set.count && !error && !opts.cancelled(); start += opts.batchSize) {
    const tp = performance.now();
    try {
      const batch = await prepare(opts, start, skipped);
      timing.preprocessMs += performance.now() - tp;
      const sent = send(batch);
      sent.catch(() => undefined); // handled when its turn comes; this only keeps it from reading as unhandled
      inFlight.push(sent);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      break;
    }
    // Batch k is queued in the worker behind batch k - 1: record k - 1 while k runs.
    if (inFlight.length > 1) await settleOldest();
  }
  while (inFlight.length > 0) await settleOldest();
  timing.wallMs = performance.now() - t0;
  const complete = !error && acc.outcomes.length + skipped.length === opts.set.count;
  return { acc, timing, skipped, complete, error };
}
