import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { PNG } from 'pngjs';
import { archSpecFromName, buildModel } from '../electron/resnet/arch';
import { readCheckpoint } from '../electron/resnet/formats';
import { emitOnnx } from '../electron/resnet/onnx';
import { IMAGENET_NORMALIZATION, preprocess } from '../electron/resnet/preprocess';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { InferencePage } from './pages/inference-page';
import { InspectPage } from './pages/inspect-page';
import { cifarPng } from './reference-data';

const CAT = cifarPng('test0000_cat.png');
const SHIP = cifarPng('test0001_ship.png');

type Activation = { dims: number[]; data: Float32Array };

/**
 * The reference: the bundled ResNet-20 checkpoint built and emitted by the core exactly as the main
 * process does it (readCheckpoint -> buildModel -> emitOnnx with every output), run by onnxruntime-node
 * on the tensor torchvision's CIFAR transform makes of the PNG (decoded by pngjs, not by the browser).
 */
async function referenceOutputs(
  png: string,
  names: string[],
  size: number | null = null,
): Promise<Record<string, Activation>> {
  const file = 'resnet20-12fca82f.th';
  const bytes = new Uint8Array(readFileSync(join(repoRoot, 'resources', 'models', file)));
  const root = buildModel(archSpecFromName('cifar_resnet20'));
  const { bytes: onnx } = emitOnnx(root, readCheckpoint(bytes, file).stateDict, { outputs: 'all' });
  const decoded = PNG.sync.read(readFileSync(png));
  const x = preprocess(
    { width: decoded.width, height: decoded.height, data: decoded.data },
    size ? { kind: 'custom', height: size, width: size } : { kind: 'cifar' },
    IMAGENET_NORMALIZATION,
  );
  const session = await ort.InferenceSession.create(onnx);
  const out = await session.run({ input: new ort.Tensor('float32', x.tensor, x.shape) }, names);
  await session.release();
  return Object.fromEntries(
    names.map((n) => [n, { dims: [...out[n]!.dims], data: out[n]!.data as Float32Array }]),
  );
}

const channelSize = (a: Activation) => a.dims[2]! * a.dims[3]!;
const channelValues = (a: Activation, c: number) =>
  a.data.subarray(c * channelSize(a), (c + 1) * channelSize(a));
const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, v) => s + v, 0) / xs.length;
const maxOf = (xs: ArrayLike<number>) => Math.max(...Array.from(xs));
const deadOf = (a: Activation) =>
  Array.from({ length: a.dims[1]! }, (_, c) => c).filter((c) => channelValues(a, c).every((v) => v === 0));
const relClose = (got: number, want: number, rel = 1e-4) =>
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(want), 1e-6));

test('the navigator mirrors ResNet-20 and the grid shows every channel of the chosen output', async ({
  app,
}) => {
  const inference = await InferencePage.open(app); // test mode: the worker's sessions can be read
  const lens = new InspectPage(app);
  await lens.waitForModel();
  // Classification and stages run on a lean session (block outputs only, so onnxruntime still fuses
  // Conv+BN+ReLU inside the blocks); the modules inside a block come from a second session, loaded on need.
  const main = await inference.sessionInfo(0, 'main');
  expect(main?.outputNames).toContain('layer2.0');
  expect(main?.outputNames).not.toContain('layer2.0.conv1');
  await expect(lens.stageRow('layer2')).toContainText('32×16×16');
  await expect(lens.stageRow('layer3')).toContainText('64×8×8');
  await expect(lens.stageRow('layer2.0').getByTestId('downsample-badge')).toHaveText('shortcut A');
  await expect(lens.stageRow('layer2.1').getByTestId('downsample-badge')).toHaveCount(0);
  await lens.dropFiles([CAT]);
  await expect(app.getByTestId('model-input')).toHaveAttribute('data-dims', '1,3,32,32');
  await expect(app.getByTestId('model-input')).toContainText('3×32×32');

  await lens.selectStage('layer2');
  await expect(lens.stageShape).toHaveText('32 channels · 16×16');
  expect(await lens.channelCount()).toBe(32);
  await expect(lens.tiles).toHaveCount(32);
  await expect(lens.tiles.first()).toHaveAttribute('data-size', '16×16');

  await lens.selectStage('layer3');
  await expect(lens.stageShape).toHaveText('64 channels · 8×8');
  expect(await lens.channelCount()).toBe(64);
  // The grid is virtual: the last channel exists once scrolled to.
  await lens.grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(lens.grid.locator('[data-channel="63"]')).toBeVisible();

  expect(await inference.sessionInfo(0, 'main:detail')).toBeNull();
  await lens.selectStage('layer2.0.conv1');
  await expect(lens.stageShape).toHaveText('32 channels · 16×16');
  expect((await inference.sessionInfo(0, 'main:detail'))?.outputNames).toContain('layer2.0.conv1');
  await expect(lens.stageRow('layer2.0.conv1')).toContainText('32×16×16');

  // Keyboard: Down moves to the next module of the block and shows it.
  await lens.navigator.focus();
  await app.keyboard.press('ArrowDown');
  await lens.waitForStage('layer2.0.bn1');
  await expect(lens.stageRow('layer2.0.bn1')).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('ArrowUp');
  await lens.waitForStage('layer2.0.conv1');
});

