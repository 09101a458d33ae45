/**
 * The fuzz targets: every parser that reads bytes a user (or the internet) supplies, each with its seeds,
 * the inputs it is fuzzed with, how it is called, which errors are the typed ones it promises, and a check
 * of what it returns. Shared by `npm run fuzz` (fuzz/run.ts, 10,000 inputs each) and the vitest sample.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CliError } from '../electron/cli/errors';
import { decodeImage } from '../electron/cli/images';
import { cifarRecordImage, readCifar10Batch } from '../electron/resnet/datasets';
import { readCheckpoint } from '../electron/resnet/formats';
import { unpickle } from '../electron/resnet/formats/pickle';
import { parseStoragePid, TORCH_GLOBALS } from '../electron/resnet/formats/torch-pickle';
import { addOutputs, decodeOnnx, readOnnx } from '../electron/resnet/onnx';
import { orientationFromTiff, readExifOrientation } from '../electron/resnet/preprocess';
import { CoreError } from '../electron/resnet/tensor';
import { fixturePath, repoRoot } from '../electron/test-support/fixtures';
import { mutated, thenMutated, type Seed } from './mutators';
import {
  legacyWithPickle,
  objectPickle,
  onnxEdited,
  pickleProgram,
  rezipped,
  safetensorsEdited,
} from './structures';

export interface FuzzTarget {
  name: string;
  /** What is called, for the report. */
  calls: string;
  seeds(): Seed[];
  inputs(seeds: Seed[]): fc.Arbitrary<Uint8Array>;
  /** Calls the parser; returns a short description of the result. Throws what the parser throws. */
  run(bytes: Uint8Array): string;
  /** True for the errors the parser promises (anything else thrown is a crash). */
  typed(error: unknown): boolean;
  /** Why an input is not run at all (a known, reported problem that would take minutes and gigabytes). */
  skip?(bytes: Uint8Array): string | null;
}

const corpusDir = join(repoRoot, 'fuzz', 'corpus');
const hostileDir = join(repoRoot, 'fixtures', 'hostile');

function files(dir: string, pattern: RegExp): Seed[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
}

const fixture = (relative: string): Seed => ({
  name: relative,
  bytes: new Uint8Array(readFileSync(fixturePath(relative))),
});
const resource = (relative: string): Seed => ({
  name: relative,
  bytes: new Uint8Array(readFileSync(join(repoRoot, 'resources', relative))),
});

const isCore = (e: unknown) => e instanceof CoreError;

function checkpointSummary(bytes: Uint8Array, name: string): string {
  const c = readCheckpoint(bytes, name);
  return `${c.format}: ${c.stateDict.size} tensors`;
}

const zipSeeds = () => [
  ...files(corpusDir, /\.pth$/),
  ...files(hostileDir, /\.pth$/),
  fixture('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'),
];
const legacySeeds = () => [
  ...files(corpusDir, /\.th$/),
  ...files(hostileDir, /\.th$/),
  resource('models/resnet20-12fca82f.th'),
];

/** Pickles alone: the data.pkl of each zip seed and the object pickle of each legacy seed. */
const pickleSeeds = () =>
  files(corpusDir, /\.(pth|th)$/).map((s) => ({ name: `${s.name}:pickle`, bytes: objectPickle(s) }));

const onnxSeeds = () => [
  ...files(corpusDir, /\.onnx$/),
  fixture('torch/checkpoints/cifar-resnet20-torch-export.onnx'),
];
/** Seeds small enough to decode and rebuild for every input (structure-aware generators). */
const small = (seeds: Seed[]) => seeds.filter((s) => s.bytes.length < 64 * 1024);

const onnxInputs = (seeds: Seed[]) =>
  fc.oneof(
    mutated(seeds, {
      hot: [
        [0, 4096],
        [-4096, 0],
      ],
    }),
    thenMutated(onnxEdited(small(seeds)), small(seeds), { hot: [[0, 4096]] }),
  );

