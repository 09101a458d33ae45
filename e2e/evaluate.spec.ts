import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EvaluatePage } from './pages/evaluate-page';
import { LensPage } from './pages/lens-page';
import { cifarPng, cifarTestBatchPath, torchPredictions, type TorchModelPredictions } from './reference-data';

const models = [
  { name: 'ResNet-20 (CIFAR-10)', file: 'resnet20-12fca82f.th', accuracy: 0.915 },
  { name: 'ResNet-56 (CIFAR-10)', file: 'resnet56-4bfd9763.th', accuracy: 0.926 },
];

const CIFAR10 = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

async function openEvaluate(app: Page, model: string): Promise<EvaluatePage> {
  const lens = new LensPage(app);
  await lens.waitForModel();
  if (model !== 'ResNet-20 (CIFAR-10)') await lens.selectModel(model);
  const evaluate = new EvaluatePage(app);
  await evaluate.open();
  return evaluate;
}

for (const m of models) {
  test(`${m.name} on the first 1,000 CIFAR-10 test images agrees with PyTorch image by image`, async ({
    app,
  }) => {
    test.setTimeout(300_000); // 1,000 images on WASM, on a machine other test runs share
    const evaluate = await openEvaluate(app, m.name);
    await evaluate.dropFiles([cifarTestBatchPath]);
    expect(await evaluate.finished()).toBe('done');
    const ref = torchPredictions.models[m.file]!;
    expect(ref.accuracy).toBe(m.accuracy);
    await expect(app.getByTestId('eval-accuracy')).toHaveText(`${(100 * m.accuracy).toFixed(2)} %`);
    expect(await evaluate.totalsData()).toEqual({ count: 1000, correct: ref.correct, accuracy: m.accuracy });

    const doc = await evaluate.exportJson();
    expect(doc.complete).toBe(true);
    expect(doc.model.name).toBe(m.name);
    expect(doc.predictions.map((p) => p.label)).toEqual(torchPredictions.labels);
    expect(doc.predictions.map((p) => p.predicted)).toEqual(ref.predictions);
    expect(doc.predictions[15]!.image).toBe('test-first1000.bin#15');
    // Per-class counts and the confusion matrix follow from the predictions.
    const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    torchPredictions.labels.forEach((l, i) => confusion[l]![ref.predictions[i]!]!++);
    expect(doc.confusion).toEqual(confusion);
    expect(doc.perClass.map((c) => c.correct)).toEqual(confusion.map((row, i) => row[i]));
    expect(doc.top5Accuracy).toBeGreaterThan(doc.accuracy);
    expect(doc.imagesPerSecond).toBeGreaterThan(0);
    console.log(
      `${m.name}: ${doc.imagesPerSecond.toFixed(0)} images/s (preprocessing ${doc.timing.preprocessMs.toFixed(0)} ms, inference ${doc.timing.inferenceMs.toFixed(0)} ms, wall ${doc.timing.wallMs.toFixed(0)} ms)`,
    );

    // The heatmap and the misclassified gallery show the same numbers.
    const wrong = 1000 - ref.correct;
    await expect(app.getByTestId('misclassified').locator('..').locator('h3')).toContainText(`(${wrong})`);
    const dogAsCat = app.locator('.confusion .cell[data-true="5"][data-predicted="3"]');
    await expect(dogAsCat).toHaveAttribute('data-count', String(confusion[5]![3]));
    await dogAsCat.click();
    await expect(evaluate.misclassified).toHaveCount(confusion[5]![3]!);
    const csv = await evaluate.exportCsv();
    expect(csv.text.trim().split('\r\n')).toHaveLength(1001);
    expect(csv.name).toMatch(/\.csv$/);
    await app.getByTestId('clear-filter').click();
    await expect(evaluate.misclassified.first()).toBeVisible();
    if (m.file === 'resnet20-12fca82f.th') await opensInInspector(app, evaluate, ref);
  });
}

/** Clicking the first misclassified image adds it to the gallery, named with its true class, and asks for Inspect. */
async function opensInInspector(
  app: Page,
  evaluate: EvaluatePage,
  ref: TorchModelPredictions,
): Promise<void> {
  const firstWrong = ref.predictions.findIndex((p, i) => p !== torchPredictions.labels[i]);
  const shown = app.evaluate(
    () =>
      new Promise<string>((resolve) =>
        window.addEventListener('lens:show-view', (e) => resolve(String((e as CustomEvent).detail)), {
          once: true,
        }),
      ),
  );
  const first = evaluate.misclassified.first();
  await expect(first).toHaveAttribute('data-item', String(firstWrong));
  await first.click();
  expect(await shown).toBe('inspect');
  // Until the shell switches views on that event, go there by the tab (harmless once it does).
  await app.locator('[role=tab][data-view="inspect"]').click();
  const truth = CIFAR10[torchPredictions.labels[firstWrong]!]!;
  const name = `test${String(firstWrong).padStart(4, '0')}_${truth}.png`;
  await expect(app.getByRole('img', { name })).toBeVisible();
  await expect(new LensPage(app).verdict).toContainText(`true class: ${truth}`);
}

