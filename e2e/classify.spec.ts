import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { LensPage } from './pages/lens-page';
import { cifarPng, torchTop1 } from './reference-data';

test('dropping a CIFAR-10 test image shows the class PyTorch predicts (ResNet-20)', async ({ app }) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  await expect(lens.modelStatus).toContainText('cifar_resnet20');
  await lens.dropFiles([cifarPng('test0008_cat.png')]);
  const top = await lens.predictions();
  expect(top).toHaveLength(5);
  expect(top[0]!.label).toBe(torchTop1('resnet20-12fca82f.th', 8));
  expect(top[0]!.probability).toBeGreaterThan(top[1]!.probability);
  const total = top.reduce((s, p) => s + p.probability, 0);
  expect(total).toBeLessThanOrEqual(1.000001);
  await expect(lens.verdict).toHaveText('✓ correct');
});

test('a wrong prediction is shown as wrong, and matches PyTorch (ResNet-32 on test image 15)', async ({
  app,
}) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  await lens.selectModel('ResNet-32 (CIFAR-10)');
  await lens.dropFiles([cifarPng('test0015_ship.png')]);
  const top = await lens.predictions();
  expect(top[0]!.label).toBe(torchTop1('resnet32-d509ac18.th', 15));
  expect(top[0]!.label).not.toBe('ship');
  await expect(lens.verdict).toContainText('true class: ship');
});

test('a corrupt image in a drop gets an inline error and the other images still land', async ({
  app,
}, testInfo) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  // A real PNG cut after 100 bytes: the signature and header are valid, the pixel data is gone.
  const broken = testInfo.outputPath('broken.png');
  writeFileSync(broken, readFileSync(cifarPng('test0000_cat.png')).subarray(0, 100));
  await lens.dropFiles([broken, cifarPng('test0003_airplane.png')]);
  await expect(lens.dropErrors).toHaveCount(1);
  await expect(lens.dropErrors.first()).toContainText('broken.png is not an image');
  const top = await lens.predictions();
  expect(top[0]!.label).toBe(torchTop1('resnet20-12fca82f.th', 3));
});
