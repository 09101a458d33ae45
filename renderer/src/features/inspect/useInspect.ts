import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { RunInfo, TensorData } from '../../inference/messages';
import type { InputSizeChoice } from '../../lib/model-input';
import { deadChannels } from '../../lib/stats-dead-channels';
import type { GalleryImage } from '../gallery/gallery-model';
import { inspectStore, trackerKey, useInspectState } from './inspect-store';
import type { StageResult } from './stage-fetcher';
import { buildStageTree, shapeSource, type StageNode } from './stage-tree';
import { useModelInput, useStage, useStageFetcher, stageRequest } from './useStageOutput';
import { modelInputOf, sourceOf } from '../../preprocess/model-inputs';

/** Every result the view fetches feeds the dead-channel tracker of its (model, stage). */
const trackResult = (r: StageResult) => inspectStore.track(r.modelId, r.output, r.imageKey, r.stats);

/** The output the view shows when none was chosen: the first layer, else the first output there is. */
export function defaultStage(tree: readonly StageNode[]): string | null {
  const layer = tree.find((n) => n.kind === 'layer');
  if (layer?.output) return layer.output;
  const first = (nodes: readonly StageNode[]): string | null => {
    for (const n of nodes) {
      const found = n.output ?? first(n.children);
      if (found) return found;
    }
    return null;
  };
  return first(tree);
}

/**
 * Everything the Inspect view derives: the input tensor, the navigator tree with shapes for it, the
 * selected stage's output and statistics, the dead channels of that stage, and the gallery scan.
 */
export function useInspect(
  run: (input: TensorData, outputs: string[]) => Promise<RunInfo>,
  model: LoadedModel | null,
  image: GalleryImage | null,
  images: readonly GalleryImage[],
  choice: InputSizeChoice,
) {
  const state = useInspectState();
  const input = useModelInput(model, image, choice);
  const dims: [number, number, number, number] | null = input
    ? input.dims
    : model
      ? [1, 3, model.preprocessing.height, model.preprocessing.width]
      : null;
  const dimsKey = dims?.join('x') ?? '';
  const tree = useMemo(() => {
    if (!model || !dims) return [];
    const std = [model.preprocessing.height, model.preprocessing.width] as const;
    return buildStageTree(model.outputs, shapeSource(model.summary.architecture, model.outputs, dims, std));
    // dims is rebuilt every render; dimsKey carries its value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, dimsKey]);
  const outputs = useMemo(() => new Set(model?.outputs.map((o) => o.name) ?? []), [model]);
  const wantedStage = state.selection.stage;
  const stage = wantedStage && outputs.has(wantedStage) ? wantedStage : defaultStage(tree);

  const fetcher = useStageFetcher(run, trackResult);
  const request = model && image && input && stage ? stageRequest(model, image, input, choice, stage) : null;
  const stageState = useStage(fetcher, request);

  const tracker = model && stage ? (state.trackers.get(trackerKey(model.summary.id, stage)) ?? null) : null;
  const dead = useMemo(() => deadChannels(tracker), [tracker]);
  const seenKeys = new Set(tracker?.images ?? []);
  const unseen = images.filter((i) => !seenKeys.has(String(i.id)));

  const [scanning, setScanning] = useState<{ done: number; total: number } | null>(null);
  // The scan stops when the model changes: the worker's main session would then hold another model.
  const currentModel = useRef(model);
  useEffect(() => {
    currentModel.current = model;
  }, [model]);
  const scan = useCallback(async () => {
    if (!model || !stage) return;
    setScanning({ done: 0, total: unseen.length });
    try {
      for (const [i, img] of unseen.entries()) {
        if (currentModel.current !== model) break;
        const x = await modelInputOf(sourceOf(img), model.preprocessing, choice);
        await fetcher.fetch(stageRequest(model, img, x, choice, stage));
        setScanning({ done: i + 1, total: unseen.length });
      }
    } catch {
      // A failed run ends the scan; the images not reached stay unseen and can be checked again.
    } finally {
      setScanning(null);
    }
  }, [model, stage, unseen, choice, fetcher]);

  return {
    state,
    input,
    dims,
    tree,
    stage,
    stageState,
    dead,
    seen: tracker?.images.length ?? 0,
    unseen,
    scan,
    scanning,
  };
}
