/**
 * The Library view in real Chromium against the test host: downloads from a real HTTP server on loopback
 * (progress, verified file, corrupt file), imports of every checkpoint format and of PyTorch's ONNX export
 * by drag-drop onto the library's drop zone, then classification with what was added.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LibraryTuning } from '../electron/main/services';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../electron/main/services/test-support/loopback-server';
import { OFFICIAL_WEIGHTS, type OfficialWeights } from '../electron/resnet/weights';
import { test as base, expect } from './fixtures';
import { repoRoot, TestHost } from './host/test-host';
import { InspectPage } from './pages/inspect-page';
import { LibraryPage } from './pages/library-page';
import { cifarClasses, cifarPng, fixturesDir, imagenetClasses, torchTop1Index } from './reference-data';

// Test image 15 (a ship): ResNet-20 says ship, ResNet-32 says frog. Starting from ResNet-32 shows that
// the prediction afterwards comes from the model the Library put in use.
const IMAGE = cifarPng('test0015_ship.png');
const R20 = torchTop1Index('resnet20-12fca82f.th', 15);
const R32 = torchTop1Index('resnet32-d509ac18.th', 15);

const zipCheckpoint = join(fixturesDir, 'torch', 'checkpoints', 'cifar-resnet20-state-dict-zip.pth');
const zipBytes = readFileSync(zipCheckpoint);
const zipSha = createHash('sha256').update(zipBytes).digest('hex');

/**
 * A one-entry "official" catalogue: the real ResNet-20 checkpoint under a torch.hub-style name carrying
 * its SHA-256 prefix. Official weights are ImageNet's, so the library labels its 10 outputs with the first
 * ten ImageNet names: PyTorch's class index k shows as `imagenetClasses[k]`.
 */
const officialEntry: OfficialWeights = {
  id: 'cifar-resnet20-official',
  builder: 'cifar_resnet20',
  tag: 'IMAGENET1K_V1',
  isDefault: true,
  fileName: `cifar_resnet20-${zipSha.slice(0, 8)}.pth`,
  sha256Prefix: zipSha.slice(0, 8),
  numParams: 269722,
  acc1: 91.73,
  acc5: 99.5,
  gflops: 0.04,
  fileSizeMiB: zipBytes.length / 1024 / 1024,
  // a 32x32 image resized to 32 and center-cropped to 32 is the image itself, as PyTorch was fed
  resizeShorter: 32,
  cropSize: 32,
};

type Fixtures = {
  /** a real HTTP server on 127.0.0.1 for official weight files */
  weights: LoopbackServer;
  /** the app against a test host with these library knobs (the `app` fixture takes none) */
  openApp: (tuning: LibraryTuning) => Promise<Page>;
};

const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  weights: async ({}, use) => {
    const server = await startLoopbackServer();
    await use(server);
    await server.close();
  },
  openApp: async ({ playwright, launchOptions, viewport }, use, testInfo) => {
    testInfo.skip(
      testInfo.project.name === 'electron',
      'library tuning (a loopback weight server) needs the test host',
    );
    const opened: { close: () => Promise<void> }[] = [];
    await use(async (tuning) => {
      const browser = await playwright.chromium.launch(launchOptions);
      const host = await TestHost.start(tuning);
      opened.push({ close: async () => (await browser.close(), await host.stop()) });
      const page = await browser.newPage({ viewport });
      await host.open(page);
      return page;
    });
    for (const o of opened) await o.close();
  },
});

/** Selects bundled ResNet-32 and classifies the ship: the baseline the other models must change. */
async function startFromResNet32(lens: LibraryPage): Promise<void> {
  await lens.waitForModel();
  await lens.selectModel('ResNet-32 (CIFAR-10)');
  await lens.dropFiles([IMAGE]);
  expect((await lens.predictions())[0]!.label).toBe(cifarClasses[R32]);
}

async function top1After(lens: LibraryPage, expected: string): Promise<void> {
  await lens.openInspect();
  await expect(lens.top5.first()).toHaveAttribute('data-label', expected);
}

