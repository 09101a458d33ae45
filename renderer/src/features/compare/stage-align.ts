/**
 * Which stages of several models line up: the outputs every model has under the same PyTorch module
 * name (`layer3` of CIFAR ResNet-20 and -56, `layer4` of resnet18 and resnet50), each with its shape per
 * model. Pure; the shapes are the ones the model build reported for the model's input size.
 */
import type { ModelOutput } from '../../../../electron/ipc/contract';

/** One stage all compared models have, and its `[C, H, W]` in each (same order as the models). */
export type AlignedStage = { name: string; shapes: [number, number, number][] };

/** `[1, C, H, W]` (or `[C, H, W]`) as `[C, H, W]`; null for anything that is not a feature map. */
function mapShape(shape: readonly number[]): [number, number, number] | null {
  const s = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (s.length !== 3 || s.some((d) => !Number.isInteger(d) || d <= 0)) return null;
  return [s[0]!, s[1]!, s[2]!];
}

/**
 * The feature-map outputs (not `logits`) that every model exposes by the same name, in the first
 * model's order. Outputs with an unknown shape (imported ONNX graphs) are left out: nothing to align.
 */
export function sharedStages(models: readonly { outputs: readonly ModelOutput[] }[]): AlignedStage[] {
  if (models.length === 0) return [];
  const byName = models.map((m) => new Map(m.outputs.map((o) => [o.name, mapShape(o.shape)])));
  const out: AlignedStage[] = [];
  for (const o of models[0]!.outputs) {
    if (o.name === 'logits') continue;
    const shapes = byName.map((m) => m.get(o.name) ?? null);
    if (shapes.every((s) => s !== null))
      out.push({ name: o.name, shapes: shapes as [number, number, number][] });
  }
  return out;
}

/** The stage to show first: the deepest residual layer (`layer4`, else `layer3`), else the last shared one. */
export function defaultStage(stages: readonly AlignedStage[]): string | null {
  const layers = stages.filter((s) => /^layer\d+$/.test(s.name)).map((s) => s.name);
  layers.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  return layers.at(-1) ?? stages.at(-1)?.name ?? null;
}

/** `64×8×8`: channels × height × width. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/** How the models' shapes at a stage differ: in channels, in spatial size, both, or not at all. */
export function shapeDifference(stage: AlignedStage): 'same' | 'channels' | 'spatial' | 'both' {
  const [c0, h0, w0] = stage.shapes[0]!;
  const channels = stage.shapes.some(([c]) => c !== c0);
  const spatial = stage.shapes.some(([, h, w]) => h !== h0 || w !== w0);
  return channels && spatial ? 'both' : channels ? 'channels' : spatial ? 'spatial' : 'same';
}

/** A channel opened large: its index and the model whose tile was clicked. */
export type OpenChannel = { channel: number; model: string };

/**
 * The channel a model's column shows large. When every model has as many channels at the stage, the
 * same index means the same slot in each, so it opens side by side in every column; otherwise an index
 * says nothing across models and only the clicked model's column opens it.
 */
export function zoomedChannel(
  open: OpenChannel | null,
  stage: AlignedStage,
  model: string,
  channels: number,
): number | null {
  if (!open || open.channel >= channels) return null;
  const shared = stage.shapes.every(([c]) => c === stage.shapes[0]![0]);
  return shared || open.model === model ? open.channel : null;
}
