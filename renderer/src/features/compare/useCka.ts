import { useCallback, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { InferenceClient } from '../../inference/client';
import { ckaMatrix, globalAveragePool, stackRows } from '../../lib/cka';
import type { GalleryImage } from '../gallery/gallery-model';
import { compareSession } from './useCompareRuns';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';

export type CkaResult = {
  stagesA: string[];
  stagesB: string[];
  /** rows: model A's stages, columns: model B's */
  matrix: number[][];
  /** images where both top-1 agree, over `images` */
  agreed: number;
  images: number;
};

export type CkaState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; result: CkaResult }
  | { status: 'failed'; message: string };

/** The model's residual stages (`layer1`..`layer4`) among its ONNX outputs. */
export function stageNames(model: LoadedModel): string[] {
  return model.outputs.map((o) => o.name).filter((n) => /^layer\d+$/.test(n));
}

/** Per image: each stage's globally average-pooled features and the top-1 class. */
async function featuresOf(client: InferenceClient, model: LoadedModel, image: GalleryImage) {
  const stages = stageNames(model);
  const { data, dims } = await modelInputOf(sourceOf(image), model.preprocessing, { kind: 'standard' });
  const run = await client.run(compareSession(model.summary.id), { dims, data }, [...stages, 'logits']);
  const logits = run.outputs['logits']!.data;
  let top = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[top]!) top = i;
  return { pooled: stages.map((s) => globalAveragePool(run.outputs[s]!.data, run.outputs[s]!.dims)), top };
}

/**
 * Stage-by-stage linear CKA between two loaded models over the gallery's images, and their top-1
 * agreement rate. Runs on demand: every image goes through both models once.
 */
export function useCka(client: InferenceClient) {
  const [state, setState] = useState<CkaState>({ status: 'idle' });
  const compute = useCallback(
    async (a: LoadedModel, b: LoadedModel, images: GalleryImage[]) => {
      try {
        const fa: Awaited<ReturnType<typeof featuresOf>>[] = [];
        const fb: typeof fa = [];
        for (const [i, image] of images.entries()) {
          setState({ status: 'running', done: i, total: images.length });
          fa.push(await featuresOf(client, a, image));
          fb.push(await featuresOf(client, b, image));
        }
        const stack = (f: typeof fa, s: number) => stackRows(f.map((x) => x.pooled[s]!));
        const stagesA = stageNames(a);
        const stagesB = stageNames(b);
        const matrix = ckaMatrix(
          stagesA.map((_, s) => stack(fa, s)),
          stagesB.map((_, s) => stack(fb, s)),
        );
        const agreed = fa.filter((x, i) => x.top === fb[i]!.top).length;
        setState({ status: 'done', result: { stagesA, stagesB, matrix, agreed, images: images.length } });
      } catch (err) {
        setState({ status: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    },
    [client],
  );
  return { state, compute };
}
