/**
 * Structure-aware generators: inputs that get past a format's outer layer so the inner parser is what
 * the mutations exercise. Pickle programs built from the opcodes torch.save writes (and the ones an attacker
 * would), torch zips re-zipped around a mutated pickle, legacy files with a mutated object pickle,
 * safetensors with lying JSON headers, ONNX models edited at the protobuf object level.
 */
import fc from 'fast-check';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { onnx } from '../electron/resnet/onnx/proto';
import { unpickle } from '../electron/resnet/formats/pickle';
import { parseStoragePid, TORCH_GLOBALS } from '../electron/resnet/formats/torch-pickle';
import { concat, mutated, writeInt, type Seed } from './mutators';

const text = (s: string) => [...s].map((c) => c.charCodeAt(0) & 0xff);
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const str = (s: string) => [0x58, ...u32(s.length), ...text(s)];
const global = (module: string, name: string) => text(`c${module}\n${name}\n`);

/** Pickle snippets: every opcode the unpickler knows, typical torch sequences, and hostile ones. */
const SNIPPETS: number[][] = [
  ...'()]}N\x88\x89atelsdu\x85\x86\x87\x94RbQ0122\x81\x92\x93\x8f\x90\x91'.split('').map((c) => text(c)),
  [0x4b, 7],
  [0x4d, 0xff, 0xff],
  [0x4a, ...u32(0xffffffff)],
  [0x8a, 2, 0xff, 0x7f],
  [0x8b, ...u32(9), ...Array(9).fill(0xff)],
  [0x47, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0],
  [0x8c, 3, ...text('abc')],
  str('storage'),
  str('cpu'),
  str('0'),
  [0x55, 2, ...text('hi')],
  [0x43, 2, 1, 2],
  [0x42, ...u32(3), 1, 2, 3],
  [0x71, 0],
  [0x72, ...u32(1)],
  [0x68, 0],
  [0x6a, ...u32(1)],
  [0x95, 8, 0, 0, 0, 0, 0, 0, 0],
  [0x80, 2],
  global('collections', 'OrderedDict'),
  global('torch._utils', '_rebuild_tensor_v2'),
  global('torch._utils', '_rebuild_tensor_v3'),
  global('torch._utils', '_rebuild_parameter'),
  global('torch', 'FloatStorage'),
  global('torch', 'HalfStorage'),
  global('torch', 'LongStorage'),
  global('torch', 'float16'),
  global('torch', 'Size'),
  global('torch', 'device'),
  global('_codecs', 'encode'),
  global('os', 'system'),
  global('builtins', 'eval'),
  global('torch.nn.modules.linear', 'Linear'),
  // A storage persistent id and a tensor over it: ('storage', FloatStorage, '0', 'cpu', 6) then rebuild.
  [
    0x28,
    ...str('storage'),
    ...global('torch', 'FloatStorage'),
    ...str('0'),
    ...str('cpu'),
    0x4b,
    6,
    0x74,
    0x51,
  ],
];

/**
 * A deep nesting, as a hostile pickle would nest: None wrapped in `depth` one-tuples (TUPLE1, no limit on
 * depth), or in `depth` lists (MARK ... LIST, which the mark limit refuses past 1000).
 */
const deepNesting = fc.tuple(fc.integer({ min: 50, max: 200_000 }), fc.boolean()).map(([depth, lists]) => {
  if (!lists) return concat(new Uint8Array([0x4e]), new Uint8Array(depth).fill(0x85));
  const d = Math.min(depth, 5_000);
  return concat(new Uint8Array(d).fill(0x28), new Uint8Array([0x4e]), new Uint8Array(d).fill(0x6c));
});

/** A huge count: one snippet repeated thousands of times (memo entries, marks, stack items). */
const hugeCount = fc
  .tuple(fc.constantFrom(...SNIPPETS), fc.integer({ min: 100, max: 50_000 }))
  .map(([s, n]) => {
    const out = new Uint8Array(s.length * n);
    for (let i = 0; i < n; i++) out.set(s, i * s.length);
    return out;
  });

/** Random pickle programs: protocol header, snippets, sometimes a deep nesting or a huge count, STOP. */
export const pickleProgram: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom(2, 4, 5),
    fc.array(
      fc.oneof(
        { weight: 20, arbitrary: fc.constantFrom(...SNIPPETS.map((x) => new Uint8Array(x))) },
        { weight: 1, arbitrary: deepNesting },
        { weight: 1, arbitrary: hugeCount },
      ),
      { maxLength: 48 },
    ),
    fc.boolean(),
  )
  .map(([proto, parts, stop]) =>
    concat(new Uint8Array([0x80, proto]), ...parts, new Uint8Array(stop ? [0x2e] : [])),
  );

/** The entries of a (valid) zip seed. */
function entriesOf(seed: Seed): Record<string, Uint8Array> {
  return unzipSync(seed.bytes);
}

