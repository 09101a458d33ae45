/**
 * Small builders over the `onnx-proto` protobufjs module: tensors with little-endian raw data,
 * attributes, value infos and nodes. Everything ONNX-specific that is not graph logic lives here.
 */
import * as onnxProtoModule from 'onnx-proto';
import type { onnx as OnnxNamespace } from 'onnx-proto';

type OnnxModule = typeof OnnxNamespace;

/*
 * `onnx-proto` is CommonJS (`module.exports = $root`). Bundlers and vitest expose `onnx` as a named export,
 * but Node's own ESM loader (tsx, the CLI) only exposes `default`, so accept both shapes.
 */
const loaded = onnxProtoModule as unknown as { onnx?: OnnxModule; default?: { onnx?: OnnxModule } };
const resolved = loaded.onnx ?? loaded.default?.onnx;
if (!resolved) throw new Error('onnx-proto did not load: no `onnx` namespace export');

/** The generated ONNX protobuf namespace (ModelProto, GraphProto, ...). */
export const onnx: OnnxModule = resolved;
export type { OnnxNamespace };

/** ONNX element types used here (TensorProto.DataType). */
export const ELEM_FLOAT = 1;
export const ELEM_INT64 = 7;

/** A dimension of a declared shape: a fixed size, a symbolic name, or unknown. */
export type Dim = number | string | null;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes of a float32 array in little-endian order, as ONNX's raw_data requires. */
export function float32LeBytes(data: Float32Array): Uint8Array {
  // Typed arrays use the platform byte order; every platform Electron ships on is little-endian,
  // so the fast path is a view. The DataView path keeps big-endian hosts correct.
  if (littleEndian) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return out;
}

/** A float32 initializer. */
export function floatTensor(name: string, dims: number[], data: Float32Array): OnnxNamespace.ITensorProto {
  return { name, dims, dataType: ELEM_FLOAT, rawData: float32LeBytes(data) };
}

/** An int64 initializer (small: Slice/Pad parameters), written through a DataView to fix the byte order. */
export function int64Tensor(name: string, values: readonly bigint[]): OnnxNamespace.ITensorProto {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return { name, dims: [values.length], dataType: ELEM_INT64, rawData: bytes };
}

/** An INT attribute. */
export function attrInt(name: string, i: number): OnnxNamespace.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

/** An INTS attribute. */
export function attrInts(name: string, ints: number[]): OnnxNamespace.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints };
}

/** A FLOAT attribute. */
export function attrFloat(name: string, f: number): OnnxNamespace.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f };
}

/** A value info of a tensor with the given element type; `dims` undefined leaves the shape unknown. */
export function valueInfo(
  name: string,
  elemType: number,
  dims?: readonly Dim[],
): OnnxNamespace.IValueInfoProto {
  const tensorType: OnnxNamespace.TypeProto.ITensor = { elemType };
  if (dims) {
    tensorType.shape = {
      dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : d === null ? {} : { dimParam: d })),
    };
  }
  return { name, type: { tensorType } };
}

/** A node of the default domain. */
export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attribute: OnnxNamespace.IAttributeProto[] = [],
): OnnxNamespace.INodeProto {
  return { opType, input: inputs, output: outputs, name, attribute };
}

/** The IR version that goes with an opset of the default domain (onnx/docs/Versioning.md). */
export function irVersionForOpset(opset: number): number {
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}

/** A dimension as a plain value: its size, its symbolic name, or null when unknown. */
export function dimOf(d: OnnxNamespace.TensorShapeProto.IDimension): Dim {
  if (d.dimValue !== undefined && d.dimValue !== null) return toNumber(d.dimValue);
  if (d.dimParam) return d.dimParam;
  return null;
}

/** An int64 field as a number: protobufjs decodes int64 to a `Long` object when the `long` package exists. */
export function toNumber(v: number | { toString(): string }): number {
  return typeof v === 'number' ? v : Number(v.toString());
}