test('the values are real: statistics, order and the value under the cursor match onnxruntime-node', async ({
  app,
}) => {
  const ref = (await referenceOutputs(CAT, ['layer3']))['layer3']!;
  const lens = new InspectPage(app);
  await lens.waitForModel();
  await lens.dropFiles([CAT]);
  await lens.selectStage('layer3');
  relClose(await lens.stageStat('mean'), mean(ref.data));
  relClose(await lens.stageStat('max'), maxOf(ref.data));
  expect(await lens.stageStat('count')).toBe(ref.data.length);

  // Sort by max: the grid's order is the reference's channels by descending max.
  expect((await lens.tileOrder()).slice(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  await lens.sortBy('max');
  const byMax = Array.from({ length: 64 }, (_, c) => c).sort(
    (a, b) => maxOf(channelValues(ref, b)) - maxOf(channelValues(ref, a)) || a - b,
  );
  await expect.poll(async () => (await lens.tileOrder()).slice(0, 16)).toEqual(byMax.slice(0, 16));

  // Open the strongest channel and point at cell (x 5, y 2) of its 8 x 8 map.
  const c = byMax[0]!;
  await lens.grid.locator(`[data-channel="${c}"]`).click();
  await expect(lens.zoom).toHaveAttribute('data-channel', String(c));
  const box = (await app.getByTestId('zoom-canvas').boundingBox())!;
  await app.mouse.move(box.x + (5.5 / 8) * box.width, box.y + (2.5 / 8) * box.height);
  await expect(lens.readout).toHaveAttribute('data-x', '5');
  await expect(lens.readout).toHaveAttribute('data-y', '2');
  const want = channelValues(ref, c)[2 * 8 + 5]!;
  relClose(Number(await lens.readout.getAttribute('data-value')), want);
  await expect(lens.readout).toContainText('x 5, y 2:');
});

test('the input size chosen in the toolbar changes every shape, and stages use that same tensor', async ({
  app,
}) => {
  const ref = (await referenceOutputs(CAT, ['layer3'], 64))['layer3']!;
  expect(ref.dims).toEqual([1, 64, 16, 16]);
  const lens = new InspectPage(app);
  await lens.waitForModel();
  await lens.dropFiles([CAT]);
  await app.getByTestId('input-size').selectOption('64x64');
  await expect(app.getByTestId('model-input')).toHaveAttribute('data-dims', '1,3,64,64');
  await expect(lens.stageRow('layer1')).toContainText('16×64×64');
  await expect(lens.stageRow('layer3')).toContainText('64×16×16');
  await lens.selectStage('layer3');
  await expect(lens.stageShape).toHaveText('64 channels · 16×16');
  relClose(await lens.stageStat('mean'), mean(ref.data));
  relClose(await lens.stageStat('max'), maxOf(ref.data));
});

test("the Why view's channels open here, large and over the input", async ({ app }) => {
  const lens = new InspectPage(app);
  await lens.waitForModel();
  await lens.dropFiles([CAT]);
  await app.locator('[role="tab"][data-view="why"]').click();
  const first = app.getByTestId('top-channels').locator('li').first();
  const channel = await first.getAttribute('data-channel');
  await first.locator('button').click();
  await expect(app.locator('[role="tab"][data-view="inspect"]')).toHaveAttribute('aria-selected', 'true');
  await lens.waitForStage('layer3');
  await expect(lens.zoom).toHaveAttribute('data-channel', channel!);
  await expect(app.getByTestId('overlay-source')).toHaveValue(`c${channel}`);
});

test('dead channels: zero in every image seen, consistent with the statistics', async ({ app }) => {
  const stage = 'layer3.2.relu';
  const cat = (await referenceOutputs(CAT, [stage]))[stage]!;
  const ship = (await referenceOutputs(SHIP, [stage]))[stage]!;
  const deadCat = deadOf(cat);
  const deadBoth = deadCat.filter((c) => deadOf(ship).includes(c));
  expect(
    deadBoth.length,
    'the second image must revive a channel for this test to mean anything',
  ).toBeLessThan(deadCat.length);

  const lens = new InspectPage(app);
  await lens.waitForModel();
  await lens.dropFiles([CAT, SHIP]);
  await lens.selectStage(stage);
  await expect.poll(() => lens.deadList()).toEqual(deadCat);
  for (const c of deadCat) {
    await expect(lens.grid.locator(`[data-channel="${c}"]`)).toHaveAttribute('data-zero', '1');
    await expect(lens.grid.locator(`[data-channel="${c}"]`)).toHaveClass(/dead/);
  }
  // Every channel the list leaves out has a non-zero value (% zero < 100).
  const zeros = await lens.tiles.evaluateAll((els) =>
    els.map((e) => [Number(e.getAttribute('data-channel')), Number(e.getAttribute('data-zero'))]),
  );
  for (const [c, z] of zeros) expect(z === 1, `channel ${c}`).toBe(deadCat.includes(c!));

  await app.getByTestId('dead-scan').click();
  await expect.poll(() => lens.deadList()).toEqual(deadBoth);
  await expect(app.getByTestId('dead-channels')).toHaveAttribute('data-seen', '2');
  await lens.deadChannels.first().click();
  await expect(lens.zoom).toHaveAttribute('data-channel', String(deadBoth[0]));
  await expect(app.getByTestId('zoom-zero')).toHaveText('100.0%');

  // The option-A shortcut's zero-padded channels are dead by construction: 8 on each side of 16.
  await lens.selectStage('layer2.0.shortcut');
  await expect.poll(() => lens.deadList()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 24, 25, 26, 27, 28, 29, 30, 31]);
});

test('screenshots of the Inspect view in light and dark, and its Korean strings', async ({ app }) => {
  const lens = new InspectPage(app);
  await lens.waitForModel();
  await lens.dropFiles([CAT, SHIP, cifarPng('test0003_airplane.png'), cifarPng('test0004_frog.png')]);
  await lens.selectStage('layer2');
  await lens.grid.locator('[data-channel="3"]').hover();
  await expect(app.getByTestId('hover-stats')).toContainText('channel 3');
  // A channel opened large, laid over the input, with the pointer on it.
  await lens.grid.locator('[data-channel="6"]').click();
  await app.getByRole('button', { name: 'Overlay on the input' }).click();
  await expect(app.getByTestId('overlay-source')).toHaveValue('c6');
  const box = (await app.getByTestId('zoom-canvas').boundingBox())!;
  await app.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.92);
  await expect(lens.readout).toHaveAttribute('data-x', '1');
  await expect(lens.readout).toHaveAttribute('data-y', '14');
  for (const theme of ['light', 'dark'] as const) {
    await app.getByLabel('Theme').selectOption(theme);
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `inspect-${theme}.png`) });
  }
  await app.getByLabel('Language').selectOption('ko');
  await expect(lens.stageShape).toHaveText('채널 32개 · 16×16');
  await expect(app.getByRole('tree')).toHaveAccessibleName('단계');
  await expect(app.getByTestId('dead-channels')).toContainText('죽은 채널');
  // Committed so the Korean UI can be seen (it needs a CJK font, e.g. fonts-noto-cjk, to render here).
  await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'inspect-ko.png') });
});