/** The pickle of a torch seed: data.pkl of a zip, the object pickle of a legacy file. */
export function objectPickle(seed: Seed): Uint8Array {
  if (seed.bytes[0] === 0x50)
    return Object.entries(entriesOf(seed)).find(([n]) => n.endsWith('data.pkl'))![1];
  const ends = legacyPickleEnds(seed.bytes);
  return seed.bytes.slice(ends[2], ends[3]);
}

/**
 * Torch zips re-zipped around a new data.pkl (a mutated one, or a pickle program), stored or deflated, with
 * storages sometimes dropped or truncated: the zip stays valid so the pickle and storage logic is reached.
 */
export function rezipped(zipSeeds: readonly Seed[]): fc.Arbitrary<Uint8Array> {
  const parsed = zipSeeds.map((s) => ({ seed: s, entries: entriesOf(s) }));
  const pickles = parsed.map(({ seed, entries }) => ({
    name: seed.name,
    bytes: Object.entries(entries).find(([n]) => n.endsWith('data.pkl'))![1],
  }));
  const newPickle = fc.oneof(mutated(pickles, { maxEdits: 3 }), pickleProgram);
  return fc
    .tuple(fc.nat(parsed.length - 1), newPickle, fc.constantFrom(0, 0, 0, 6), fc.nat(7), fc.nat())
    .map(([i, pkl, level, dropMode, pick]) => {
      const { entries } = parsed[i]!;
      const files: Zippable = {};
      const storageNames = Object.keys(entries).filter((n) => n.includes('/data/'));
      const victim = storageNames[pick % Math.max(1, storageNames.length)];
      for (const [name, data] of Object.entries(entries)) {
        let bytes = name.endsWith('data.pkl') ? pkl : data;
        if (name === victim && dropMode === 0) continue; // a storage the pickle names is missing
        if (name === victim && dropMode === 1) bytes = bytes.subarray(0, bytes.length >> 1); // too short
        files[name] = [bytes, { level: level as 0 | 6 }];
      }
      return zipSync(files);
    });
}

/** Where each pickle of a legacy seed ends: [magic, protocol, sys_info, object, keys]. */
export function legacyPickleEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  let at = 0;
  for (let i = 0; i < 5; i++) {
    const persistentLoad = (pid: unknown) => ({ ...parseStoragePid(pid), viewOffset: 0 });
    at = unpickle(bytes, at, { globals: TORCH_GLOBALS, persistentLoad }).end;
    ends.push(at);
  }
  return ends;
}

/** Legacy files with the object pickle replaced (mutated or a program); header and storages kept. */
export function legacyWithPickle(legacySeeds: readonly Seed[]): fc.Arbitrary<Uint8Array> {
  const parts = legacySeeds.map((s) => {
    const [, , header, object, keys] = legacyPickleEnds(s.bytes);
    return {
      header: s.bytes.subarray(0, header),
      object: { name: s.name, bytes: s.bytes.subarray(header, object) },
      rest: s.bytes.subarray(object),
      keys: keys!,
    };
  });
  const objects = parts.map((p) => p.object);
  return fc
    .tuple(fc.nat(parts.length - 1), fc.oneof(mutated(objects, { maxEdits: 3 }), pickleProgram))
    .map(([i, pkl]) => concat(parts[i]!.header, pkl, parts[i]!.rest));
}

const DEEP = '@DEEP@';

/** JSON values that break header readers: absurd numbers, wrong types, prototype keys, deep nesting. */
const jsonJunk = fc.oneof(
  fc.constantFrom(
    -1,
    1.5,
    2 ** 53,
    2 ** 64,
    1e308,
    'F32',
    'X9',
    null,
    true,
    [],
    {},
    [0, -1],
    [2 ** 40, 2 ** 41],
  ),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.array(fc.integer({ min: -2, max: 2 ** 33 }), { maxLength: 6 }),
);

/**
 * safetensors files with the seed's JSON header edited (a field of one entry replaced, entries added by
 * the thousand, `__proto__` keys, deeply nested metadata), the header length sometimes lying.
 */
