import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { LensPage } from './pages/lens-page';
import { cifarReference, referenceCam, resnet20Head, WhyPage } from './pages/why-page';
import { cifarClasses, cifarPng, fixturesDir } from './reference-data';

const cat = cifarPng('test0008_cat.png');

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

test("the GAP -> fc identity holds on PyTorch's own layer3 output: mean(CAM_c) + b_c = logit_c", () => {
  // PyTorch's layer3 for the fixtures' deterministic input, and the logits PyTorch computed from it.
  const layer3 = new Float32Array(
    readFileSync(join(fixturesDir, 'torch', 'reference', 'cifar-resnet20.layer3.f32')).buffer.slice(0),
  );
  const ref = JSON.parse(
    readFileSync(join(fixturesDir, 'torch', 'reference', 'cifar-resnet20.json'), 'utf8'),
  ) as {
    logits: number[][];
    stages: Record<string, { shape: number[] }>;
  };
  const dims = ref.stages['layer3']!.shape;
  expect(dims).toEqual([1, 64, 8, 8]);
  expect(layer3.length).toBe(64 * 8 * 8);
  const { weight, bias } = resnet20Head();
  for (let c = 0; c < 10; c++) {
    const cam = referenceCam(layer3, dims, weight, c);
    const mean = cam.reduce((s, v) => s + v, 0) / cam.length;
    expect(Math.abs(mean + bias[c]! - ref.logits[0]![c]!)).toBeLessThan(1e-4);
  }
});

test('the CAM shown for a CIFAR image equals the one computed in Node from the same image', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const why = new WhyPage(app);
  await lens.waitForModel();
  await lens.dropFiles([cat]);
  await why.open();
  const ref = await cifarReference(cat);
  const top = ref.logits.indexOf(Math.max(...ref.logits));

  const shown = await why.shownCam();
  expect(shown).toMatchObject({ cls: top, stage: 'layer3', shape: [8, 8] });
  expect(cifarClasses[top]).toBe('cat');
  expect(maxAbsDiff(shown.values, referenceCam(ref.layer3, ref.dims, ref.weight, top))).toBeLessThan(1e-4);
  expect(Math.abs(shown.logit - ref.logits[top]!)).toBeLessThan(1e-4);

  // the ten channels behind the class, ranked by w[c,k] * mean(A_k) as computed here
  const means = Array.from(
    { length: 64 },
    (_, k) => ref.layer3.subarray(k * 64, (k + 1) * 64).reduce((s, v) => s + v, 0) / 64,
  );
  const expected = means
    .map((m, k) => ({ channel: k, contribution: ref.weight[top * 64 + k]! * m }))
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 10);
  const channels = await why.shownChannels();
  expect(channels.map((c) => c.channel)).toEqual(expected.map((c) => c.channel));
  expect(
    maxAbsDiff(
      channels.map((c) => c.contribution),
      expected.map((c) => c.contribution),
    ),
  ).toBeLessThan(1e-4);

  // any class: the map for "dog" follows the search box
  const dog = cifarClasses.indexOf('dog');
  await why.pickClass('dog');
  await expect(why.cam).toHaveAttribute('data-class', String(dog));
  const dogMap = await why.shownCam();
  expect(maxAbsDiff(dogMap.values, referenceCam(ref.layer3, ref.dims, ref.weight, dog))).toBeLessThan(1e-4);
});

test('the CAM follows the shared input size (64×64 gives a 16×16 map) and a channel click asks Inspect to show it', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const why = new WhyPage(app);
  await lens.waitForModel();
  await lens.dropFiles([cat]);
  // set the size in the Architecture view: the Why view must use it too
  await app.getByRole('tab', { name: 'Architecture' }).click();
  await app.getByTestId('architecture-view').getByLabel('Input size').selectOption({ label: '64×64' });
  await why.open();
  await expect(why.cam).toHaveAttribute('data-cam-shape', '16,16');
  const ref = await cifarReference(cat, { kind: 'custom', height: 64, width: 64 });
  expect(ref.dims).toEqual([1, 64, 16, 16]);
  const shown = await why.shownCam();
  expect(maxAbsDiff(shown.values, referenceCam(ref.layer3, ref.dims, ref.weight, shown.cls))).toBeLessThan(
    1e-4,
  );

  await app.evaluate(() => {
    const w = window as unknown as { shown: unknown[] };
    w.shown = [];
    window.addEventListener('lens:show-channel', (e) => w.shown.push((e as CustomEvent).detail));
  });
  const first = (await why.shownChannels())[0]!;
  await why.channels.first().locator('button').click();
  expect(await app.evaluate(() => (window as unknown as { shown: unknown[] }).shown)).toEqual([
    { output: 'layer3', channel: first.channel },
  ]);
});

test('screenshots of the Why view, light and dark', async ({ app }) => {
  const lens = new LensPage(app);
  const why = new WhyPage(app);
  await lens.waitForModel();
  await lens.dropFiles([cat, cifarPng('test0003_airplane.png')]);
  await app.getByRole('button', { name: 'test0008_cat.png' }).click();
  await why.open();
  await why.shownCam();
  for (const theme of ['light', 'dark'] as const) {
    await app.getByLabel('Theme').selectOption(theme);
    await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `why-${theme}.png`) });
  }
});
