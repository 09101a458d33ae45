/**
 * ONNX emitter: a ResNet module tree plus its weights -> an ONNX model whose graph outputs are the
 * logits and, on request, the intermediate activations, each named by its PyTorch module path so the
 * UI can ask for them with `session.run(feeds, names)`.
 */
import type { ModuleNode } from '../arch/types';
import { CoreError, type StateDict } from '../tensor';
import { emitNetwork } from './emit-modules';
import { type Candidate, GraphContext, type Level } from './graph';
import { type Dim, ELEM_FLOAT, irVersionForOpset, makeNode, onnx, valueInfo } from './proto';
import { collectParams, randomWeights, weightsFromStateDict } from './weights';

/**
 * Which intermediate outputs to expose besides `logits` (each includes the previous ones):
 * - `logits`: only the classifier output
 * - `stages`: the stem's output (`relu` in CIFAR ResNets, `maxpool` in torchvision's), every layer
 *   (`layer1`..), the pooled features (`avgpool`)
 * - `blocks`: also every residual block (`layer2.0`)
 * - `all`: also every module inside the stem and the blocks (convs, BNs, ReLU calls, `downsample`, the
 *   `add`). Only this level keeps onnxruntime from fusing Conv + BatchNorm (+ ReLU): the others expose no
 *   value between them.
 */
export type OutputSelection = 'logits' | 'stages' | 'blocks' | 'all';

/** Options of {@link emitOnnx}. */
export type EmitOptions = {
  outputs: OutputSelection;
  /** ONNX opset of the default domain, 13..21 (default 17, what torch.onnx exports). */
  opset?: number;
  /** name of the graph input (only `input` for now: the app and the CLI feed that name) */
  inputName?: 'input';
};

/** One graph output: its name (a module path, or `logits`), the module type producing it, its channels. */
export type OutputInfo = { name: string; moduleType: string; channels: number; level: 'logits' | Level };

/** The serialized model and its outputs in graph order (`logits` first, then forward order). */
export type EmittedOnnx = { bytes: Uint8Array; outputs: OutputInfo[] };

const LEVELS: Record<OutputSelection, readonly Level[]> = {
  logits: [],
  stages: ['stage'],
  blocks: ['stage', 'block'],
  all: ['stage', 'block', 'detail'],
};

/**
 * Emits an ONNX model for a `ResNet` or `CifarResNet` module tree.
 *
 * The input is float32 `[batch, C, height, width]` with symbolic batch and spatial dimensions. BatchNorm
 * stays a `BatchNormalization` node with the real running statistics: onnxruntime folds it into the
 * preceding Conv itself whenever the Conv output is not a graph output, so the logits-only model runs as
 * fast as a folded one, and every BN output stays inspectable.
 *
 * @param weights a state_dict (keys without `module.`), or `'random'` for architecture-only mode
 *   (deterministic Kaiming-normal convs, BatchNorm at identity)
 * @throws CoreError `weights-mismatch` listing missing or misshaped keys; `onnx-unsupported` for trees
 *   or options the emitter does not handle
 */
export function emitOnnx(root: ModuleNode, weights: StateDict | 'random', options: EmitOptions): EmittedOnnx {
  const opset = options.opset ?? 17;
  if (!Number.isInteger(opset) || opset < 13 || opset > 21) {
    throw new CoreError('onnx-unsupported', `ONNX opset ${opset} is not supported (13 to 21).`);
  }
  if (root.module.type !== 'ResNet' && root.module.type !== 'CifarResNet') {
    throw new CoreError(
      'onnx-unsupported',
      `Only ResNet and CifarResNet trees can be emitted, not ${root.module.type}.`,
    );
  }
  const inputName = options.inputName ?? 'input';
  const params = collectParams(root);
  const data = weights === 'random' ? randomWeights(params) : weightsFromStateDict(params, weights);
  const shapes = new Map(params.map((p) => [p.key, p.shape]));

  const stem = root.module.children.find((c) => c.name === 'conv1')?.module;
  const inChannels = stem?.type === 'Conv2d' ? stem.inChannels : 3;
  const ctx = new GraphContext(data, shapes, inputName, inChannels);
  const { logits, classes } = emitNetwork(ctx, root, inputName);

  const chosen = selectOutputs(ctx.candidates, LEVELS[options.outputs]);
  const nodes = [...ctx.nodes];
  const graphOutputs = [valueInfo(logits, ELEM_FLOAT, ['batch', classes])];
  const outputs: OutputInfo[] = [{ name: logits, moduleType: 'Linear', channels: classes, level: 'logits' }];
  for (const c of chosen) {
    // A name that is not the value's own (a block's last ReLU, a layer's last block) is a copy.
    if (c.name !== c.value) nodes.push(makeNode('Identity', [c.value], [c.name], `alias:${c.name}`));
    graphOutputs.push(valueInfo(c.name, ELEM_FLOAT, outputDims(c)));
    outputs.push({ name: c.name, moduleType: c.type, channels: c.channels, level: c.level });
  }

  const model = onnx.ModelProto.create({
    irVersion: irVersionForOpset(opset),
    opsetImport: [{ domain: '', version: opset }],
    producerName: 'resnet-lens',
    graph: {
      name: root.module.type,
      node: nodes,
      initializer: ctx.initializers,
      input: [valueInfo(inputName, ELEM_FLOAT, ['batch', inChannels, 'height', 'width'])],
      output: graphOutputs,
    },
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), outputs };
}

/** Candidates of the requested levels, first occurrence of each name, in forward order. */
function selectOutputs(candidates: Candidate[], levels: readonly Level[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (!levels.includes(c.level) || seen.has(c.name)) return false;
    seen.add(c.name);
    return true;
  });
}

/** Declared output shape: batch and channels are known, spatial sizes depend on the input size. */
function outputDims(c: Candidate): Dim[] {
  if (c.rank === 2) return ['batch', c.channels];
  return c.pooled ? ['batch', c.channels, 1, 1] : ['batch', c.channels, null, null];
}
