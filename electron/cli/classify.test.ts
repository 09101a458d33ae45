/**
 * `resnet-lens classify` on real images: the bundled ResNet-20 (and the same weights as a zip checkpoint
 * and as PyTorch's own ONNX export) must predict exactly PyTorch's classes; stage dumps must be valid .npy.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseNpyHeader } from '../resnet/datasets';
import { fixturePath, readFixture, readFixtureJson, repoRoot } from '../test-support/fixtures';
import { stageStems } from './classify';
import { makeTempDir, removeTempDirs, runCli, stderrLines } from './cli-test-helpers';

afterAll(removeTempDirs);

type Result = { image: string; top: { index: number; label: string; probability: number }[] };
type Predictions = { models: Record<string, { predictions: number[] }> };

const PNG_DIR = fixturePath('images/cifar10-png');
const PNGS = readdirSync(PNG_DIR).sort();
const pytorch = readFixtureJson<Predictions>('cifar10/pytorch-predictions-first1000.json').models[
  'resnet20-12fca82f.th'
]!.predictions;

/** PyTorch's class for testNNNN_<class>.png: the prediction at index NNNN. */
const expectedIndex = (file: string) => pytorch[Number(/test(\d{4})_/.exec(file)![1])]!;

const CIFAR10 = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

const MODELS: [string, string][] = [
  ['bundled id', 'cifar10-resnet20'],
  [
    'zip checkpoint, architecture inferred',
    fixturePath('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'),
  ],
  ['PyTorch ONNX export, used as is', fixturePath('torch/checkpoints/cifar-resnet20-torch-export.onnx')],
];

describe('classify --json equals PyTorch on the CIFAR-10 test PNGs', () => {
  test('the fixture has the 20 test images', () => expect(PNGS).toHaveLength(20));

  test.concurrent.each(MODELS)('%s', async (_, model) => {
    const images = PNGS.map((f) => join(PNG_DIR, f));
    const run = await runCli(['classify', '--model', model, '--json', ...images]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { results: Result[] };
    expect(Object.keys(json)).toEqual(['results']);
    expect(json.results.map((r) => r.image)).toEqual(images);
    for (const r of json.results) {
      expect(Object.keys(r)).toEqual(['image', 'top']);
      expect(r.top).toHaveLength(5);
      expect(Object.keys(r.top[0]!)).toEqual(['index', 'label', 'probability']);
      expect(r.top[0]!.index, r.image).toBe(expectedIndex(r.image));
      const probs = r.top.map((t) => t.probability);
      expect([...probs].sort((a, b) => b - a)).toEqual(probs);
      expect(probs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
    // Labels are CIFAR-10's names in label order (the true class is in each file name).
    for (const r of json.results) expect(r.top[0]!.label).toBe(CIFAR10[r.top[0]!.index]);
    expect(json.results.filter((r) => r.image.endsWith(`_${r.top[0]!.label}.png`)).length).toBeGreaterThan(
      15,
    );
  });

  test('a directory stands for its images; --top 3 gives three', async () => {
    const run = await runCli(['classify', '--model', 'cifar10-resnet20', '--json', '--top', '3', PNG_DIR]);
    const json = JSON.parse(run.stdout) as { results: Result[] };
    expect(json.results).toHaveLength(20);
    expect(json.results.every((r) => r.top.length === 3)).toBe(true);
  });

  test('text output names the image and its ranked classes', async () => {
    const run = await runCli(['classify', '--model', 'cifar10-resnet20', join(PNG_DIR, PNGS[0]!)]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(join(PNG_DIR, PNGS[0]!));
    expect(lines[1]).toMatch(/^ {2}1\. cat +1\.0000 {2}\(3\)$/);
    expect(lines).toHaveLength(6);
  });
});

/** A 24-bit bottom-up BMP of RGBA pixels, written independently of the decoder under test. */
function writeBmp(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = new Uint8Array(54 + stride * height);
  const v = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  v.setUint32(2, out.length, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, width, true);
  v.setInt32(22, height, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const d = 54 + (height - 1 - y) * stride + x * 3;
      out.set([rgba[s + 2]!, rgba[s + 1]!, rgba[s]!], d);
    }
  }
  return out;
}

describe('image formats', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('classify');
  });

  test('a BMP of a PNG classifies exactly like the PNG', async () => {
    const png = PNG.sync.read(Buffer.from(readFixture(`images/cifar10-png/${PNGS[3]}`)));
    const bmp = join(dir, 'same.bmp');
    writeFileSync(bmp, writeBmp(png.width, png.height, new Uint8Array(png.data)));
    const [a, b] = await Promise.all([
      runCli(['classify', '--model', 'cifar10-resnet20', '--json', join(PNG_DIR, PNGS[3]!)]),
      runCli(['classify', '--model', 'cifar10-resnet20', '--json', bmp]),
    ]);
    const top = (r: typeof a) => (JSON.parse(r.stdout) as { results: Result[] }).results[0]!.top;
    expect(top(b)).toEqual(top(a));
  });

  test('JPEG photos (one with EXIF orientation 6) are read', async () => {
    const run = await runCli([
      'classify',
      '--model',
      'cifar10-resnet20',
      '--json',
      fixturePath('images/photos/rocket.jpg'),
      fixturePath('images/photos/chelsea-exif-orientation-6.jpg'),
    ]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { results: Result[] }).results.map((r) => r.top[0]!.label)).toEqual([
      'ship',
      'cat',
    ]);
  });

  test('a file that is no image fails with one line naming it', async () => {
    const fake = join(dir, 'fake.png');
    writeFileSync(fake, 'GIF89a not really');
    const run = await runCli(['classify', '--model', 'cifar10-resnet20', fake]);
    expect(run.code).toBe(1);
    expect(stderrLines(run)).toEqual([`resnet-lens: ${fake}: a GIF image; the CLI reads PNG, JPEG and BMP`]);
  });
});

