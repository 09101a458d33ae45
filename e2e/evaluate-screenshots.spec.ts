import { join } from 'node:path';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { EvaluatePage } from './pages/evaluate-page';
import { LensPage } from './pages/lens-page';

test('screenshots: ResNet-20 evaluated on 1,000 CIFAR-10 test images, light and dark', async ({ app }) => {
  test.setTimeout(300_000);
  await new LensPage(app).waitForModel();
  const evaluate = new EvaluatePage(app);
  await evaluate.open();
  await evaluate.dropFiles([join(repoRoot, 'fixtures', 'cifar10', 'test-first1000.bin')]);
  expect(await evaluate.finished()).toBe('done');
  await expect(evaluate.misclassified.first()).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await app.getByLabel('Theme').selectOption(theme);
    await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `evaluate-${theme}.png`) });
  }
});
