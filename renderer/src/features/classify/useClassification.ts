import { useEffect, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { InferenceClient } from '../../inference/client';
import type { Backend } from '../../inference/messages';
import type { InputSizeChoice } from '../../lib/model-input';
import { useInputSize } from '../input-size/useInputSize';
import { topK, type Prediction } from '../../lib/topk';
import { MAIN_SESSION } from './useModel';
import type { GalleryImage } from '../gallery/gallery-model';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';

export type Classification =
  | { status: 'none' }
  | { status: 'running' }
  | { status: 'done'; top: Prediction[]; ms: number; backend: Backend }
  | { status: 'failed'; message: string };

/** Classifies the selected image with the loaded model whenever either changes. */
export function useClassification(
  client: InferenceClient,
  model: LoadedModel | null,
  image: GalleryImage | null,
): Classification {
  // The last finished run and what it was for; anything else in flight reads as 'running'.
  const { choice } = useInputSize();
  const [last, setLast] = useState<{
    model: LoadedModel;
    image: GalleryImage;
    choice: InputSizeChoice;
    result: Classification;
  } | null>(null);
  useEffect(() => {
    if (!model || !image) return;
    let cancelled = false;
    const finish = (result: Classification) => {
      if (!cancelled) setLast({ model, image, choice, result });
    };
    modelInputOf(sourceOf(image), model.preprocessing, choice)
      .then(({ data, dims }) => client.run(MAIN_SESSION, { dims, data }, ['logits']))
      .then((run) => {
        const logits = run.outputs['logits']!.data;
        finish({ status: 'done', top: topK(logits, model.labels, 5), ms: run.ms, backend: run.backend });
      })
      .catch((err: Error) => finish({ status: 'failed', message: err.message }));
    return () => {
      cancelled = true;
    };
  }, [client, model, image, choice]);
  if (!model || !image) return { status: 'none' };
  return last && last.model === model && last.image === image && last.choice === choice
    ? last.result
    : { status: 'running' };
}