/** The values addOutputs is asked to expose: the first and last node outputs when the file reads. */
function outputNames(bytes: Uint8Array): string[] {
  try {
    const outs = readOnnx(bytes).nodes.flatMap((n) => n.outputs.map((o) => o.name));
    return outs.length > 0 ? [outs[0]!, outs[outs.length - 1]!] : ['logits'];
  } catch {
    return ['logits'];
  }
}

const imageSeeds = () => [
  ...files(corpusDir, /\.(png|jpg|bmp)$/),
  fixture('images/cifar10-png/test0000_cat.png'),
];
const exifSeeds = () => [
  ...files(corpusDir, /\.(png|jpg|webp)$/),
  fixture('images/photos/chelsea-exif-orientation-6.jpg'),
];

/** The pixel count an image header claims (PNG IHDR, JPEG SOFn, BMP header), or 0 when none is found. */
export function claimedPixels(b: Uint8Array): number {
  const be16 = (i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  const be32 = (i: number) => be16(i) * 65536 + be16(i + 2);
  if (b[0] === 0x89 && b[1] === 0x50) return be32(16) * be32(20);
  if (b[0] === 0x42 && b[1] === 0x4d && b.length >= 26) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return Math.abs(v.getInt32(18, true)) * Math.abs(v.getInt32(22, true));
  }
  if (b[0] !== 0xff || b[1] !== 0xd8) return 0;
  let max = 0;
  // Every SOFn (C0-CF except DHT C4, JPG C8, DAC CC) until the scan: jpeg-js may honour any of them.
  for (let p = 2; p + 9 < b.length;) {
    if (b[p] !== 0xff) {
      p++;
      continue;
    }
    const marker = b[p + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      max = Math.max(max, be16(p + 5) * be16(p + 7));
    }
    if (marker === 0xda) break;
    p += marker === 0xff || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) ? 1 : 2 + be16(p + 2);
  }
  return max;
}

/** The limit the renderer applies (features/gallery/decode-image.ts) and the CLI should apply too. */
export const MAX_IMAGE_PIXELS = 50_000_000;

const isOrientation = (o: number) => Number.isInteger(o) && o >= 1 && o <= 8;

