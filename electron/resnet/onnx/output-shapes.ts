/**
 * The shape of every emitted output for a given input, from the architecture's shape inference, so the
 * UI can lay out activations before running anything. Most output names are module paths and map
 * directly; the others are named after what they share a shape with.
 */
import { inferShapes } from '../arch';
import type { ModuleNode } from '../arch/types';
import type { OutputInfo } from './emit';

/**
 * The `inferShapes` key whose shape an output has. `inferShapes` keeps a reused module's last call, so
 * ReLU call k (`layer1.0.relu:1`, CIFAR's functional ones too) takes the BatchNorm it follows (bn{k+1});
 * the block's `add` takes the block's; `logits` the root's.
 */
export function shapeKeyOf(name: string): string {
  if (name === 'logits') return '';
  const relu = /^(.*?)\.?relu(?::(\d+))?$/.exec(name);
  if (relu) return `${relu[1] ? `${relu[1]}.` : ''}bn${Number(relu[2] ?? 0) + 1}`;
  return name.replace(/\.add$/, '');
}

/**
 * Output name -> shape for an input `[N, C, H, W]`, for the outputs {@link emitOnnx} reported.
 * CIFAR's functional `avgpool` has no module: it is the last layer's channels at 1x1.
 */
export function outputShapes(
  root: ModuleNode,
  outputs: readonly OutputInfo[],
  input: readonly [number, number, number, number],
): Map<string, number[]> {
  const shapes = inferShapes(root, input);
  const result = new Map<string, number[]>();
  for (const o of outputs) {
    const shape = shapes.get(shapeKeyOf(o.name));
    if (shape) result.set(o.name, [...shape]);
    else if (o.name === 'avgpool') result.set(o.name, [input[0], o.channels, 1, 1]);
  }
  return result;
}