export function safetensorsEdited(seeds: readonly Seed[]): fc.Arbitrary<Uint8Array> {
  const parsed = seeds.map((s) => {
    const n = Number(new DataView(s.bytes.buffer, s.bytes.byteOffset).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(s.bytes.subarray(8, 8 + n))) as Record<
      string,
      unknown
    >;
    return { header, data: s.bytes.subarray(8 + n) };
  });
  const edit = fc.oneof(
    fc
      .tuple(fc.constantFrom('dtype', 'shape', 'data_offsets', 'extra'), jsonJunk)
      .map(([field, value]) => (h: Record<string, unknown>) => {
        const names = Object.keys(h).filter((k) => k !== '__metadata__');
        const entry = h[names[0]!] as Record<string, unknown>;
        entry[field] = value;
      }),
    fc.integer({ min: 1, max: 20_000 }).map((count) => (h: Record<string, unknown>) => {
      for (let i = 0; i < count; i++) h[`extra.${i}`] = { dtype: 'F32', shape: [0], data_offsets: [0, 0] };
    }),
    // Deep JSON nesting in the metadata: the marker string is replaced by brackets after stringify.
    fc.integer({ min: 10, max: 100_000 }).map((depth) => (h: Record<string, unknown>) => {
      h['__metadata__'] = DEEP;
      h['__deep__'] = depth;
    }),
    // An own `__proto__` key (plain assignment would set the prototype, and JSON would not show it).
    fc.constant((h: Record<string, unknown>) => {
      const value = { dtype: 'F32', shape: [1], data_offsets: [0, 4] };
      Object.defineProperty(h, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    }),
  );
  return fc
    .tuple(
      fc.nat(parsed.length - 1),
      fc.array(edit, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(0, 0, 0, -8, 8, 2 ** 32),
    )
    .map(([i, editList, lengthLie]) => {
      const { header, data } = parsed[i]!;
      const h = structuredClone(header);
      for (const e of editList) e(h);
      const depth = typeof h['__deep__'] === 'number' ? h['__deep__'] : 0;
      delete h['__deep__'];
      let json = JSON.stringify(h);
      if (depth > 0) json = json.replace(`"${DEEP}"`, '['.repeat(depth) + ']'.repeat(depth));
      const body = new TextEncoder().encode(json);
      const out = new Uint8Array(8 + body.length + data.length);
      writeInt(out, 0, body.length + lengthLie, 8, true);
      out.set(body, 8);
      out.set(data, 8 + body.length);
      return out;
    });
}

type Model = ReturnType<typeof onnx.ModelProto.decode>;

/**
 * ONNX models edited as protobuf objects, then re-encoded: nodes added by the thousand, outputs renamed to
 * nothing or to duplicates, dims made absurd, a node given a subgraph nested many levels deep.
 */
export function onnxEdited(seeds: readonly Seed[]): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.integer({ min: 1, max: 2_000 }).map((n) => (m: Model) => {
      for (let i = 0; i < n; i++)
        m.graph!.node!.push(onnx.NodeProto.create({ opType: 'Relu', input: ['input'], output: [`x${i}`] }));
    }),
    fc.constantFrom('', 'logits', 'input', '\u0000', 'a'.repeat(10_000)).map((name) => (m: Model) => {
      const node = m.graph!.node?.[0];
      if (node) node.output = [name, name];
    }),
    fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 - 1).map((d) => (m: Model) => {
      const dim = m.graph!.input?.[0]?.type?.tensorType?.shape?.dim?.[0];
      if (dim) dim.dimValue = d;
    }),
    fc.constant((m: Model) => {
      m.graph = null as unknown as Model['graph'];
    }),
  );
  const models = seeds.map((s) => s.bytes);
  const depth = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 2, max: 4_000 }));
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), depth)
    .map(([i, list, nesting]) => {
      const model = onnx.ModelProto.decode(models[i]!);
      for (const e of list) if (model.graph) e(model);
      const bytes = onnx.ModelProto.encode(model).finish();
      return nesting === 0 ? bytes : concat(bytes, deepGraphField(nesting));
    });
}

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n > 127; n = Math.floor(n / 128)) out.push((n & 127) | 128);
  out.push(n);
  return out;
}

/** The tag and length of a length-delimited field (wire type 2). */
function lenHeader(field: number, length: number): Uint8Array {
  return new Uint8Array([...varint((field << 3) | 2), ...varint(length)]);
}

/** A length-delimited field. */
function lenField(field: number, body: Uint8Array): Uint8Array {
  return concat(lenHeader(field, body.length), body);
}

/**
 * A second ModelProto.graph field (which replaces the first when decoded) whose only node is an `If` with
 * a subgraph holding an `If` with a subgraph ... `depth` levels deep, written at the wire level (protobufjs
 * itself overflows the stack encoding it). Each level only adds a prefix, so the prefixes are computed
 * inside out and joined once. Graph.node = 1, Node.op_type = 4, Node.attribute = 5, Attribute.name = 1,
 * Attribute.g = 6, Attribute.type = 20 (GRAPH = 5).
 */
function deepGraphField(depth: number): Uint8Array {
  const enc = new TextEncoder();
  const leaf = lenField(2, enc.encode('leaf')); // GraphProto.name
  const attrHead = concat(lenField(1, enc.encode('then_branch')), new Uint8Array([0xa0, 0x01, 5]));
  const opType = lenField(4, enc.encode('If'));
  const prefixes: Uint8Array[] = [];
  let inner = leaf.length;
  for (let i = 0; i < depth; i++) {
    const g = lenHeader(6, inner);
    const attribute = attrHead.length + g.length + inner;
    const a = lenHeader(5, attribute);
    const node = opType.length + a.length + attribute;
    const n = lenHeader(1, node);
    prefixes.push(concat(n, opType, a, attrHead, g));
    inner = n.length + node;
  }
  return concat(lenHeader(7, inner), ...prefixes.reverse(), leaf);
}
