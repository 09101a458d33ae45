import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { PNG } from 'pngjs';
import { archSpecFromName, buildModel } from '../../electron/resnet/arch';
import { readCheckpoint } from '../../electron/resnet/formats';
import { emitOnnx } from '../../electron/resnet/onnx';
import { preprocess, type Recipe } from '../../electron/resnet/preprocess';
import type { FloatTensor } from '../../electron/resnet/tensor';
import { repoRoot } from '../host/test-host';

/** Page object for the "Why this class" view. */
export class WhyPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Why this class' }).click();
  }
  get view(): Locator {
    return this.page.getByTestId('why-view');
  }
  get cam(): Locator {
    return this.page.getByTestId('cam');
  }
  get channels(): Locator {
    return this.page.getByTestId('top-channels').locator('li');
  }

  /** The CAM the page shows: class, stage, grid shape and raw values (from the figure's data attributes). */
  async shownCam(): Promise<{
    cls: number;
    stage: string;
    shape: number[];
    values: number[];
    logit: number;
  }> {
    const missing = this.page.getByTestId('why-head-missing');
    await this.cam.or(missing).waitFor({ timeout: 60_000 });
    // fail with the app's own explanation (e.g. no getHeadWeights in this build) rather than a timeout
    if (await missing.isVisible()) throw new Error(`no CAM: ${await missing.textContent()}`);
    return this.cam.evaluate((el) => ({
      cls: Number(el.getAttribute('data-class')),
      stage: el.getAttribute('data-stage') ?? '',
      shape: (el.getAttribute('data-cam-shape') ?? '').split(',').map(Number),
      values: JSON.parse(el.getAttribute('data-cam') ?? '[]') as number[],
      logit: Number(el.getAttribute('data-logit')),
    }));
  }

  /** Picks a class by typing in the search box and clicking the first hit. */
  async pickClass(query: string): Promise<void> {
    await this.page.getByLabel('Search classes').fill(query);
    await this.page.getByTestId('class-list').locator('button').first().click();
  }

  /** The channels listed as contributing most, in the order shown. */
  async shownChannels(): Promise<{ channel: number; contribution: number }[]> {
    await this.channels.first().waitFor();
    return this.channels.evaluateAll((items) =>
      items.map((li) => ({
        channel: Number(li.getAttribute('data-channel')),
        contribution: Number(li.getAttribute('data-contribution')),
      })),
    );
  }

  /** Saves one item of the view's export menu and returns the download. */
  async export(id: string): Promise<Download> {
    await this.view.getByTestId('export-menu').locator('summary').click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.view.locator(`[data-export="${id}"]`).click(),
    ]);
    return download;
  }
}

/** What the app should compute for a CIFAR ResNet-20 and an image, computed in Node without the app. */
export type CifarReference = {
  /** layer3 output, [1, 64, h, w] flattened */
  layer3: Float32Array;
  dims: number[];
  logits: Float32Array;
  weight: Float32Array;
  bias: Float32Array;
};

const resnet20 = join(repoRoot, 'resources', 'models', 'resnet20-12fca82f.th');

/** The checkpoint's `linear.weight` [10, 64] and `linear.bias` [10], read with the app's own reader. */
export function resnet20Head(): { weight: Float32Array; bias: Float32Array } {
  const sd = readCheckpoint(new Uint8Array(readFileSync(resnet20)), 'resnet20-12fca82f.th').stateDict;
  const weight = sd.get('linear.weight') as FloatTensor;
  const bias = sd.get('linear.bias') as FloatTensor;
  if (weight.shape.join() !== '10,64' || bias.shape.join() !== '10')
    throw new Error('unexpected linear shapes');
  return { weight: weight.data, bias: bias.data };
}

/**
 * Decodes a PNG with pngjs, preprocesses it as torchvision would (`recipe`), runs the emitted ONNX of the
 * bundled ResNet-20 on onnxruntime-node, and returns layer3, the logits and the head.
 */
export async function cifarReference(
  pngPath: string,
  recipe: Recipe = { kind: 'cifar' },
): Promise<CifarReference> {
  const png = PNG.sync.read(readFileSync(pngPath));
  const input = preprocess({ width: png.width, height: png.height, data: png.data }, recipe);
  const sd = readCheckpoint(new Uint8Array(readFileSync(resnet20)), 'resnet20-12fca82f.th').stateDict;
  const { bytes } = emitOnnx(buildModel(archSpecFromName('cifar_resnet20')), sd, { outputs: 'stages' });
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ input: new ort.Tensor('float32', input.tensor, input.shape) }, [
    'layer3',
    'logits',
  ]);
  const layer3 = out['layer3']!;
  const result = {
    layer3: layer3.data as Float32Array,
    dims: [...layer3.dims],
    logits: out['logits']!.data as Float32Array,
    ...resnet20Head(),
  };
  await session.release();
  return result;
}

/** CAM_c = sum_k w[c,k] A_k over a [1, K, h, w] tensor, in float64: written here independently of the app. */
export function referenceCam(
  layer: Float32Array,
  dims: number[],
  weight: Float32Array,
  cls: number,
): number[] {
  const [, k = 0, h = 0, w = 0] = dims;
  const cam = new Array<number>(h * w).fill(0);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < h * w; i++) cam[i]! += weight[cls * k + c]! * layer[c * h * w + i]!;
  }
  return cam;
}
