/**
 * WebGPU against WASM in Chromium with WebGPU on SwiftShader (software Vulkan): the flags are given here,
 * since the default `chromium` project has none. Where WebGPU still yields no adapter, each test prints
 * why and is skipped (never silently).
 */
import { expect, test } from './fixtures';
import { cifarInput, InferencePage, webgpuFlags } from './pages/inference-page';
import { LensPage } from './pages/lens-page';
import { cifarPng, torchTop1 } from './reference-data';

test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...webgpuFlags,
    ],
  },
});
// SwiftShader runs WebGPU on the CPU: correct, but slow (shader compilation included).
test.setTimeout(240_000);

const norm = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
const catPng = cifarPng('test0008_cat.png');

/** Opens the inference test hooks, or skips the test with the reason WebGPU is unavailable. */
async function withWebGpu(app: import('@playwright/test').Page): Promise<InferencePage> {
  const inference = await InferencePage.open(app);
  const gpu = await inference.gpu(0);
  if (!gpu.available) {
    console.log(`[webgpu] skipped: ${gpu.reason}`);
    test.skip(true, `WebGPU is not available: ${gpu.reason}`);
  }
  return inference;
}

test('WebGPU and WASM agree on every output of CIFAR ResNet-20: max |diff| <= 1e-3 * max |value|', async ({
  app,
}) => {
  const inference = await withWebGpu(app);
  const url = await inference.modelUrl('cifar10-resnet20', 'all');
  const report = await inference.parity(0, url, cifarInput(catPng, norm.mean, norm.std));
  if (!report.available) {
    console.log(`[webgpu] skipped: ${report.reason}`);
    test.skip(true, report.reason);
    return;
  }
  const rel = (o: { maxAbsDiff: number; maxAbsValue: number }) => o.maxAbsDiff / o.maxAbsValue;
  const worst = [...report.outputs].sort((a, b) => rel(b) - rel(a)).slice(0, 5);
  console.log(
    `[webgpu] ${report.outputs.length} outputs, WASM ${report.ms.wasm.toFixed(0)} ms, WebGPU ${report.ms.webgpu.toFixed(0)} ms; worst:\n` +
      worst
        .map(
          (o) =>
            `  ${o.name}: max|diff| ${o.maxAbsDiff.toExponential(2)}, max|value| ${o.maxAbsValue.toFixed(3)}`,
        )
        .join('\n'),
  );
  // Every stage output is there, and every output is within tolerance.
  const names = report.outputs.map((o) => o.name);
  for (const stage of ['conv1', 'bn1', 'relu', 'layer1', 'layer2', 'layer3', 'avgpool', 'logits'])
    expect(names).toContain(stage);
  expect(report.outputs.filter((o) => !o.ok)).toEqual([]);
  for (const o of report.outputs) expect(o.maxAbsDiff).toBeLessThanOrEqual(1e-3 * o.maxAbsValue);
});

test('a lost GPU device moves the session to WASM with a notice, and the session keeps working', async ({
  app,
}) => {
  const inference = await withWebGpu(app);
  const client = await inference.createClient();
  const url = await inference.modelUrl('cifar10-resnet20', 'stages');
  expect((await inference.load(client, 'm', url, 'webgpu')).backend).toBe('webgpu');
  const input = cifarInput(catPng, norm.mean, norm.std);
  const before = await inference.run(client, 'm', input, ['logits']);
  expect(before.backend).toBe('webgpu');

  await inference.loseDevice(client); // GPUDevice.destroy(), as a GPU reset would
  await expect
    .poll(async () => (await inference.events(client)).find((e) => e.type === 'session')?.notice)
    .toMatch(/^the WebGPU device was lost \(destroyed.*\); switched to WASM$/);
  const info = await inference.sessionInfo(client, 'm');
  expect(info?.backend).toBe('wasm');
  expect(info?.fallbackReason).toMatch(/switched to WASM$/);

  const after = await inference.run(client, 'm', input, ['logits']);
  expect(after.backend).toBe('wasm');
  const a = before.outputs['logits']!.data;
  const b = after.outputs['logits']!.data;
  const scale = Math.max(...a.map(Math.abs));
  expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThanOrEqual(1e-3 * scale);
  // Asking for WebGPU again now says why it is not used.
  const again = await inference.load(client, 'm2', url, 'webgpu');
  expect(again.backend).toBe('wasm');
  expect(again.fallbackReason).toMatch(/^the WebGPU device was lost earlier/);
});

test('WebGPU and WASM give the same top-1 on a fixture image; the status shows the backend chosen', async ({
  app,
}) => {
  await withWebGpu(app);
  const lens = new LensPage(app);
  await lens.waitForModel();
  const backend = app.getByLabel('Backend');
  const expected = torchTop1('resnet20-12fca82f.th', 8);

  await backend.selectOption('webgpu');
  await lens.waitForModel();
  await expect(lens.modelStatus).toContainText('WebGPU');
  await lens.dropFiles([catPng]);
  const onGpu = await lens.predictions();
  await expect(app.getByTestId('run-meta')).toContainText('on WebGPU');

  await backend.selectOption('wasm');
  await lens.waitForModel();
  await expect(lens.modelStatus).toContainText('WASM');
  await expect(lens.modelStatus).not.toContainText('WebGPU');
  await expect(app.getByTestId('run-meta')).toContainText('on WASM');
  const onWasm = await lens.predictions();

  expect(onGpu[0]!.label).toBe(expected);
  expect(onWasm[0]!.label).toBe(onGpu[0]!.label);
  expect(Math.abs(onWasm[0]!.probability - onGpu[0]!.probability)).toBeLessThan(1e-3);
  const shot = test.info().outputPath('backend-wasm.png');
  await app.screenshot({ path: shot });
});

test('a lost GPU device under the app model: the toolbar switches to WASM with a notice, classification still works', async ({
  app,
}) => {
  const inference = await withWebGpu(app);
  const lens = new LensPage(app);
  await lens.waitForModel();
  await app.getByLabel('Backend').selectOption('webgpu');
  await lens.waitForModel();
  await expect(lens.modelStatus).toHaveAttribute('data-backend', 'webgpu');

  await inference.loseDevice(0);
  await expect(lens.modelStatus).toHaveAttribute('data-backend', 'wasm');
  await expect(lens.modelStatus).toContainText('WASM');
  const notice = app.locator('[data-testid="inference-notice"][data-kind="fallback"]');
  await expect(notice).toContainText(/the WebGPU device was lost .*; switched to WASM/);

  await lens.dropFiles([catPng]);
  const top = await lens.predictions();
  expect(top[0]!.label).toBe(torchTop1('resnet20-12fca82f.th', 8));
  await expect(app.getByTestId('run-meta')).toContainText('on WASM');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