test('downloads official weights with visible progress, then uses them to classify', async ({
  openApp,
  weights,
}) => {
  weights.serve(officialEntry.fileName, { body: zipBytes, chunkBytes: 24 * 1024, pauseMs: 60 });
  const page = await openApp({ downloadBaseUrl: weights.baseUrl, officialWeights: [officialEntry] });
  const lens = new LibraryPage(page);
  await startFromResNet32(lens);
  await lens.open();
  const row = lens.row(officialEntry.id);
  await expect(row).toHaveAttribute('data-state', 'not-downloaded');
  await expect(row.getByRole('button', { name: 'Use' })).toHaveCount(0);
  await lens.action(row, 'Download').click();

  const progress = row.getByTestId('download-progress');
  await expect(progress).toBeVisible();
  // progress shows while bytes arrive: a percentage strictly between 0 and 100, bytes of the total
  await expect
    .poll(async () => Number(await progress.getAttribute('data-percent')), { intervals: [100] })
    .toBeGreaterThan(0);
  const pct = Number(await progress.getAttribute('data-percent'));
  expect(pct).toBeLessThan(100);
  await expect(progress).toContainText(/Downloading \d+%/);
  await expect(progress).toContainText(/of 1\.1 MiB/);

  await expect(row).toHaveAttribute('data-state', 'downloaded', { timeout: 30_000 });
  await expect(row.getByTestId('model-status-text')).toHaveText('Ready');
  expect(weights.requests.map((r) => r.path)).toEqual([`/models/${officialEntry.fileName}`]);

  await lens.action(row, 'Show file').click();
  await expect(row.getByTestId('revealed-path')).toContainText(officialEntry.fileName);

  await lens.use(officialEntry.id);
  await top1After(lens, imagenetClasses[R20]!);
  await expect(lens.modelStatus).toContainText('cifar_resnet20');

  // deleting the weights in use: back to not downloaded, and the session falls back to a bundled model
  await lens.open();
  await lens.action(row, 'Delete').click();
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'not-downloaded');
  await expect(row.getByRole('button', { name: 'Use' })).toHaveCount(0);
  await expect(lens.row('cifar10-resnet20')).toHaveClass(/current/);
  await lens.waitForModel();
  await top1After(lens, cifarClasses[R20]!);
});