describe('classify --stages DIR', () => {
  test('writes every stage as a parsable float32 .npy', async () => {
    const dir = makeTempDir('stages');
    const run = await runCli([
      'classify',
      '--model',
      'cifar10-resnet20',
      '--stages',
      dir,
      join(PNG_DIR, PNGS[0]!),
    ]);
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toEqual([`resnet-lens: wrote 5 .npy files to ${dir}`]);
    const stem = PNGS[0]!.replace('.png', '');
    // The stem's output (relu) is a stage; conv1 and bn1 inside the stem are not.
    const expected: Record<string, number[]> = {
      relu: [1, 16, 32, 32],
      layer1: [1, 16, 32, 32],
      layer2: [1, 32, 16, 16],
      layer3: [1, 64, 8, 8],
      avgpool: [1, 64, 1, 1],
    };
    expect(readdirSync(dir).sort()).toEqual(
      Object.keys(expected)
        .map((s) => `${stem}.${s}.npy`)
        .sort(),
    );
    const load = (stage: string) => {
      const bytes = new Uint8Array(readFileSync(join(dir, `${stem}.${stage}.npy`)));
      const info = parseNpyHeader(bytes);
      expect(info.descr).toBe('<f4');
      expect(info.fortranOrder).toBe(false);
      expect(info.shape).toEqual(expected[stage]);
      expect(bytes.length).toBe(info.dataOffset + 4 * info.shape.reduce((a, b) => a * b, 1));
      return new Float32Array(bytes.slice(info.dataOffset).buffer);
    };
    // The stages are the real activations: avgpool is the per-channel mean of layer3, relu is rectified.
    const layer3 = load('layer3');
    const pooled = load('avgpool');
    for (let c = 0; c < 64; c++) {
      const mean = layer3.subarray(c * 64, (c + 1) * 64).reduce((a, b) => a + b, 0) / 64;
      expect(pooled[c]).toBeCloseTo(mean, 5);
    }
    const relu = load('relu');
    expect(relu.every((v) => v >= 0)).toBe(true);
    expect(relu.some((v) => v > 0)).toBe(true);
    for (const stage of ['layer1', 'layer2']) load(stage);
  });
});

type TorchTop = { images: Record<string, { top: { index: number; probability: number }[] }> };

describe('a torchvision checkpoint on photos (ImageNet recipe) equals PyTorch', () => {
  // testdata/tv-basic-photos.json: written by testdata/make-tv-basic-photos.py with PyTorch 1.13.
  const expected = JSON.parse(
    readFileSync(join(repoRoot, 'electron/cli/testdata/tv-basic-photos.json'), 'utf8'),
  ) as TorchTop;

  test('tv-basic-1111-c10.pth: inferred architecture, top-5 indices and probabilities', async () => {
    const photos = Object.keys(expected.images);
    const run = await runCli([
      'classify',
      '--model',
      fixturePath('torch/checkpoints/tv-basic-1111-c10.pth'),
      '--json',
      ...photos.map((p) => fixturePath(`images/photos/${p}`)),
    ]);
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toEqual([
      'resnet-lens: inferred architecture from tv-basic-1111-c10.pth: custom (BasicBlock [1, 1, 1, 1], groups 1, width 64, 10 classes)',
    ]);
    const results = (JSON.parse(run.stdout) as { results: Result[] }).results;
    results.forEach((r, i) => {
      const ref = expected.images[photos[i]!]!.top;
      expect(r.top.map((t) => t.index)).toEqual(ref.map((t) => t.index));
      // A 10-class torchvision model is not CIFAR-10: its classes are unnamed.
      expect(r.top[0]!.label).toBe(`class ${ref[0]!.index}`);
      r.top.forEach((t, k) => expect(Math.abs(t.probability - ref[k]!.probability)).toBeLessThan(1e-5));
    });
  });
});

describe('stageStems', () => {
  test('image names, numbered only when two images share one', () => {
    expect(stageStems(['a/cat.png', 'b/dog.jpg'])).toEqual(['cat', 'dog']);
    expect(stageStems(['a/cat.png', 'b/cat.jpg'])).toEqual(['0-cat', '1-cat']);
  });
});
