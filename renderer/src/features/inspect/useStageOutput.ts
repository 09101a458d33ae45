import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { RunInfo, TensorData } from '../../inference/messages';
import type { InputSizeChoice, ModelInput } from '../../lib/model-input';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';
import type { GalleryImage } from '../gallery/gallery-model';
import { StageFetcher, type StageRequest, type StageResult, type StageState } from './stage-fetcher';

/** A size choice as a stable string (cache keys, memo dependencies). */
export function choiceKey(choice: InputSizeChoice): string {
  return choice.kind === 'custom' ? `custom:${choice.height}x${choice.width}` : choice.kind;
}

function parseChoice(key: string): InputSizeChoice {
  if (!key.startsWith('custom:')) return { kind: key as 'standard' | 'native' };
  const [height, width] = key.slice('custom:'.length).split('x').map(Number);
  return { kind: 'custom', height: height!, width: width! };
}

/**
 * The model input of an image: the very tensor classification feeds (same pixels, same torchvision
 * recipe and normalization, made once in the preprocessing worker); null while it is being made.
 */
export function useModelInput(
  model: LoadedModel | null,
  image: GalleryImage | null,
  choice: InputSizeChoice,
): ModelInput | null {
  const key = choiceKey(choice);
  const [made, setMade] = useState<{
    model: LoadedModel;
    image: GalleryImage;
    key: string;
    input: ModelInput;
  } | null>(null);
  useEffect(() => {
    if (!model || !image) return;
    let live = true;
    modelInputOf(sourceOf(image), model.preprocessing, parseChoice(key)).then(
      (input) => live && setMade({ model, image, key, input }),
      // The classification of the same input reports the failure; the stage view stays empty.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [model, image, key]);
  return made && made.model === model && made.image === image && made.key === key ? made.input : null;
}

/** The cache key of a stage of an image: model build, image, input size, output. */
export function stageKey(
  model: LoadedModel,
  image: GalleryImage,
  choice: InputSizeChoice,
  output: string,
): string {
  return `${model.modelUrl}|${image.id}|${choiceKey(choice)}|${output}`;
}

/** A request for a stage of an image, for {@link StageFetcher}. */
export function stageRequest(
  model: LoadedModel,
  image: GalleryImage,
  input: ModelInput,
  choice: InputSizeChoice,
  output: string,
): StageRequest {
  return {
    key: stageKey(model, image, choice, output),
    output,
    modelId: model.summary.id,
    imageKey: String(image.id),
    input,
  };
}

/**
 * The view's stage fetcher: runs the selected model (`run` sends each output to the session that has
 * it, see model-sessions.ts), fetching only the output asked for, and reports every result (for the
 * dead-channel trackers).
 */
export function useStageFetcher(
  run: (input: TensorData, outputs: string[]) => Promise<RunInfo>,
  onResult: (r: StageResult) => void,
): StageFetcher {
  const [fetcher] = useState(
    () =>
      new StageFetcher(async (input, output) => {
        const result = await run(input, [output]);
        const t = result.outputs[output];
        if (!t) throw new Error(`the model returned no output ${output}`);
        return { dims: t.dims, data: t.data, ms: result.ms, backend: result.backend };
      }, onResult),
  );
  return fetcher;
}

/** The state of one stage request, asking for it whenever it changes. */
export function useStage(fetcher: StageFetcher, request: StageRequest | null): StageState {
  const key = request?.key ?? null;
  useEffect(() => {
    fetcher.want(request);
    // The request object is rebuilt every render; its key says everything that matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher, key]);
  return useSyncExternalStore(fetcher.subscribe, () => fetcher.stateOf(key));
}
