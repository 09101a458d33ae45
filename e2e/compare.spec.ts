import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { PNG } from 'pngjs';
import { archSpecFromName, buildModel } from '../electron/resnet/arch';
import { readCheckpoint } from '../electron/resnet/formats';
import { emitOnnx } from '../electron/resnet/onnx';
import { IMAGENET_NORMALIZATION, preprocess } from '../electron/resnet/preprocess';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { ComparePage } from './pages/compare-page';
import { LensPage } from './pages/lens-page';
import { cifarPng, cifarPngDir, cifarTestBatchPath, torchPredictions, torchTop1 } from './reference-data';

const R20 = 'resnet20-12fca82f.th';
const R32 = 'resnet32-d509ac18.th';
const R56 = 'resnet56-4bfd9763.th';
const batchBytes = readFileSync(cifarTestBatchPath);
/** The true class of CIFAR record i: the record's first byte. */
const trueLabel = (i: number) => batchBytes[i * 3073]!;
/** What PyTorch's predictions imply over the first n records: agreement, correct per model, disagreements. */
function torchSet(a: string, b: string, n: number) {
  const pa = torchPredictions.models[a]!.predictions.slice(0, n);
  const pb = torchPredictions.models[b]!.predictions.slice(0, n);
  const disagree = pa.flatMap((p, i) => (p === pb[i] ? [] : [i]));
  const correct = (p: number[]) => p.filter((c, i) => c === trueLabel(i)).length;
  return { agreed: n - disagree.length, disagree, correctA: correct(pa), correctB: correct(pb) };
}

/**
 * The reference for a stage: the bundled checkpoint built and emitted by the core as the main process
 * does it, run by onnxruntime-node on the tensor torchvision's CIFAR transform makes of the PNG (decoded
 * by pngjs, not by the browser). Returns the stage's [1, C, H, W] values.
 */
async function referenceStage(file: string, arch: string, png: string, stage: string): Promise<Float32Array> {
  const bytes = new Uint8Array(readFileSync(join(repoRoot, 'resources', 'models', file)));
  const root = buildModel(archSpecFromName(arch));
  const { bytes: onnx } = emitOnnx(root, readCheckpoint(bytes, file).stateDict, { outputs: 'all' });
  const decoded = PNG.sync.read(readFileSync(png));
  const image = { width: decoded.width, height: decoded.height, data: decoded.data };
  const x = preprocess(image, { kind: 'cifar' }, IMAGENET_NORMALIZATION);
  const session = await ort.InferenceSession.create(onnx);
  const out = await session.run({ input: new ort.Tensor('float32', x.tensor, x.shape) }, [stage]);
  await session.release();
  return out[stage]!.data as Float32Array;
}
const relClose = (got: number, want: number, rel = 1e-4) =>
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(want), 1e-6));

