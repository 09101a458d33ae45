import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { emitMenuCommand, repoRoot } from './host/test-host';
import { LensPage } from './pages/lens-page';
import { cifarPng, torchTop1 } from './reference-data';

/** PyTorch's top-1 class of ResNet-20 on CIFAR-10 test record `index`. */
const r20Top1 = (index: number) => torchTop1('resnet20-12fca82f.th', index);

test('the empty gallery offers the bundled samples; a click adds one like a drop, true class included', async ({
  app,
}, testInfo) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  const manifest = JSON.parse(
    readFileSync(join(repoRoot, 'renderer', 'public', 'samples', 'manifest.json'), 'utf8'),
  ) as { samples: { file: string }[] };
  await expect(lens.samples).toHaveCount(manifest.samples.length);
  await expect(app.getByTestId('samples')).toContainText('Try a sample');
  // Every thumbnail really loaded (naturalWidth > 0), CIFAR ones at their 32 px.
  await expect
    .poll(() =>
      lens.samples
        .locator('img')
        .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
    )
    .toEqual(manifest.samples.map((s) => (s.file.startsWith('test') ? 32 : expect.any(Number))));
  await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'empty-state-light.png') });

  await app.locator('[data-testid="sample"][data-file="test0003_airplane.png"]').click();
  await expect(lens.gallery).toHaveAttribute('data-count', '1');
  const top = await lens.predictions();
  expect(top[0]!.label).toBe(r20Top1(3));
  await expect(lens.verdict).toHaveText('✓ correct');
  // With an image in the gallery, the samples give way to the thumbnails.
  await expect(lens.samples).toHaveCount(0);
  await expect(lens.gallery.locator('img')).toHaveAttribute('alt', 'test0003_airplane.png');
  await app.screenshot({ path: testInfo.outputPath('gallery-sample-added.png') });
});

test('a sample photo decodes at its own size and its name gives the CIFAR class', async ({ app }) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  await app.locator('[data-testid="sample"][data-file="chelsea_cat.jpg"]').click();
  await expect(lens.gallery).toHaveAttribute('data-count', '1');
  await expect(lens.verdict).toHaveText(/^(✓ correct|✗ true class: cat)$/);
  await expect(app.getByTestId('model-input')).toHaveAttribute('data-dims', '1,3,32,32');
});

test('Ctrl+O opens the image chooser; the chosen files land in the gallery', async ({ app }) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  await app.locator('body').click({ position: { x: 600, y: 400 } });
  // Listen first, then one round trip to the page, so Playwright's file chooser interception is on
  // before the key opens it (under load the press could otherwise win and the dialog go unseen).
  const chooserOpened = app.waitForEvent('filechooser');
  await app.evaluate(() => document.readyState);
  await app.keyboard.press('Control+o');
  const chooser = await chooserOpened;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([cifarPng('test0008_cat.png'), cifarPng('test0015_ship.png')]);
  await expect(lens.gallery).toHaveAttribute('data-count', '2');
  await expect(lens.verdict).toHaveText('✓ correct');
  // Arrow keys walk the gallery.
  await lens.gallery.locator('ul').focus();
  await app.keyboard.press('ArrowRight');
  await expect(lens.gallery.locator('button[aria-pressed="true"]')).toHaveAttribute(
    'title',
    'test0015_ship.png',
  );
});

test('menu commands: File > Open Images… delivers files and refusals, View switches the tab', async ({
  app,
}, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'a native menu and dialog cannot be driven from here');
  const lens = new LensPage(app);
  await lens.waitForModel();
  const delivered = await emitMenuCommand(app, {
    kind: 'open-images',
    continues: false,
    files: [
      { name: 'test0012_dog.png', bytes: readFileSync(cifarPng('test0012_dog.png')) },
      { name: 'test0013_horse.png', bytes: readFileSync(cifarPng('test0013_horse.png')) },
    ],
    rejected: [
      { name: 'notes.txt', message: 'notes.txt is not an image file (png, jpg, jpeg, webp, gif, bmp)' },
    ],
  });
  expect(delivered).toBe(1);
  await expect(lens.gallery).toHaveAttribute('data-count', '2');
  await expect(lens.dropErrors).toHaveText([
    'notes.txt is not an image file (png, jpg, jpeg, webp, gif, bmp)',
  ]);
  expect((await lens.predictions())[0]!.label).toBe(r20Top1(12));

  await emitMenuCommand(app, { kind: 'show-view', view: 'architecture' });
  await expect(app.getByRole('tab', { name: 'Architecture' })).toHaveAttribute('aria-selected', 'true');
  await emitMenuCommand(app, { kind: 'show-view', view: 'inspect' });
  await expect(app.getByRole('tab', { name: 'Inspect' })).toHaveAttribute('aria-selected', 'true');
});

test('the gallery speaks Korean', async ({ app }) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  await app.getByLabel('Language').selectOption('ko');
  await expect(app.getByTestId('samples')).toContainText('예시 이미지로 해 보기');
  await expect(app.getByTestId('samples')).toContainText('CIFAR-10 테스트 이미지');
  await lens.dropFiles([cifarPng('test0000_cat.png')]);
  await expect(lens.gallery.locator('ul')).toHaveAccessibleName('이미지');
});

test('loading a model shows that it is loading until it is ready', async ({ app }) => {
  const lens = new LensPage(app);
  await lens.waitForModel();
  // Record every state the status shows, from before the switch (a fast load must not slip past).
  await app.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    const el = document.querySelector<HTMLElement>('[data-testid="model-status"]')!;
    const record = () => seen.push(`${el.dataset['status']}: ${el.textContent ?? ''}`);
    new MutationObserver(record).observe(el, {
      attributes: true,
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await lens.selectModel('ResNet-56 (CIFAR-10)');
  const seen = await app.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  expect(seen).toContain('loading: Loading model…');
  expect(seen.at(-1)).toMatch(/^ready: cifar_resnet56 · 0\.85 M params/);
});
