import { join } from 'node:path';
import { archSpecFromName, buildModel, printModel, summarize } from '../electron/resnet/arch';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { ArchitecturePage } from './pages/architecture-page';
import { LensPage } from './pages/lens-page';

const resnet20 = () => buildModel(archSpecFromName('cifar_resnet20'));

test('print(model) of the bundled ResNet-20 is the core printModel text, verbatim', async ({ app }) => {
  const lens = new LensPage(app);
  const arch = new ArchitecturePage(app);
  await lens.waitForModel();
  await arch.open();
  expect(await arch.printText.textContent()).toBe(printModel(resnet20()));
});

test('the summary follows the input size: layer3 is 64×8×8 at 32×32 and 64×16×16 at 64×64', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const arch = new ArchitecturePage(app);
  await lens.waitForModel();
  await arch.open();
  expect(await arch.shapeOf('layer3')).toEqual([1, 64, 8, 8]);
  await expect(arch.row('layer3').locator('td.shape')).toHaveText('[1, 64, 8, 8]');
  const at32 = summarize(resnet20(), [1, 3, 32, 32]);
  const totals = arch.view.getByTestId('summary-totals');
  await expect(totals.locator('dd').first()).toHaveAttribute('data-value', String(at32.totalParams));
  await expect(totals.locator('dd').nth(1)).toHaveAttribute('data-value', String(at32.totalMacs));
  await expect(arch.reason('layer2.0')).toContainText('stride 2 halves 32×32 to 16×16; channels 16 → 32');
  await expect(arch.reason('layer2.0')).toContainText('zero-padded with 8 channels on each side (option A');
  await expect(arch.reason('layer3.0')).toContainText('stride 2 halves 16×16 to 8×8; channels 32 → 64');
  await expect(arch.table.locator('tr.reason')).toHaveCount(2);

  await arch.chooseInputSize('64×64');
  await expect(arch.row('layer3')).toHaveAttribute('data-shape', '1,64,16,16');
  await expect(arch.view.getByTestId('arch-input')).toHaveText('[1, 3, 64, 64]');
  await expect(arch.reason('layer2.0')).toContainText('stride 2 halves 64×64 to 32×32');
  const at64 = summarize(resnet20(), [1, 3, 64, 64]);
  await expect(totals.locator('dd').nth(1)).toHaveAttribute('data-value', String(at64.totalMacs));
  // every row's shape is the core's for 64×64
  const shown = await arch.table
    .locator('tr[data-path]')
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-path'), r.getAttribute('data-shape')]));
  const expected = new Map(at64.rows.map((r) => [r.path, r.outputShape.join(',')]));
  expect(shown.length).toBeGreaterThan(5);
  for (const [path, shape] of shown) expect(shape).toBe(expected.get(path!));

  await arch.chooseCustomSize(40, 24);
  await expect(arch.row('layer3')).toHaveAttribute('data-shape', '1,64,10,6');
  await arch.chooseInputSize('Standard (32×32)');
  await expect(arch.row('layer3')).toHaveAttribute('data-shape', '1,64,8,8');
});

test('rows collapse and expand by container and by depth', async ({ app }) => {
  const lens = new LensPage(app);
  const arch = new ArchitecturePage(app);
  await lens.waitForModel();
  await arch.open();
  await expect(arch.row('layer1.0')).toBeVisible();
  await expect(arch.row('layer1.0.conv1')).toHaveCount(0);
  await arch.toggle('layer1');
  await expect(arch.row('layer1.0')).toHaveCount(0);
  await arch.view.getByRole('group', { name: 'Depth' }).getByRole('button', { name: 'All' }).click();
  await expect(arch.row('layer1.0.conv1')).toBeVisible();
  await expect(arch.row('layer3.0.shortcut')).toContainText('downsample');
  await arch.view.getByRole('group', { name: 'Depth' }).getByRole('button', { name: '1' }).click();
  await expect(arch.table.locator('tr[data-path]')).toHaveCount(7);
});

test('screenshots of the Architecture view, light and dark', async ({ app }) => {
  const lens = new LensPage(app);
  const arch = new ArchitecturePage(app);
  await lens.waitForModel();
  await arch.open();
  await expect(arch.reason('layer3.0')).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await app.getByLabel('Theme').selectOption(theme);
    await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `architecture-${theme}.png`) });
  }
});