test('ResNet-20 vs ResNet-56 on a CIFAR image: each top-1 is PyTorch’s, the badge says whether they agree', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const compare = new ComparePage(app);
  await lens.waitForModel();
  await compare.openWith('cifar10-resnet20', 'cifar10-resnet56');
  const index = 0;
  const files = ['test0000_cat.png', 'test0001_ship.png', 'test0002_ship.png'];
  await lens.dropFiles(files.map(cifarPng));
  const r20 = await compare.top5('cifar10-resnet20');
  const r56 = await compare.top5('cifar10-resnet56');
  const want20 = torchTop1('resnet20-12fca82f.th', index);
  const want56 = torchTop1('resnet56-4bfd9763.th', index);
  expect(r20[0]).toBe(want20);
  expect(r56[0]).toBe(want56);
  expect(r20).toHaveLength(5);
  await expect(compare.agreement).toHaveAttribute('data-agree', String(want20 === want56));
  await expect(compare.agreement).toContainText(want20 === want56 ? `all pick “${want20}”` : 'Disagree');
  await expect(compare.column('cifar10-resnet56')).toContainText('56');
  await expect(compare.column('cifar10-resnet20').getByTestId('latency')).toContainText('ms');
  // The same stage side by side: the deepest shared layer (layer3) first, 64x8x8 in both (PyTorch's
  // shapes: fixtures/torch/reference), each with its whole grid of channels and its own statistics.
  await expect(app.getByTestId('aligned-stages')).toHaveAttribute('data-stage', 'layer3');
  await expect(app.getByTestId('stage-difference')).toHaveAttribute('data-difference', 'same');
  const s20 = await compare.alignedStage('cifar10-resnet20');
  const s56 = await compare.alignedStage('cifar10-resnet56');
  expect(s20).toMatchObject({ shape: '64×8×8', channels: 64, grid: 64 });
  expect(s56).toMatchObject({ shape: '64×8×8', channels: 64, grid: 64 });
  expect(Number.isFinite(s20.mean) && Number.isFinite(s56.mean)).toBe(true);
  expect(s20.mean).not.toBe(s56.mean); // two different networks, two different activations
  // Channel 5 of ResNet-20 opens large, and with it channel 5 of ResNet-56 (both have 64 channels):
  // each an 8x8 map whose value under the cursor is onnxruntime-node's for that model at that cell.
  await compare.openChannel('cifar10-resnet20', 5);
  const models = [
    { id: 'cifar10-resnet20', file: R20, arch: 'cifar_resnet20' },
    { id: 'cifar10-resnet56', file: R56, arch: 'cifar_resnet56' },
  ];
  const read: number[] = [];
  for (const m of models) {
    await expect(compare.zoom(m.id)).toHaveAttribute('data-channel', '5');
    await expect(compare.zoom(m.id).getByTestId('zoom-canvas')).toHaveAttribute('width', '8');
    await expect(compare.zoom(m.id).getByTestId('zoom-canvas')).toHaveAttribute('height', '8');
    const ref = await referenceStage(m.file, m.arch, cifarPng(files[index]!), 'layer3');
    const at = await compare.readAt(m.id, 5, 2, 8, 8);
    expect(at.text).toContain('x 5, y 2:');
    relClose(at.value, ref[5 * 64 + 2 * 8 + 5]!);
    read.push(at.value);
  }
  expect(read[0]).not.toBe(read[1]);
  // Its overlay on the input shows in the clicked model's column; Esc closes every column's zoom.
  await compare.zoom('cifar10-resnet20').getByRole('button', { name: 'Overlay on the input' }).click();
  await expect(compare.stageColumn('cifar10-resnet20').getByTestId('channel-overlay')).toHaveAttribute(
    'data-channel',
    '5',
  );
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('channel-zoom')).toHaveCount(0);
  // Clicked in ResNet-56's grid, then closed with the button.
  await compare.openChannel('cifar10-resnet56', 20);
  await expect(compare.zoom('cifar10-resnet20')).toHaveAttribute('data-channel', '20');
  await compare.zoom('cifar10-resnet56').getByTestId('zoom-close').click();
  await expect(app.getByTestId('channel-zoom')).toHaveCount(0);
  await compare.pickStage('layer1');
  await expect(compare.stageColumn('cifar10-resnet56').getByTestId('aligned-shape')).toHaveAttribute(
    'data-shape',
    '16×32×32',
  );
  await expect(compare.stageColumn('cifar10-resnet20').getByTestId('aligned-shape')).toHaveAttribute(
    'data-shape',
    '16×32×32',
  );
  // Each model's CAM for one shared class: by default the first model's top-1, then any class picked.
  for (const id of ['cifar10-resnet20', 'cifar10-resnet56']) {
    await expect(compare.cam(id)).toHaveAttribute('data-class', want20);
    await expect(compare.cam(id)).toHaveAttribute('data-shape', '8×8');
    await expect(compare.cam(id)).toHaveAttribute('data-stage', 'layer3');
  }
  // The opacity every CAM shares: 0 shows only the input (the PNG's own pixel, 14x nearest-neighbour
  // upscaled), 1 only the heatmap, and 0.5 halfway between the two.
  const png = PNG.sync.read(readFileSync(cifarPng(files[index]!)));
  const [cx, cy] = [12, 20];
  const p0 = await compare.camPixel('cifar10-resnet20', 0.5, cx * 14 + 7, cy * 14 + 7);
  await compare.setCamOpacity(0);
  const bare = await compare.camPixel('cifar10-resnet20', 0, cx * 14 + 7, cy * 14 + 7);
  expect(bare).toEqual(Array.from(png.data.subarray((cy * 32 + cx) * 4, (cy * 32 + cx) * 4 + 3)));
  await compare.setCamOpacity(1);
  const heat = await compare.camPixel('cifar10-resnet20', 1, cx * 14 + 7, cy * 14 + 7);
  expect(heat).not.toEqual(bare);
  p0.forEach((v, i) => expect(Math.abs(v - (bare[i]! + heat[i]!) / 2)).toBeLessThanOrEqual(2));
  await expect(compare.cam('cifar10-resnet56')).toHaveAttribute('data-opacity', '1');
  await compare.page.getByTestId('cam-colormap').selectOption('viridis');
  await expect(compare.cam('cifar10-resnet56')).toHaveAttribute('data-colormap', 'viridis');
  expect(await compare.camPixel('cifar10-resnet20', 1, cx * 14 + 7, cy * 14 + 7)).not.toEqual(heat);
  await compare.setCamOpacity(0.5);
  await compare.page.getByTestId('cam-colormap').selectOption('jet');
  await compare.pickCamClass('dog');
  for (const id of ['cifar10-resnet20', 'cifar10-resnet56']) {
    await expect(compare.cam(id)).toHaveAttribute('data-class', 'dog');
  }
  const logits = await Promise.all(
    ['cifar10-resnet20', 'cifar10-resnet56'].map(async (id) =>
      Number(await compare.cam(id).getAttribute('data-logit')),
    ),
  );
  expect(logits.every(Number.isFinite)).toBe(true);
  expect(logits[0]).not.toBe(logits[1]);
  // Over the three images: top-1 agreement as PyTorch's predictions say, CKA per stage pair in [0, 1].
  const cka = await compare.runCka();
  const agreed = files.filter(
    (_, i) => torchTop1('resnet20-12fca82f.th', i) === torchTop1('resnet56-4bfd9763.th', i),
  ).length;
  await expect(compare.ckaAgreement).toHaveText(`Top-1 agreement: ${agreed} of 3 images`);
  expect(cka).toHaveLength(3);
  for (const row of cka) {
    expect(row).toHaveLength(3);
    for (const v of row) expect(v >= 0 && v <= 1 + 1e-9).toBe(true);
  }
});

