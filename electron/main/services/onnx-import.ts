/**
 * Imported ONNX models made inspectable like the emitted ones: the PyTorch module scopes in the node
 * names (`/layer1/layer1.0/conv1/Conv`) tell which value each module produced last, and graph surgery
 * exposes those values as extra graph outputs named by module path (`layer1`, `layer1.0`), with the
 * classifier's output also available as `logits`, through Identity nodes.
 */
import type { ModelOutput } from '../../ipc/contract';
import { decodeOnnx, readOnnx, type Dim, type OnnxGraphInfo } from '../../resnet/onnx';
import { ELEM_FLOAT, makeNode, onnx, valueInfo } from '../../resnet/onnx/proto';

type OutputsOption = 'logits' | 'stages' | 'blocks' | 'all';

/** Ops whose outputs are shapes, indices or constants: never a feature map worth showing. */
const NOT_FEATURES = new Set(['Constant', 'ConstantOfShape', 'Shape', 'Size', 'Range', 'NonZero']);

/** A module and the value it produced last (its output); `first` orders modules by where they start. */
export type ModuleScope = { path: string; value: string; opType: string; shape: Dim[] | null; first: number };

/** `/layer1/layer1.0/conv1/Conv` -> `layer1.0.conv1` (PyTorch names scopes by full path or by attribute). */
export function modulePathOf(nodeName: string): string | null {
  if (!nodeName.startsWith('/')) return null;
  const segments = nodeName.split('/').filter((s) => s.length > 0);
  segments.pop(); // the op's own name
  let path = '';
  for (const seg of segments) path = path && !seg.startsWith(`${path}.`) ? `${path}.${seg}` : seg;
  return path || null;
}

/**
 * Every module scope of a PyTorch-exported graph with its output value, in the order the modules end
 * (a block's convs before the block, the block before its layer), as forward hooks would fire.
 */
export function moduleScopes(info: OnnxGraphInfo): ModuleScope[] {
  const scopes = new Map<string, ModuleScope>();
  info.nodes.forEach((node, index) => {
    const path = modulePathOf(node.name);
    const out = node.outputs[0];
    if (!path || !out || NOT_FEATURES.has(node.opType)) return;
    if (out.elemType !== 0 && out.elemType !== ELEM_FLOAT) return;
    const parts = path.split('.');
    // the node belongs to its module and to every enclosing one: the last such node is their output;
    // deepest first, and re-inserted, so the map's order is the order in which modules end
    for (let i = parts.length; i >= 1; i--) {
      const p = parts.slice(0, i).join('.');
      const first = scopes.get(p)?.first ?? index;
      scopes.delete(p);
      scopes.set(p, { path: p, value: out.name, opType: node.opType, shape: out.shape, first });
    }
  });
  return [...scopes.values()];
}

/** Module depth by level: stages are the top-level modules, blocks one level below. */
function wanted(path: string, outputs: OutputsOption): boolean {
  const depth = path.split('.').length;
  if (outputs === 'logits') return false;
  if (outputs === 'stages') return depth === 1;
  if (outputs === 'blocks') return depth <= 2;
  return true;
}

const known = (shape: Dim[] | null): number[] =>
  shape && shape.every((d) => typeof d === 'number') ? (shape as number[]) : [];

/**
 * The ONNX bytes the renderer runs: the file with `logits` (an alias of its first output, unless it has
 * that name already) and the chosen module outputs appended, and the list of what it can fetch.
 * @throws CoreError `onnx-invalid`, `onnx-too-large`
 */
export function prepareImportedOnnx(
  bytes: Uint8Array,
  outputs: OutputsOption,
): { bytes: Uint8Array; outputs: ModelOutput[]; printText: string } {
  const info = readOnnx(bytes);
  const model = decodeOnnx(bytes);
  const graph = model.graph!;
  const taken = new Set<string>([
    ...(graph.initializer ?? []).map((t) => t.name ?? ''),
    ...(graph.input ?? []).map((v) => v.name ?? ''),
    ...(graph.node ?? []).flatMap((n) => n.output ?? []),
  ]);
  const graphOutputs = new Set(info.outputs.map((o) => o.name));
  const first = info.outputs[0]!;
  const list: ModelOutput[] = [{ name: 'logits', moduleType: 'output', shape: known(first.shape) }];
  const alias = (value: string, name: string, shape: Dim[] | null) => {
    graph.node!.push(onnx.NodeProto.create(makeNode('Identity', [value], [name], `alias:${name}`)));
    graph.output!.push(onnx.ValueInfoProto.create(valueInfo(name, ELEM_FLOAT, shape ?? undefined)));
    taken.add(name);
  };
  if (first.name !== 'logits') alias(first.name, 'logits', first.shape);
  for (const scope of moduleScopes(info)) {
    if (!wanted(scope.path, outputs) || graphOutputs.has(scope.value) || taken.has(scope.path)) continue;
    alias(scope.value, scope.path, scope.shape);
    list.push({ name: scope.path, moduleType: scope.opType, shape: known(scope.shape) });
  }
  return { bytes: onnx.ModelProto.encode(model).finish(), outputs: list, printText: describeOnnx(info) };
}

/** The text the architecture view shows for an ONNX graph: where it came from and its module tree. */
export function describeOnnx(info: OnnxGraphInfo): string {
  const input = info.inputs[0];
  const lines = [
    `ONNX graph: ${info.nodes.length} nodes, opset ${info.opset ?? '?'}, from ${info.producer || 'an unknown producer'}`,
    `input ${input?.name ?? '?'} [${(input?.shape ?? []).map((d) => d ?? '?').join(', ')}]`,
  ];
  for (const scope of moduleScopes(info).sort((a, b) => a.first - b.first || a.path.length - b.path.length)) {
    const depth = scope.path.split('.').length;
    lines.push(`${'  '.repeat(depth)}(${scope.path}): ${scope.opType}`);
  }
  lines.push(`outputs ${info.outputs.map((o) => o.name).join(', ')}`);
  return lines.join('\n');
}
