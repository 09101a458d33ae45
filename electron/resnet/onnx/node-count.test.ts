import { describe, expect, test, vi } from 'vitest';
import { readFixture } from '../../test-support/fixtures';
import { archSpecFromName, buildModel } from '../arch';
import { CoreError } from '../tensor';
import { emitOnnx } from './emit';
import { countGraphNodes } from './node-count';
import { onnx } from './proto';
import { decodeOnnx, readOnnx } from './read-onnx';

/** A protobuf varint. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  return [...out, n];
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const len = (field: number, body: number[]) => [...tag(field, 2), ...varint(body.length), ...body];

/** A NodeProto with one output (`output` is field 2 of NodeProto) and op_type Relu (field 4). */
const reluNode = (i: number) =>
  len(1, [...len(2, [...Buffer.from(`x${i}`)]), ...len(4, [...Buffer.from('Relu')])]);

/** A ModelProto (ir_version 8) whose graph holds `nodes` empty nodes: 2 bytes each on the wire. */
function manyNodes(nodes: number): Uint8Array {
  const graph = new Uint8Array(nodes * 2);
  for (let i = 0; i < nodes; i++) graph[i * 2] = 0x0a; // field 1, LEN, length 0
  return new Uint8Array([...tag(1, 0), 8, ...tag(7, 2), ...varint(graph.length), ...graph]);
}

function errorOf(f: () => unknown): CoreError {
  try {
    f();
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('countGraphNodes', () => {
  test.each(['logits', 'all'] as const)(
    'equals the decoded count for an emitted CIFAR ResNet-20 (%s)',
    (outputs) => {
      const { bytes } = emitOnnx(buildModel(archSpecFromName('cifar_resnet20')), 'random', { outputs });
      const decoded = onnx.ModelProto.decode(bytes).graph!.node!.length;
      expect(decoded).toBeGreaterThan(60);
      expect(countGraphNodes(bytes)).toBe(decoded);
    },
  );

  test("equals the decoded count for PyTorch's export", () => {
    const bytes = readFixture('torch/checkpoints/cifar-resnet20-torch-export.onnx');
    expect(countGraphNodes(bytes)).toBe(onnx.ModelProto.decode(bytes).graph!.node!.length);
  });

  test('skips unknown fields of every wire type, groups included, and sums repeated graph fields', () => {
    const varintField = [...tag(99, 0), ...varint(2 ** 40)];
    const fixed64 = [...tag(98, 1), ...Array<number>(8).fill(7)];
    const fixed32 = [...tag(97, 5), ...Array<number>(4).fill(7)];
    // group 96 holding a LEN field and an empty group 95
    const groups = [...tag(96, 3), ...tag(1, 2), 0, ...tag(95, 3), ...tag(95, 4), ...tag(96, 4)];
    const unknown = [...varintField, ...fixed64, ...fixed32, ...groups];
    const graph = (n: number) =>
      len(7, [...unknown, ...Array.from({ length: n }, (_, i) => reluNode(i)).flat()]);
    const bytes = new Uint8Array([...tag(1, 0), 8, ...unknown, ...graph(3), ...graph(2)]);
    expect(countGraphNodes(bytes)).toBe(5);
    // protobufjs keeps the last graph only: the wire count is an upper bound of what it decodes.
    expect(onnx.ModelProto.decode(bytes).graph!.node!.length).toBe(2);
  });

  test.each([
    ['a truncated varint', [0x08, 0x80]],
    ['a graph length past the end', [...tag(1, 0), 8, ...tag(7, 2), ...varint(1000), 0x0a, 0x00]],
    ['a lying 2^50-byte node inside the graph', len(7, [0x0a, ...varint(2 ** 50)])],
    ['a graph field that is a varint', [...tag(7, 0), 5, 0x0a, 0, 0x0a, 0, 0x0a]],
    ['an ir_version that is a string', [...len(1, [1, 2]), ...tag(7, 2), 0]],
    ['a node field that is fixed32', [...tag(7, 2), 5, ...tag(1, 5), 0, 0, 0, 0]],
    ['wire type 6', [...tag(50, 6)]],
    ['an unterminated group', [...tag(50, 3), ...tag(1, 0), 1]],
    ['groups nested 40 deep', Array.from({ length: 40 }, () => tag(50, 3)).flat()],
    ['a 12-byte varint', [...tag(1, 0), ...Array<number>(11).fill(0xff), 1]],
  ])('refuses %s as onnx-invalid, naming the byte', (_name, bytes) => {
    const e = errorOf(() => countGraphNodes(new Uint8Array(bytes)));
    expect(e.code).toBe('onnx-invalid');
    expect(e.message).toMatch(
      /^This file is not an ONNX model: it does not parse as an ONNX protobuf \(.+ at byte \d+\)\.$/,
    );
  });
});

describe('decodeOnnx: the node limit is checked before decoding', () => {
  test('a graph of 150,000 empty nodes is refused without being decoded', () => {
    const bytes = manyNodes(150_000);
    const decode = vi.spyOn(onnx.ModelProto, 'decode');
    try {
      const e = errorOf(() => readOnnx(bytes));
      expect(e.code).toBe('onnx-too-large');
      expect(e.message).toBe('The ONNX graph has 150000 nodes, more than the limit of 100000.');
      expect(decode).not.toHaveBeenCalled();
    } finally {
      decode.mockRestore();
    }
    // Under the limit, the same kind of file decodes (the check is the limit, not the shape).
    expect(decodeOnnx(manyNodes(1000)).graph!.node!.length).toBe(1000);
  });

  test('a limit equal to the count passes, one less refuses', () => {
    const { bytes } = emitOnnx(buildModel(archSpecFromName('cifar_resnet20')), 'random', {
      outputs: 'stages',
    });
    const count = countGraphNodes(bytes);
    expect(readOnnx(bytes, { maxNodes: count }).nodes).toHaveLength(count);
    expect(errorOf(() => readOnnx(bytes, { maxNodes: count - 1 })).code).toBe('onnx-too-large');
  });
});
