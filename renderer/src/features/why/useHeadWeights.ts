import { useEffect, useState } from 'react';
import type { LoadedModel, Result } from '../../../../electron/ipc/contract';
import { decodeHeadWeights, type HeadWeights } from '../../lib/cam';

/**
 * The wire form of the proposed `getHeadWeights(modelId)` contract method: the Linear after global average
 * pooling, its weight as float32 little-endian bytes in base64 (row-major `[classes, channels]`; a plain
 * array would be ~40 MB of JSON for ResNet-50's 2048 x 1000 over the test host), its bias as numbers.
 */
export type HeadWeightsWire = {
  /** module path of the Linear: 'fc' (torchvision) or 'linear' (CIFAR) */
  module: string;
  /** the model output whose spatial mean feeds it: 'layer4' (torchvision) or 'layer3' (CIFAR) */
  features: string;
  classes: number;
  channels: number;
  weight: string;
  /** `classes` values; zeros when the Linear has no bias */
  bias: number[];
};

export type HeadState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; head: HeadWeights; module: string; features: string }
  | { status: 'unavailable'; reason: string }
  | { status: 'failed'; message: string };

type GetHeadWeights = (id: string) => Promise<Result<HeadWeightsWire>>;

/** `window.lens.getHeadWeights` when this build's contract has it (feature-detected until it lands). */
function headWeightsMethod(): GetHeadWeights | null {
  const fn = (window.lens as unknown as Record<string, unknown> | undefined)?.['getHeadWeights'];
  return typeof fn === 'function' ? (fn as GetHeadWeights) : null;
}

async function fetchHead(model: LoadedModel): Promise<HeadState> {
  const method = headWeightsMethod();
  if (!method) return { status: 'unavailable', reason: 'no-ipc' };
  const result = await method(model.summary.id);
  if (!result.ok) {
    return result.error.code === 'no-head'
      ? { status: 'unavailable', reason: result.error.message }
      : { status: 'failed', message: result.error.message };
  }
  const w = result.value;
  return { status: 'ready', head: decodeHeadWeights(w), module: w.module, features: w.features };
}

/** The classifier head of the loaded model, fetched once per model from the main process. */
export function useHeadWeights(model: LoadedModel | null): HeadState {
  const [last, setLast] = useState<{ model: LoadedModel; state: HeadState } | null>(null);
  useEffect(() => {
    if (!model) return;
    let cancelled = false;
    fetchHead(model)
      .catch((err: Error): HeadState => ({ status: 'failed', message: err.message }))
      .then((state) => {
        if (!cancelled) setLast({ model, state });
      });
    return () => {
      cancelled = true;
    };
  }, [model]);
  if (!model) return { status: 'none' };
  return last && last.model === model ? last.state : { status: 'loading' };
}
