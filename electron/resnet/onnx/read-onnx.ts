/**
 * Reading imported ONNX models: list what the graph computes (inputs, outputs, every node's outputs with
 * the shapes the file declares) and expose chosen intermediate values as extra graph outputs, so the
 * stages of a model exported elsewhere can be inspected like the emitted ones.
 */
import { CoreError } from '../tensor';
import { countGraphNodes } from './node-count';
import { type Dim, dimOf, ELEM_FLOAT, onnx, type OnnxNamespace, toNumber, valueInfo } from './proto';

/** A named tensor value with its element type (TensorProto.DataType, 1 = float) and declared shape. */
export type OnnxValue = { name: string; elemType: number; shape: Dim[] | null };

/** One node: its name, operator and output values. */
export type OnnxNode = { name: string; opType: string; domain: string; outputs: OnnxValue[] };

/** What an ONNX graph declares. `inputs` excludes initializers (old exporters list weights as inputs). */
export type OnnxGraphInfo = {
  irVersion: number;
  /** opset of the default domain, null if the file does not import it */
  opset: number | null;
  producer: string;
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  nodes: OnnxNode[];
};

/** Limits that keep a hostile or broken file from making the app hang. */
export type OnnxReadLimits = { maxNodes: number };

/** ResNet-1202 has ~3,700 nodes; anything far beyond is not a model this app can show. */
export const DEFAULT_ONNX_LIMITS: OnnxReadLimits = { maxNodes: 100_000 };

/**
 * Decodes ONNX bytes, with the checks that turn "not an ONNX file" into a clear error. The node count is
 * checked on the protobuf wire format before the decode, so an oversized graph costs a scan, not a decode.
 * @throws CoreError `onnx-invalid` when the bytes are not an ONNX model, `onnx-too-large` past the limits
 */
export function decodeOnnx(
  bytes: Uint8Array,
  limits: OnnxReadLimits = DEFAULT_ONNX_LIMITS,
): OnnxNamespace.ModelProto {
  const invalid = (why: string) => new CoreError('onnx-invalid', `This file is not an ONNX model: ${why}.`);
  if (bytes.length === 0) throw invalid('it is empty');
  // Counted on the wire first: decoding builds an object per node, too slow and big for a hostile count.
  const count = countGraphNodes(bytes);
  if (count > limits.maxNodes) throw tooLarge(count, limits);
  let model: OnnxNamespace.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw invalid(`it does not parse as an ONNX protobuf (${e instanceof Error ? e.message : String(e)})`);
  }
  // Protobuf decoding is lenient: random bytes can decode to an "empty" message, so require the
  // fields every real model has.
  const ir = model.irVersion ? toNumber(model.irVersion) : 0;
  if (ir < 1 || ir > 100) throw invalid(`its IR version (${ir}) is not a valid one`);
  if (!model.graph) throw invalid('it has no graph');
  // The wire count is never below the decoded one; checked again in case the two ever disagree.
  const decoded = model.graph.node?.length ?? 0;
  if (decoded > limits.maxNodes) throw tooLarge(decoded, limits);
  return model;
}

function tooLarge(count: number, limits: OnnxReadLimits): CoreError {
  return new CoreError(
    'onnx-too-large',
    `The ONNX graph has ${count} nodes, more than the limit of ${limits.maxNodes}.`,
  );
}

function valueOf(v: OnnxNamespace.IValueInfoProto): OnnxValue {
  const tensor = v.type?.tensorType;
  const dims = tensor?.shape?.dim;
  return { name: v.name ?? '', elemType: tensor?.elemType ?? 0, shape: dims ? dims.map(dimOf) : null };
}

/** Every value the file declares a type for (inputs, outputs, value_info), by name. */
function declaredValues(graph: OnnxNamespace.IGraphProto): Map<string, OnnxValue> {
  const known = new Map<string, OnnxValue>();
  for (const v of [...(graph.valueInfo ?? []), ...(graph.input ?? []), ...(graph.output ?? [])]) {
    if (v.name) known.set(v.name, valueOf(v));
  }
  return known;
}

/**
 * Lists an ONNX model's inputs, outputs and nodes (with each node output's declared type and shape,
 * or an unknown shape and element type 0 when the file does not declare it).
 * @throws CoreError `onnx-invalid`, `onnx-too-large`
 */
export function readOnnx(bytes: Uint8Array, limits: OnnxReadLimits = DEFAULT_ONNX_LIMITS): OnnxGraphInfo {
  const model = decodeOnnx(bytes, limits);
  const graph = model.graph!;
  const known = declaredValues(graph);
  const weights = new Set((graph.initializer ?? []).map((t) => t.name));
  const main = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return {
    irVersion: toNumber(model.irVersion),
    opset: main?.version ? toNumber(main.version) : null,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    inputs: (graph.input ?? []).filter((v) => !weights.has(v.name)).map(valueOf),
    outputs: (graph.output ?? []).map(valueOf),
    nodes: (graph.node ?? []).map((n) => ({
      name: n.name ?? '',
      opType: n.opType ?? '',
      domain: n.domain ?? '',
      outputs: (n.output ?? [])
        .filter((o) => o !== '') // an empty name is an omitted optional output
        .map((o) => known.get(o) ?? { name: o, elemType: 0, shape: null }),
    })),
  };
}

/**
 * Returns the model with the named intermediate values appended as graph outputs (graph surgery), so
 * `session.run(feeds, names)` can fetch them. Names already outputs are kept once; the element type
 * and shape come from the file's value_info when declared, else float with an unknown shape.
 * @throws CoreError `onnx-unknown-value` listing names no node produces; `onnx-invalid`, `onnx-too-large`
 */
export function addOutputs(
  bytes: Uint8Array,
  names: readonly string[],
  limits = DEFAULT_ONNX_LIMITS,
): Uint8Array {
  const model = decodeOnnx(bytes, limits);
  const graph = model.graph!;
  const produced = new Set((graph.node ?? []).flatMap((n) => n.output ?? []));
  // A value name that was not valid UTF-8 decodes with a lone surrogate and would be re-encoded as
  // U+FFFD, so the added output would name nothing: refuse it (found by fuzzing).
  const malformed = names.filter((n) =>
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(n),
  );
  if (malformed.length > 0) {
    throw new CoreError('onnx-invalid', `ONNX value names must be valid UTF-8; ${malformed.length} are not.`);
  }
  const unknown = names.filter((n) => !produced.has(n));
  if (unknown.length > 0) {
    throw new CoreError(
      'onnx-unknown-value',
      `No node of this ONNX graph produces ${unknown.map((n) => `"${n}"`).join(', ')}.`,
    );
  }
  const known = declaredValues(graph);
  graph.output ??= [];
  const existing = new Set(graph.output.map((o) => o.name));
  for (const name of names) {
    if (existing.has(name)) continue;
    existing.add(name);
    const declared = known.get(name);
    const elemType = declared && declared.elemType !== 0 ? declared.elemType : ELEM_FLOAT;
    graph.output.push(onnx.ValueInfoProto.create(valueInfo(name, elemType, declared?.shape ?? undefined)));
  }
  return onnx.ModelProto.encode(model).finish();
}
