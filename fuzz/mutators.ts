/**
 * Byte-level mutators shared by every fuzz target, as fast-check arbitraries over real seed files: flipped
 * bytes, truncations, lying lengths and huge counts written over length fields, repeated chunks (deep
 * nesting, runaway counts), spliced chunks from other seeds, insertions and deletions. Positions are drawn
 * uniformly over the file or inside the target's "hot" ranges (headers, directories, pickles), where a
 * change reaches the parser's logic rather than payload bytes.
 */
import fc from 'fast-check';

/** A seed file: a real input the mutations start from. */
export type Seed = { name: string; bytes: Uint8Array };

/** A byte range [start, end); negative offsets count from the end of the file. */
export type Range = readonly [number, number];

/** One edit of a byte array (returns a new array, or the same one edited in place). */
export type Edit = (bytes: Uint8Array) => Uint8Array;

/** Where an edit lands, resolved against the length of the bytes it edits. */
type Position = (length: number) => number;

/** Values that break length and count fields: boundaries of every integer width, and absurd sizes. */
export const INTERESTING = [
  0,
  1,
  2,
  3,
  7,
  8,
  0x3f,
  0x7f,
  0x80,
  0xff,
  0x100,
  0x7fff,
  0x8000,
  0xffff,
  0x10000,
  0x7fffffff,
  0x80000000,
  0xffffffff,
  2 ** 32,
  2 ** 40,
  2 ** 53 - 1,
  -1,
];

function clampPosition(p: number, length: number): number {
  return Math.max(0, Math.min(length, p));
}

/** Uniform over the file, or inside one of the hot ranges. */
function position(hot: readonly Range[]): fc.Arbitrary<Position> {
  const uniform = fc
    .double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
    .map((f) => (length: number) => Math.floor(f * length));
  if (hot.length === 0) return uniform;
  const inHot = fc.constantFrom(...hot).chain(([a, b]) =>
    fc.integer({ min: Math.min(a, b - 1), max: b - 1 }).map((o) => (length: number) => {
      return clampPosition(o < 0 ? length + o : o, length - 1);
    }),
  );
  return fc.oneof({ weight: 1, arbitrary: uniform }, { weight: 3, arbitrary: inHot });
}

/** Writes `value` as a `width`-byte integer (two's complement, either byte order) at `at`. */
export function writeInt(bytes: Uint8Array, at: number, value: number, width: number, little: boolean): void {
  let v = BigInt.asUintN(width * 8, BigInt(Math.trunc(value)));
  for (let i = 0; i < width; i++) {
    const index = little ? at + i : at + width - 1 - i;
    if (index >= 0 && index < bytes.length) bytes[index] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Every edit kind, each with its positions drawn from `hot`. */
function edits(hot: readonly Range[], donors: readonly Uint8Array[]): fc.Arbitrary<Edit> {
  const at = position(hot);
  const flip = fc
    .tuple(at, fc.integer({ min: 0, max: 255 }), fc.boolean())
    .map(([p, v, xorBit]): Edit => (b) => {
      const i = p(b.length);
      if (i < b.length) b[i] = xorBit ? b[i]! ^ (1 << (v & 7)) : v;
      return b;
    });
  const truncate = at.map(
    (p): Edit =>
      (b) =>
        b.subarray(0, p(b.length)),
  );
  const lie = fc
    .tuple(
      at,
      fc.constantFrom(...INTERESTING),
      fc.constantFrom(1, 2, 4, 8),
      fc.boolean(),
      fc.integer({ min: -2, max: 2 }),
    )
    .map(([p, value, width, little, delta]): Edit => (b) => {
      writeInt(b, p(b.length), value + delta, width, little);
      return b;
    });
  const repeat = fc
    .tuple(
      at,
      fc.integer({ min: 1, max: 16 }),
      fc.oneof(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 64, max: 20_000 })),
    )
    .map(([p, size, times]): Edit => (b) => {
      const i = p(b.length);
      const chunk = b.slice(i, i + size);
      const run = new Uint8Array(chunk.length * times);
      for (let k = 0; k < times; k++) run.set(chunk, k * chunk.length);
      return concat(b.subarray(0, i), run, b.subarray(i));
    });
  const splice = fc
    .tuple(
      at,
      fc.nat(Math.max(0, donors.length - 1)),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 512 }),
      fc.boolean(),
    )
    .map(([p, d, from, size, insert]): Edit => (b) => {
      const donor = donors[d] ?? b;
      const start = Math.floor(from * Math.max(0, donor.length - 1));
      const chunk = donor.slice(start, start + size);
      const i = p(b.length);
      if (insert) return concat(b.subarray(0, i), chunk, b.subarray(i));
      const out = b.slice();
      out.set(chunk.subarray(0, Math.max(0, out.length - i)), i);
      return out;
    });
  const insert = fc
    .tuple(at, fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([p, extra]): Edit => (b) => {
      const i = p(b.length);
      return concat(b.subarray(0, i), extra, b.subarray(i));
    });
  const remove = fc.tuple(at, fc.integer({ min: 1, max: 4096 })).map(([p, size]): Edit => (b) => {
    const i = p(b.length);
    return concat(b.subarray(0, i), b.subarray(i + size));
  });
  return fc.oneof(
    { weight: 5, arbitrary: flip },
    { weight: 1, arbitrary: truncate },
    { weight: 4, arbitrary: lie },
    { weight: 1, arbitrary: repeat },
    { weight: 2, arbitrary: splice },
    { weight: 1, arbitrary: insert },
    { weight: 1, arbitrary: remove },
  );
}

export interface MutateOptions {
  /** Ranges where most edits land (headers, directories); negative offsets count from the end. */
  hot?: readonly Range[];
  /** Most edits applied to one input (at least one is). */
  maxEdits?: number;
}

/**
 * Mutated copies of the seeds: a seed, then one to `maxEdits` edits. Splices take chunks from any seed.
 * The seed bytes themselves are never modified.
 */
export function mutated(seeds: readonly Seed[], options: MutateOptions = {}): fc.Arbitrary<Uint8Array> {
  const donors = seeds.map((s) => s.bytes);
  const edit = edits(options.hot ?? [], donors);
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(edit, { minLength: 1, maxLength: options.maxEdits ?? 4 }))
    .map(([index, list]) => list.reduce<Uint8Array>((bytes, e) => e(bytes), seeds[index]!.bytes.slice()));
}

/** Applies one to `maxEdits` byte edits to whatever `inner` produces (structure-aware, then byte-level). */
export function thenMutated(
  inner: fc.Arbitrary<Uint8Array>,
  donors: readonly Seed[],
  options: MutateOptions = {},
): fc.Arbitrary<Uint8Array> {
  const edit = edits(
    options.hot ?? [],
    donors.map((s) => s.bytes),
  );
  return fc
    .tuple(inner, fc.array(edit, { minLength: 0, maxLength: options.maxEdits ?? 2 }))
    .map(([bytes, list]) => list.reduce<Uint8Array>((b, e) => e(b), bytes.slice()));
}

export { concat };