test('a corrupt download shows the hash mismatch and gives no usable model', async ({ openApp, weights }) => {
  const corrupt = Uint8Array.from(zipBytes);
  const middle = corrupt.length >> 1;
  corrupt[middle] = corrupt[middle]! ^ 0xff;
  weights.serve(officialEntry.fileName, { body: corrupt });
  const page = await openApp({ downloadBaseUrl: weights.baseUrl, officialWeights: [officialEntry] });
  const lens = new LibraryPage(page);
  await lens.open();
  const row = lens.row(officialEntry.id);
  await lens.action(row, 'Download').click();
  await expect(row).toHaveAttribute('data-state', 'failed');
  const status = row.getByTestId('model-status-text');
  await expect(status).toContainText('Failed:');
  await expect(status).toContainText(`does not start with ${officialEntry.sha256Prefix}`);
  await expect(status).toContainText('the download is corrupt and was deleted');
  await expect(row.getByRole('button', { name: 'Use' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Show file' })).toHaveCount(0);
  await expect(lens.action(row, 'Retry')).toBeVisible();
  // the toolbar offers only models that can run
  const options = await page.getByLabel('Model', { exact: true }).locator('option').allTextContents();
  expect(options.some((o) => o.includes('ImageNet'))).toBe(false);
});

test('a running download can be cancelled, then downloaded again', async ({ openApp, weights }) => {
  weights.serve(officialEntry.fileName, { body: zipBytes, chunkBytes: 8 * 1024, pauseMs: 100 });
  const page = await openApp({ downloadBaseUrl: weights.baseUrl, officialWeights: [officialEntry] });
  const lens = new LibraryPage(page);
  await lens.open();
  const row = lens.row(officialEntry.id);
  await lens.action(row, 'Download').click();
  await expect(row.getByTestId('download-progress')).toBeVisible();
  await lens.action(row, 'Cancel').click();
  await expect(row).toHaveAttribute('data-state', 'not-downloaded');
  await expect(row.getByTestId('download-progress')).toHaveCount(0);
  // a fast server the second time: the fresh download completes and verifies
  weights.serve(officialEntry.fileName, { body: zipBytes });
  await lens.action(row, 'Download').click();
  await expect(row).toHaveAttribute('data-state', 'downloaded');
});

for (const [format, path] of [
  ['torch-legacy', join(repoRoot, 'resources', 'models', 'resnet20-12fca82f.th')],
  ['torch-zip', zipCheckpoint],
  ['safetensors', join(fixturesDir, 'cifar10', 'resnet20-12fca82f.safetensors')],
] as const) {
  test(`imports a ${format} checkpoint dropped on the library and classifies with it`, async ({ app }) => {
    const lens = new LibraryPage(app);
    await startFromResNet32(lens);
    await lens.open();
    await lens.dropOnLibrary([path]);
    await expect(lens.preview).toHaveAttribute('data-format', format);
    await expect(lens.preview.getByTestId('import-architecture')).toHaveValue('cifar_resnet20');
    await expect(lens.preview.getByTestId('match-report')).toHaveAttribute('data-clean', 'true');
    await expect(lens.preview.getByTestId('import-details')).toContainText('BasicBlock × [3, 3, 3]');
    // the drop stayed in the library: the gallery still holds only the one image
    await lens.openInspect();
    await expect(app.locator('.gallery img')).toHaveCount(1);
    await lens.open();
    const id = await lens.confirmImport();
    await expect(lens.row(id)).toHaveAttribute('data-state', 'imported');
    await lens.use(id);
    await top1After(lens, cifarClasses[R20]!);
  });
}

test('a checkpoint compared with another architecture lists the mismatches key by key', async ({ app }) => {
  const lens = new LibraryPage(app);
  await lens.open();
  await lens.dropOnLibrary([zipCheckpoint]);
  await lens.preview.getByTestId('import-architecture').selectOption('cifar_resnet32');
  const report = lens.preview.getByTestId('match-report');
  await expect(report).toHaveAttribute('data-clean', 'false');
  await expect(report).toContainText('load_state_dict(strict=True) would fail');
  await expect(lens.preview.getByTestId('missing-keys')).toContainText('layer1.3.conv1.weight');
  await expect(lens.preview.getByTestId('import-problem')).toContainText('Missing key(s) in state_dict');
  await expect(lens.page.getByTestId('import-confirm')).toBeDisabled();
  await lens.preview.getByTestId('import-architecture').selectOption('cifar_resnet20');
  await expect(report).toHaveAttribute('data-clean', 'true');
  await expect(lens.page.getByTestId('import-confirm')).toBeEnabled();
});

test("imports PyTorch's ONNX export with settings and inspects layer2", async ({ app }) => {
  const lens = new LibraryPage(app);
  await startFromResNet32(lens);
  await lens.open();
  await lens.dropOnLibrary([join(fixturesDir, 'torch', 'checkpoints', 'cifar-resnet20-torch-export.onnx')]);
  const preview = lens.preview;
  await expect(preview).toHaveAttribute('data-kind', 'onnx');
  await expect(preview.getByTestId('onnx-modules')).toContainText('layer2');
  // the settings form, prefilled with what the graph suggests
  await expect(preview.getByTestId('setting-height')).toHaveValue('32');
  await expect(preview.getByTestId('setting-labels')).toHaveValue('cifar10');
  await expect(preview.getByTestId('setting-channelOrder')).toHaveValue('rgb');
  await expect(preview.getByTestId('setting-scale')).toHaveValue('1');
  await preview.getByTestId('setting-name').fill('ResNet-20 (ONNX export)');
  await preview.getByTestId('setting-mean').fill('0.485 0.456 0.406');
  await preview.getByTestId('setting-std').fill('0.229, 0.224, 0');
  await expect(preview.getByTestId('setting-std')).toHaveAttribute('aria-invalid', 'true');
  await expect(lens.page.getByTestId('import-confirm')).toBeDisabled();
  await preview.getByTestId('setting-std').fill('0.229, 0.224, 0.225');
  const id = await lens.confirmImport();
  await expect(lens.rowNamed('ResNet-20 (ONNX export)')).toHaveAttribute('data-model-id', id);
  await lens.use(id);
  await top1After(lens, cifarClasses[R20]!);

  const inspect = new InspectPage(app);
  await expect(inspect.stageRow('layer2')).toHaveCount(1);
  await inspect.selectStage('layer2');
  expect(await inspect.channelCount()).toBe(32);
});

test('a corrupt checkpoint and a wrong file get clear errors; the app keeps working', async ({
  app,
}, testInfo) => {
  const lens = new LibraryPage(app);
  await lens.open();
  const truncated = testInfo.outputPath('truncated.pth');
  writeFileSync(truncated, zipBytes.subarray(0, 400_000));
  const notes = testInfo.outputPath('notes.txt');
  writeFileSync(notes, 'not a model');
  await lens.dropOnLibrary([truncated, notes]);
  await expect(lens.importErrors).toHaveCount(2);
  await expect(lens.importErrors.filter({ hasText: 'notes.txt' })).toContainText(
    'not a model file the app opens',
  );
  const corrupt = lens.importErrors.filter({ hasText: 'truncated.pth' });
  await expect(corrupt).toContainText(
    'Could not import: truncated.pth: zip: no end-of-central-directory record',
  );
  await expect(corrupt).toContainText('or truncated');
  await expect(lens.preview).toHaveCount(0);
  // still working: the next file imports
  await lens.dropOnLibrary([zipCheckpoint]);
  await expect(lens.preview.getByTestId('match-report')).toHaveAttribute('data-clean', 'true');
});

test('search and source filter; build cache size and clearing it', async ({ app }) => {
  const lens = new LibraryPage(app);
  await lens.waitForModel();
  await lens.open();
  await expect(lens.buildCache).not.toHaveAttribute('data-entries', '0');
  await lens.buildCache.getByRole('button', { name: 'Clear build cache' }).click();
  await expect(lens.buildCache).toHaveAttribute('data-entries', '0');
  await app.getByLabel('Search models').fill('resnet152 v2');
  await expect(app.getByTestId('model-row')).toHaveCount(1);
  await expect(app.getByTestId('model-row').first()).toHaveAttribute(
    'data-model-id',
    'imagenet-resnet152-v2',
  );
  await app.getByLabel('Search models').fill('');
  await app.getByLabel('Source').selectOption('bundled');
  await expect(app.getByTestId('model-row')).toHaveCount(4);
  await expect(app.locator('tbody[data-source]')).toHaveCount(1);
});

test('screenshots: the library in light and dark, with a download running and an import to confirm', async ({
  openApp,
  weights,
}) => {
  // a real catalogue entry on a slow link: still downloading while the screenshots are taken
  const resnet18 = OFFICIAL_WEIGHTS.find((w) => w.id === 'imagenet-resnet18-v1')!;
  const size = Math.round(resnet18.fileSizeMiB * 1024 * 1024);
  weights.serve(resnet18.fileName, { body: new Uint8Array(size), chunkBytes: 192 * 1024, pauseMs: 100 });
  const page = await openApp({ downloadBaseUrl: weights.baseUrl });
  const lens = new LibraryPage(page);
  await lens.waitForModel();
  await lens.open();
  await lens.dropOnLibrary([join(fixturesDir, 'cifar10', 'resnet20-12fca82f.safetensors')]);
  await lens.confirmImport();
  await lens.action(lens.row(resnet18.id), 'Download').click();
  await expect(lens.row(resnet18.id).getByTestId('download-progress')).toContainText('left');
  await lens.dropOnLibrary([zipCheckpoint]);
  await expect(lens.preview.getByTestId('match-report')).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `library-${theme}.png`) });
  }
});