test('a folder per class, opened as a directory, gives the right counts and names the folders it cannot match', async ({
  app,
}, testInfo) => {
  // set/<class>/<image>.png from the fixture PNGs (the first 20 test images), plus a folder matching no label.
  const root = testInfo.outputPath('set');
  const names = ['test0000_cat.png', 'test0001_ship.png', 'test0002_ship.png', 'test0003_airplane.png'];
  const more = ['test0004_frog.png', 'test0008_cat.png', 'test0015_ship.png', 'test0012_dog.png'];
  for (const n of [...names, ...more]) {
    const cls = n.replace(/^test\d+_|\.png$/g, '');
    mkdirSync(join(root, cls), { recursive: true });
    copyFileSync(cifarPng(n), join(root, cls, n));
  }
  mkdirSync(join(root, 'spaceship'), { recursive: true });
  copyFileSync(cifarPng('test0005_frog.png'), join(root, 'spaceship', 'x.png'));
  writeFileSync(join(root, 'ship', 'README.txt'), 'not an image');

  const evaluate = await openEvaluate(app, 'ResNet-20 (CIFAR-10)');
  await evaluate.openFolder(root);
  expect(await evaluate.finished()).toBe('done');
  await expect(evaluate.unmatched).toContainText('spaceship (1)');
  const items = [0, 1, 2, 3, 4, 8, 15, 12];
  const ref = torchPredictions.models['resnet20-12fca82f.th']!;
  const correct = items.filter((i) => ref.predictions[i] === torchPredictions.labels[i]).length;
  expect(await evaluate.totalsData()).toMatchObject({ count: 8, correct });
  const rows = await evaluate.perClassRows.evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-class'), Number(tr.getAttribute('data-count'))]),
  );
  expect(rows).toEqual([
    ['airplane', 1],
    ['cat', 2],
    ['dog', 1],
    ['frog', 1],
    ['ship', 3],
  ]);
  const doc = await evaluate.exportJson();
  for (const p of doc.predictions) {
    const index = Number(/test(\d+)_/.exec(p.image)![1]);
    expect(p.predicted, p.image).toBe(ref.predictions[index]);
  }
});

test('cancelling mid-run stops and keeps the partial results', async ({ app }) => {
  test.setTimeout(180_000);
  const evaluate = await openEvaluate(app, 'ResNet-56 (CIFAR-10)');
  await evaluate.dropFiles([cifarTestBatchPath]);
  await expect.poll(() => evaluate.done(), { timeout: 60_000 }).toBeGreaterThanOrEqual(64);
  await app.getByRole('button', { name: 'Cancel' }).click();
  expect(await evaluate.finished()).toBe('cancelled');
  const { count, correct } = await evaluate.totalsData();
  expect(count).toBeGreaterThanOrEqual(64);
  expect(count).toBeLessThan(1000);
  expect(count % 64).toBe(0);
  await expect(evaluate.cancelled).toContainText(`Cancelled after ${count} of 1000 images`);
  const doc = await evaluate.exportJson();
  expect(doc.complete).toBe(false);
  const ref = torchPredictions.models['resnet56-4bfd9763.th']!;
  expect(doc.predictions.map((p) => p.predicted)).toEqual(ref.predictions.slice(0, count));
  expect(correct).toBe(doc.predictions.filter((p) => p.correct).length);
});

test('a batch file of the wrong length is refused with a clear message', async ({ app }, testInfo) => {
  const bad = testInfo.outputPath('test_batch.bin');
  writeFileSync(bad, readFileSync(cifarTestBatchPath).subarray(0, 3073 * 3 + 100));
  const evaluate = await openEvaluate(app, 'ResNet-20 (CIFAR-10)');
  await evaluate.dropFiles([bad]);
  expect(await evaluate.finished()).toBe('failed');
  await expect(evaluate.error).toContainText(
    'test_batch.bin is not a CIFAR-10 binary batch: 9319 bytes is not a multiple of 3073',
  );
  await expect(evaluate.error).toContainText('100 bytes left over after 3 records');
  await expect(evaluate.totals).toHaveCount(0);
});