export const TARGETS: FuzzTarget[] = [
  {
    name: 'torch-zip',
    calls: 'readCheckpoint(bytes, "x.pth")',
    seeds: zipSeeds,
    inputs: (seeds) =>
      fc.oneof(
        mutated(seeds, {
          hot: [
            [0, 16_384],
            [-8192, 0],
          ],
        }),
        rezipped(small(seeds).filter((s) => /^(state|wrapped)/.test(s.name))),
      ),
    run: (bytes) => checkpointSummary(bytes, 'x.pth'),
    typed: isCore,
  },
  {
    name: 'torch-legacy',
    calls: 'readCheckpoint(bytes, "x.th")',
    seeds: legacySeeds,
    inputs: (seeds) =>
      fc.oneof(
        mutated(seeds, { hot: [[0, 16_384]] }),
        legacyWithPickle(small(seeds).filter((s) => /^(state|wrapped)/.test(s.name))),
      ),
    run: (bytes) => checkpointSummary(bytes, 'x.th'),
    typed: isCore,
  },
  {
    name: 'unpickler',
    calls: 'unpickle(bytes, 0, { globals: TORCH_GLOBALS, persistentLoad })',
    seeds: pickleSeeds,
    inputs: (seeds) =>
      fc.oneof(mutated(seeds, { maxEdits: 4 }), pickleProgram, thenMutated(pickleProgram, seeds)),
    run: (bytes) => {
      const persistentLoad = (pid: unknown) => ({ ...parseStoragePid(pid), viewOffset: 0 });
      const { value } = unpickle(bytes, 0, { globals: TORCH_GLOBALS, persistentLoad, what: 'fuzz' });
      return `a ${value instanceof Map ? 'dict' : typeof value}`;
    },
    typed: isCore,
  },
  {
    name: 'safetensors',
    calls: 'readCheckpoint(bytes, "x.safetensors")',
    seeds: () => [...files(corpusDir, /\.safetensors$/), fixture('cifar10/resnet20-12fca82f.safetensors')],
    inputs: (seeds) => fc.oneof(mutated(seeds, { hot: [[0, 12_000]] }), safetensorsEdited(small(seeds))),
    run: (bytes) => checkpointSummary(bytes, 'x.safetensors'),
    typed: isCore,
  },
  {
    name: 'onnx-decode',
    calls: 'decodeOnnx(bytes)',
    seeds: onnxSeeds,
    inputs: onnxInputs,
    run: (bytes) => `${decodeOnnx(bytes).graph?.node?.length ?? 0} nodes`,
    typed: isCore,
  },
  {
    name: 'onnx-read',
    calls: 'readOnnx(bytes)',
    seeds: onnxSeeds,
    inputs: onnxInputs,
    run: (bytes) => `${readOnnx(bytes).nodes.length} nodes`,
    typed: isCore,
  },
  {
    name: 'onnx-add-outputs',
    calls: 'addOutputs(bytes, [first, last node output]), then readOnnx of the result',
    seeds: onnxSeeds,
    inputs: onnxInputs,
    run: (bytes) => {
      const names = outputNames(bytes);
      const out = readOnnx(addOutputs(bytes, names)).outputs.map((o) => o.name);
      const missing = names.filter((n) => !out.includes(n));
      if (missing.length > 0) throw new Error(`addOutputs lost ${missing.join(', ')}`);
      return `${out.length} outputs`;
    },
    typed: isCore,
  },
  {
    name: 'cifar10-batch',
    calls: 'readCifar10Batch(bytes) + cifarRecordImage(first, last, out of range)',
    seeds: () => {
      const all = fixture('cifar10/test-first1000.bin').bytes;
      return [
        { name: 'test-first3.bin', bytes: all.slice(0, 3 * 3073) },
        { name: 'test-first50.bin', bytes: all.slice(0, 50 * 3073) },
      ];
    },
    inputs: (seeds) => mutated(seeds, { hot: [[0, 3073 * 3]] }),
    run: (bytes) => {
      const batch = readCifar10Batch(bytes, 'fuzz.bin');
      for (const i of [0, batch.count - 1]) {
        const img = cifarRecordImage(batch, i);
        if (img.data.length !== 32 * 32 * 3) throw new Error(`record ${i} has ${img.data.length} bytes`);
      }
      try {
        cifarRecordImage(batch, batch.count);
      } catch (e) {
        if (e instanceof CoreError) return `${batch.count} records`;
        throw e;
      }
      throw new Error('an out-of-range record was returned');
    },
    typed: isCore,
  },
  {
    name: 'exif',
    calls: 'readExifOrientation(bytes), orientationFromTiff(bytes and its TIFF header onwards)',
    seeds: exifSeeds,
    inputs: (seeds) => mutated(seeds, { hot: [[0, 512]] }),
    run: (bytes) => {
      const tiff = Math.max(bytes.indexOf(0x49), 0);
      const results = [
        readExifOrientation(bytes),
        orientationFromTiff(bytes),
        orientationFromTiff(bytes.subarray(tiff)),
      ];
      if (!results.every(isOrientation)) throw new Error(`orientation outside 1..8: ${results.join(', ')}`);
      return `orientation ${results[0]}`;
    },
    typed: () => false, // documented never to throw
  },
  {
    name: 'cli-decode-image',
    calls: 'decodeImage(bytes, name) of electron/cli/images.ts (pngjs, jpeg-js, BMP, EXIF)',
    seeds: imageSeeds,
    inputs: (seeds) => mutated(seeds, { hot: [[0, 64]] }),
    run: (bytes) => {
      const img = decodeImage(bytes, 'fuzz');
      if (img.data.length !== img.width * img.height * 3)
        throw new Error('pixel data does not match the size');
      return `${img.width}x${img.height}`;
    },
    // Headers claiming more than 50 MP are refused before decoding (electron/cli/image-header.ts).
    typed: (e) => e instanceof CliError,
  },
];

/** The target called `name`, or an error listing the names. */
export function targetNamed(name: string): FuzzTarget {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target ${name}: ${TARGETS.map((x) => x.name).join(', ')}`);
  return t;
}
