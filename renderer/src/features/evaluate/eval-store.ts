/**
 * The Evaluate view's state, kept outside React so a run goes on (and its results stay) while another
 * tab is shown: the view unmounts when the user opens a misclassified image in the inspector.
 */
import { useSyncExternalStore } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { call } from '../../api';
import type { InferenceClient } from '../../inference/client';
import type { BackendPreference } from '../../inference/messages';
import { summarize, type EvalSummary, type EvalTiming, type ImageOutcome } from '../../lib/metrics';
import {
  cifarSet,
  folderSet,
  isBatchFile,
  type EvalSet,
  type PathFile,
  type UnmatchedFolder,
} from './eval-sets';
import { runEvaluation, type RunProgress, type SkippedImage } from './eval-runner';
import { batchSizeFor } from './eval-tensors';

/** The worker session the Evaluate view runs on (a logits-only build of the selected model). */
export const EVAL_SESSION = 'evaluate';

export type EvalPhase = 'idle' | 'reading' | 'loading' | 'running' | 'done' | 'cancelled' | 'failed';

/** Things worth telling about a set: what was left out and why. */
export type EvalNotes = { unmatched: UnmatchedFolder[]; skipped: SkippedImage[]; ignoredFiles: number };

export type EvalState = {
  phase: EvalPhase;
  /** why the run or the set failed */
  error: string | null;
  notes: EvalNotes;
  set: EvalSet | null;
  model: LoadedModel | null;
  /** images done (run or skipped) and in the set */
  done: number;
  total: number;
  summary: EvalSummary | null;
  /** every image's outcome so far, in set order */
  outcomes: readonly ImageOutcome[];
  timing: EvalTiming;
  run: { backend: string; threads: number; batchSize: number } | null;
  /** the confusion cell the misclassified gallery shows (null: any) */
  filter: { label: number | null; predicted: number | null };
  cancelling: boolean;
};

/** What a run needs from the session: the worker, the toolbar's model and backend. */
export type EvalContext = { client: InferenceClient; modelId: string; backend: BackendPreference };

const NO_NOTES: EvalNotes = { unmatched: [], skipped: [], ignoredFiles: 0 };
const INITIAL: EvalState = {
  phase: 'idle',
  error: null,
  notes: NO_NOTES,
  set: null,
  model: null,
  done: 0,
  total: 0,
  summary: null,
  outcomes: [],
  timing: { wallMs: 0, preprocessMs: 0, inferenceMs: 0 },
  run: null,
  filter: { label: null, predicted: null },
  cancelling: false,
};

/** The set a drop or an open dialog gave: batch files win; otherwise class folders. */
async function readSet(
  files: PathFile[],
  labels: readonly string[],
): Promise<{ set: EvalSet; notes: EvalNotes }> {
  const batches = files.filter((f) => isBatchFile(f.path));
  if (batches.length > 0) {
    const read = await Promise.all(
      batches.map(async (f) => ({ name: f.file.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })),
    );
    return {
      set: cifarSet(read, labels),
      notes: { ...NO_NOTES, ignoredFiles: files.length - batches.length },
    };
  }
  const { set: folders, unmatched } = folderSet(files, labels);
  if (!folders) {
    throw new Error(
      unmatched.length > 0
        ? `no folder name matches one of the model's ${labels.length} labels (${unmatched.map((u) => u.folder || '(no folder)').join(', ')})`
        : 'nothing to evaluate: drop a CIFAR-10 batch (.bin) or a folder with one subfolder of images per class',
    );
  }
  return { set: folders, notes: { ...NO_NOTES, unmatched } };
}

/** The state a run's progress (or its end) shows. */
function resultPatch(progress: RunProgress, labels: readonly string[], notes: EvalNotes): Partial<EvalState> {
  const { done, acc, timing, skipped } = progress;
  return {
    done,
    summary: summarize(acc, labels, timing.wallMs),
    outcomes: acc.outcomes,
    timing: { ...timing },
    notes: { ...notes, skipped: [...skipped] },
  };
}

/** The store: immutable snapshots, listeners told of every change; one run at a time. */
export function createEvalStore() {
  let state = INITIAL;
  const listeners = new Set<() => void>();
  let token = { cancelled: false };
  let loadedKey: string | null = null;
  const set = (patch: Partial<EvalState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  /** The toolbar's model as a logits-only build in the Evaluate session (reloaded only when it changed). */
  async function model(ctx: EvalContext): Promise<{ model: LoadedModel; backend: string; threads: number }> {
    const loaded = await call('loadModel', ctx.modelId, { outputs: 'logits' });
    const key = `${loaded.modelUrl}|${ctx.backend}`;
    if (key !== loadedKey || !ctx.client.sessionInfo(EVAL_SESSION)) {
      await ctx.client.load(EVAL_SESSION, loaded.modelUrl, ctx.backend);
      loadedKey = key;
    }
    const info = ctx.client.sessionInfo(EVAL_SESSION)!;
    return { model: loaded, backend: info.backend, threads: info.threads };
  }

  /** Loads the model, reads the set, runs it; a newer start supersedes this one (its updates are dropped). */
  async function start(files: PathFile[], ctx: EvalContext): Promise<void> {
    token.cancelled = true;
    const mine = { cancelled: false };
    token = mine;
    const live = (patch: Partial<EvalState>) => {
      if (token === mine) set(patch);
    };
    live({ ...INITIAL, phase: 'loading' });
    try {
      const { model: loaded, backend, threads } = await model(ctx);
      if (mine.cancelled) return;
      live({ model: loaded, phase: 'reading' });
      const { set: evalSet, notes } = await readSet(files, loaded.labels);
      if (mine.cancelled) return;
      const batchSize = batchSizeFor(loaded.preprocessing);
      live({
        set: evalSet,
        notes,
        total: evalSet.count,
        phase: 'running',
        run: { backend, threads, batchSize },
      });
      const result = await runEvaluation({
        client: ctx.client,
        session: EVAL_SESSION,
        set: evalSet,
        preprocessing: loaded.preprocessing,
        classes: loaded.labels.length,
        batchSize,
        cancelled: () => mine.cancelled,
        onBatch: (progress) => live(resultPatch(progress, loaded.labels, notes)),
      });
      const done = result.acc.outcomes.length + result.skipped.length;
      live({
        ...resultPatch({ ...result, done }, loaded.labels, notes),
        phase: result.error ? 'failed' : result.complete ? 'done' : 'cancelled',
        error: result.error,
        cancelling: false,
      });
    } catch (err) {
      live({ phase: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: (): EvalState => state,
    start,
    /** Stops after the batches already in the worker; their results are kept. */
    cancel(): void {
      if (state.phase !== 'running' && state.phase !== 'loading' && state.phase !== 'reading') return;
      token.cancelled = true;
      if (state.phase === 'running') set({ cancelling: true });
      else set({ phase: 'idle' });
    },
    setFilter(label: number | null, predicted: number | null): void {
      set({ filter: { label, predicted } });
    },
  };
}

/** The app's one evaluation store. */
export const evalStore = createEvalStore();

/** The store's current state, re-rendering on every change. */
export function useEvalState(): EvalState {
  return useSyncExternalStore(evalStore.subscribe, evalStore.get);
}