test('architecture diff of untrained resnet34 vs resnet50: BasicBlock vs Bottleneck; CIFAR vs ImageNet refused per image', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const compare = new ComparePage(app);
  await lens.waitForModel();
  await compare.openWith('arch-resnet34', 'arch-resnet50');
  expect(await compare.diffRow('blockType')).toEqual({ values: ['BasicBlock', 'Bottleneck'], differs: true });
  expect(await compare.diffRow('layers')).toEqual({
    values: ['[3, 4, 6, 3]', '[3, 4, 6, 3]'],
    differs: false,
  });
  expect((await compare.diffRow('layer4.width')).values).toEqual(['512', '2048']);
  expect((await compare.diffRow('params')).values).toEqual(['21.80M', '25.56M']);
  // A CIFAR-10 model against an ImageNet one: no per-image verdict, the diff still renders.
  await compare.pick('A', 'cifar10-resnet20');
  await expect(compare.conflict).toContainText('cifar10 vs imagenet');
  expect((await compare.diffRow('layer4.width')).values).toEqual(['—', '2048']);
});

test('over a set: agreement and accuracy equal PyTorch’s predictions; a disagreement opens in the per-image view; cancel keeps a consistent prefix', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const lens = new LensPage(app);
  const compare = new ComparePage(app);
  await lens.waitForModel();
  await compare.openWith('cifar10-resnet20', 'cifar10-resnet32');
  // The 20 fixture PNGs: the file name carries the true class (test0015_ship.png).
  const dir = cifarPngDir;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  expect(files).toHaveLength(20);
  await lens.dropFiles(files.map((f) => join(dir, f)));
  await compare.top5('cifar10-resnet20');
  await compare.runSetOverGallery();
  const g = torchSet(R20, R32, 20);
  expect(g.disagree.length).toBeGreaterThan(0); // else this test could not see a disagreement
  await expect(compare.setAgreement).toHaveAttribute('data-agreed', String(g.agreed));
  await expect(compare.setAgreement).toHaveAttribute('data-count', '20');
  expect(await compare.setAccuracy('cifar10-resnet20')).toEqual({ correct: g.correctA, labelled: 20 });
  expect(await compare.setAccuracy('cifar10-resnet32')).toEqual({ correct: g.correctB, labelled: 20 });
  expect(await compare.disagreements()).toEqual(g.disagree);
  // A click selects that image for the per-image view: each model's top-1 is PyTorch's there.
  const first = g.disagree[0]!;
  await compare.disagreement(first).click();
  await expect
    .poll(async () => (await compare.top5('cifar10-resnet32'))[0], { timeout: 60_000 })
    .toBe(torchTop1(R32, first));
  expect((await compare.top5('cifar10-resnet20'))[0]).toBe(torchTop1(R20, first));
  await expect(compare.agreement).toHaveAttribute('data-agree', 'false');
  await compare.runCka();

  // A CIFAR-10 batch (the first 300 records of the official test batch), ResNet-20 vs ResNet-56.
  await compare.pick('B', 'cifar10-resnet56');
  const n = 300;
  await compare.startSetOverBatch('test_batch.bin', batchBytes.subarray(0, n * 3073));
  await expect(compare.setAgreement).toHaveAttribute('data-count', String(n), { timeout: 120_000 });
  const b = torchSet(R20, R56, n);
  await expect(compare.setAgreement).toHaveAttribute('data-agreed', String(b.agreed));
  expect(await compare.setAccuracy('cifar10-resnet20')).toEqual({ correct: b.correctA, labelled: n });
  expect(await compare.setAccuracy('cifar10-resnet56')).toEqual({ correct: b.correctB, labelled: n });
  expect(await compare.disagreements()).toEqual(b.disagree.slice(0, 60));
  // Clicking a CIFAR record adds it to the gallery and selects it.
  const record = b.disagree[0]!;
  await compare.disagreement(record).click();
  await expect
    .poll(async () => (await compare.top5('cifar10-resnet56'))[0], { timeout: 60_000 })
    .toBe(torchTop1(R56, record));
  expect((await compare.top5('cifar10-resnet20'))[0]).toBe(torchTop1(R20, record));
  await app.getByTestId('cam-column').first().getByTestId('compare-cam').waitFor();
  await compare.runCka(); // everything the view has, for the screenshots
  await compare.openChannel('cifar10-resnet20', 5); // both models' channel 5, large
  await expect(compare.zoom('cifar10-resnet56')).toHaveAttribute('data-channel', '5');
  await shoot(app, 'light');
  await app.getByLabel('Theme').selectOption('dark');
  await shoot(app, 'dark');

  // All 1,000 records, cancelled once under way: the numbers cover a prefix and match PyTorch's on it.
  await compare.startSetOverBatch('test_batch.bin', batchBytes);
  const progress = app.getByTestId('set-progress');
  await expect(progress).toHaveAttribute('value', /^[1-9]/);
  await compare.setPanel.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByText(/^Cancelled: the numbers cover the first \d+ images/)).toBeVisible({
    timeout: 60_000,
  });
  const count = Number(await compare.setAgreement.getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(1000);
  const c = torchSet(R20, R56, count);
  await expect(compare.setAgreement).toHaveAttribute('data-agreed', String(c.agreed));
  expect(await compare.setAccuracy('cifar10-resnet56')).toEqual({ correct: c.correctB, labelled: count });
});

/** The whole compare view at 1280 px wide: the viewport grows to the view's height for the picture. */
async function shoot(app: Page, theme: 'light' | 'dark'): Promise<void> {
  const view = app.getByTestId('compare-view');
  const height = await view.evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await app.setViewportSize({ width: 1280, height: Math.ceil(height) + 8 });
  await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `compare-${theme}.png`) });
  await app.setViewportSize({ width: 1280, height: 800 });
}
