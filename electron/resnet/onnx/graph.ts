/**
 * The mutable state of one emission: nodes, initializers, the channel count of every value, and the
 * values that may become graph outputs ("candidates"), each under its PyTorch module path.
 */
import { CoreError } from '../tensor';
import { attrInts, floatTensor, int64Tensor, makeNode, type OnnxNamespace } from './proto';

/**
 * How coarse an inspectable output is: `stage` (the stem's output, each layer, the pooled features),
 * `block` (layerX.Y), `detail` (the rest, the modules inside the stem included).
 */
export type Level = 'stage' | 'block' | 'detail';

/**
 * A value that can be exposed as a graph output. `name` is the PyTorch module path the user asks for;
 * `value` is the ONNX value holding it. They differ when several modules produce the same tensor (a
 * block's last ReLU, the block, its layer): the value carries the outermost name, so the common
 * `stages` request needs no copies, and the other names become Identity outputs only when requested.
 */
export type Candidate = {
  name: string;
  value: string;
  type: string;
  channels: number;
  /** 4 for feature maps, 2 for the flattened features and logits */
  rank: number;
  /** true for global pooling outputs, whose spatial size is always 1x1 */
  pooled: boolean;
  level: Level;
};

/** Builder state shared by the module emitters. */
export class GraphContext {
  readonly nodes: OnnxNamespace.INodeProto[] = [];
  readonly initializers: OnnxNamespace.ITensorProto[] = [];
  readonly candidates: Candidate[] = [];
  private readonly channels = new Map<string, number>();
  private readonly initNames = new Set<string>();
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly weights: ReadonlyMap<string, Float32Array>,
    private readonly shapes: ReadonlyMap<string, number[]>,
    inputName: string,
    inputChannels: number,
  ) {
    this.channels.set(inputName, inputChannels);
  }

  /** Channels of a value already emitted. */
  channelsOf(value: string): number {
    const c = this.channels.get(value);
    if (c === undefined) throw new CoreError('onnx-internal', `ONNX emitter: unknown value ${value}`);
    return c;
  }

  /** The initializer for a state_dict key (added once, shared if a module is called twice). */
  weight(key: string): string {
    if (!this.initNames.has(key)) {
      const data = this.weights.get(key);
      const shape = this.shapes.get(key);
      if (!data || !shape) throw new CoreError('weights-mismatch', `No weight for ${key}.`);
      this.initializers.push(floatTensor(key, shape, data));
      this.initNames.add(key);
    }
    return key;
  }

  /** A constant int64 vector (Slice and Pad parameters), named after its use. */
  int64(name: string, values: readonly bigint[]): string {
    if (!this.initNames.has(name)) {
      this.initializers.push(int64Tensor(name, values));
      this.initNames.add(name);
    }
    return name;
  }

  /**
   * The output name of the next call of the module at `path`: PyTorch reuses one `relu` module for
   * every ReLU of a torchvision block, so the first call is `path`, later ones `path:1`, `path:2`.
   */
  callName(path: string): string {
    const n = this.calls.get(path) ?? 0;
    this.calls.set(path, n + 1);
    return n === 0 ? path : `${path}:${n}`;
  }

  /** Adds one node writing `output`; returns `output`. */
  op(
    opType: string,
    inputs: string[],
    output: string,
    channels: number,
    attrs: OnnxNamespace.IAttributeProto[] = [],
  ): string {
    if (this.channels.has(output)) {
      throw new CoreError('onnx-internal', `ONNX emitter: value ${output} written twice`);
    }
    this.nodes.push(makeNode(opType, inputs, [output], output, attrs));
    this.channels.set(output, channels);
    return output;
  }

  /** Records a value as a possible graph output. */
  register(name: string, value: string, type: string, level: Level, rank = 4, pooled = false): void {
    this.candidates.push({ name, value, type, channels: this.channelsOf(value), rank, pooled, level });
  }
}

/** Conv/MaxPool-style attributes for a 2-D window. */
export function windowAttrs(kernel: number[], stride: number[], padding: number[], dilation: number[]) {
  return [
    attrInts('kernel_shape', kernel),
    attrInts('strides', stride),
    // ONNX pads are [top, left, bottom, right]; PyTorch pads both sides of each axis equally
    attrInts('pads', [padding[0]!, padding[1]!, padding[0]!, padding[1]!]),
    attrInts('dilations', dilation),
  ];
}
