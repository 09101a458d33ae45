import { useEffect, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { RgbImage } from '../../../../electron/resnet/preprocess';
import type { InferenceClient } from '../../inference/client';
import type { Backend } from '../../inference/messages';
import { featureMapsOf, type FeatureMaps } from '../../lib/cam';
import type { InputSizeChoice } from '../../lib/model-input';
import { MAIN_SESSION } from '../classify/useModel';
import type { GalleryImage } from '../gallery/gallery-model';
import { choiceValue } from '../input-size/input-size';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';

export type WhyRun =
  | { status: 'none' }
  | { status: 'running' }
  | { status: 'failed'; message: string }
  | {
      status: 'done';
      /** the last stage's output name (`layer4`, `layer3`) */
      stage: string;
      /** its dims as the worker returned them, `[1, K, h, w]` */
      dims: number[];
      features: FeatureMaps;
      logits: Float32Array;
      /** the RGB image the model was fed (after resize / crop), for the overlay */
      input: RgbImage;
      ms: number;
      backend: Backend;
    };

type Key = { model: LoadedModel; image: GalleryImage; size: string; stage: string };

/**
 * Runs the selected image through the model for `stage` (the output the head pools: `layer4`, `layer3`)
 * and the logits, at the chosen input size. Nothing runs until the stage is known.
 */
export function useWhyRun(
  client: InferenceClient,
  model: LoadedModel | null,
  image: GalleryImage | null,
  choice: InputSizeChoice,
  stage: string | null,
): WhyRun {
  const [last, setLast] = useState<{ key: Key; result: WhyRun } | null>(null);
  const size = choiceValue(choice);
  useEffect(() => {
    if (!model || !image || !stage) return;
    let cancelled = false;
    const key = { model, image, size, stage };
    const finish = (result: WhyRun) => {
      if (!cancelled) setLast({ key, result });
    };
    if (!model.outputs.some((o) => o.name === stage)) {
      finish({ status: 'failed', message: `this model does not expose the ${stage} output` });
      return;
    }
    (async () => {
      const { data, dims, image: input } = await modelInputOf(sourceOf(image), model.preprocessing, choice);
      const run = await client.run(MAIN_SESSION, { dims, data }, [stage, 'logits']);
      const out = run.outputs[stage]!;
      finish({
        status: 'done',
        stage,
        dims: out.dims,
        features: featureMapsOf(out.data, out.dims),
        logits: run.outputs['logits']!.data,
        input,
        ms: run.ms,
        backend: run.backend,
      });
    })().catch((err: Error) => finish({ status: 'failed', message: err.message }));
    return () => {
      cancelled = true;
    };
  }, [client, model, image, choice, size, stage]);
  if (!model || !image || !stage) return { status: 'none' };
  const k = last?.key;
  return k && k.model === model && k.image === image && k.size === size && k.stage === stage
    ? last.result
    : { status: 'running' };
}
