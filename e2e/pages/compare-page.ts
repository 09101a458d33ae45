import type { Locator, Page } from '@playwright/test';

/** Page object for the Compare view: model slots A-D, per-image columns, the architecture diff. */
export class ComparePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Compare' }).click();
    await this.view.waitFor();
  }
  get view(): Locator {
    return this.page.getByTestId('compare-view');
  }
  get agreement(): Locator {
    return this.page.getByTestId('agreement');
  }
  get conflict(): Locator {
    return this.page.getByTestId('compare-conflict');
  }
  /** Opens the view and compares model `a` (slot A) with model `b` (slot B). */
  async openWith(a: string, b: string): Promise<void> {
    await this.open();
    await this.pick('A', a);
    await this.pick('B', b);
  }
  /** Slot letter 'A'..'D' to a model id from listModels. */
  async pick(letter: string, id: string): Promise<void> {
    await this.page.getByLabel(`Compare ${letter}`, { exact: true }).selectOption(id);
  }
  column(id: string): Locator {
    return this.page.locator(`[data-testid="compare-column"][data-model="${id}"]`);
  }
  /** The top-5 labels one column shows, once its model has run. */
  async top5(id: string): Promise<string[]> {
    const items = this.column(id).getByTestId('compare-top5').locator('li');
    await items.first().waitFor({ timeout: 90_000 });
    return items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-label') ?? ''));
  }
  /** The diff table's cells for one row key (`blockType`, `layer4.width`), and whether it is highlighted. */
  async diffRow(key: string): Promise<{ values: string[]; differs: boolean }> {
    const row = this.page.getByTestId('arch-diff').locator(`tr[data-row="${key}"]`);
    return {
      values: await row.locator('td').allTextContents(),
      differs: (await row.getAttribute('data-differs')) === 'true',
    };
  }

  /** Runs the gallery-wide CKA and returns the grid's values (rows: model A's stages). */
  async runCka(): Promise<number[][]> {
    await this.page.getByTestId('cka-panel').getByRole('button').click();
    const grid = this.page.getByTestId('cka-grid');
    await grid.waitFor({ timeout: 90_000 });
    return grid
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          Array.from(r.querySelectorAll('td')).map((td) => Number(td.getAttribute('data-cka'))),
        ),
      );
  }
  get ckaAgreement(): Locator {
    return this.page.getByTestId('cka-agreement');
  }

  /** The aligned-stage column of one model. */
  stageColumn(id: string): Locator {
    return this.page.locator(`[data-testid="stage-column"][data-model="${id}"]`);
  }
  /** Chooses the stage shown side by side (`layer3`). */
  async pickStage(name: string): Promise<void> {
    await this.page.getByTestId('stage-picker').selectOption(name);
  }
  /** What one model's aligned stage shows: its shape (`64×8×8`), channel count and grid's channel count. */
  async alignedStage(id: string): Promise<{ shape: string; channels: number; grid: number; mean: number }> {
    const col = this.stageColumn(id);
    const shape = col.getByTestId('aligned-shape');
    await shape.waitFor({ timeout: 60_000 });
    return {
      shape: (await shape.getAttribute('data-shape')) ?? '',
      channels: Number(await shape.getAttribute('data-channels')),
      grid: Number(await col.getByTestId('feature-grid').getAttribute('data-channel-count')),
      mean: Number(await col.getByTestId('stage-mean').getAttribute('data-value')),
    };
  }
  /** Clicks channel `c`'s tile in one model's aligned-stage grid (opens it large). */
  async openChannel(id: string, c: number): Promise<void> {
    await this.stageColumn(id).getByTestId('feature-grid').locator(`[data-channel="${c}"]`).click();
  }
  /** The channel opened large in one model's aligned-stage column. */
  zoom(id: string): Locator {
    return this.stageColumn(id).getByTestId('channel-zoom');
  }
  /**
   * Points at cell (x, y) of the zoomed `width` x `height` map in one model's column and returns what the
   * readout then says: the cell and its value.
   */
  async readAt(
    id: string,
    x: number,
    y: number,
    width: number,
    height: number,
  ): Promise<{ x: number; y: number; value: number; text: string }> {
    const canvas = this.zoom(id).getByTestId('zoom-canvas');
    const box = (await canvas.boundingBox())!;
    await this.page.mouse.move(
      box.x + ((x + 0.5) / width) * box.width,
      box.y + ((y + 0.5) / height) * box.height,
    );
    const readout = this.zoom(id).getByTestId('zoom-readout');
    await readout.and(this.page.locator(`[data-x="${x}"][data-y="${y}"]`)).waitFor();
    return {
      x: Number(await readout.getAttribute('data-x')),
      y: Number(await readout.getAttribute('data-y')),
      value: Number(await readout.getAttribute('data-value')),
      text: (await readout.textContent()) ?? '',
    };
  }
  /** Sets the opacity every CAM shares (0..1). */
  async setCamOpacity(opacity: number): Promise<void> {
    await this.page.getByTestId('cam-opacity').fill(String(opacity));
  }
  /** The RGB of one canvas pixel of a model's CAM, once the canvas shows `opacity`. */
  async camPixel(id: string, opacity: number, x: number, y: number): Promise<number[]> {
    const cam = this.cam(id);
    await cam.and(this.page.locator(`[data-opacity="${opacity}"]`)).waitFor();
    return cam.evaluate(
      (el: HTMLCanvasElement, [px, py]) =>
        Array.from(el.getContext('2d')!.getImageData(px!, py!, 1, 1).data.slice(0, 3)),
      [x, y],
    );
  }
  /** One model's CAM canvas, once painted. */
  cam(id: string): Locator {
    return this.page.locator(`[data-testid="cam-column"][data-model="${id}"]`).getByTestId('compare-cam');
  }
  /** Chooses the CAM's class by label. */
  async pickCamClass(label: string): Promise<void> {
    await this.page.getByTestId('cam-class').selectOption({ label });
  }
  get setPanel(): Locator {
    return this.page.getByTestId('set-panel');
  }
  get setAgreement(): Locator {
    return this.page.getByTestId('set-agreement');
  }
  /** Runs the set comparison over the gallery and waits for its numbers. */
  async runSetOverGallery(): Promise<void> {
    await this.setPanel.getByRole('button', { name: /gallery images/ }).click();
    await this.setAgreement.waitFor({ timeout: 120_000 });
  }
  /** Starts the set comparison over a CIFAR-10 batch given as bytes (does not wait). */
  async startSetOverBatch(name: string, bytes: Buffer): Promise<void> {
    await this.page
      .getByTestId('set-batch-input')
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  }
  /** Per model: images it classified correctly and how many were labelled. */
  async setAccuracy(id: string): Promise<{ correct: number; labelled: number }> {
    const row = this.page.getByTestId('set-accuracy').locator(`tr[data-model="${id}"]`);
    return {
      correct: Number(await row.getAttribute('data-correct')),
      labelled: Number(await row.getAttribute('data-labelled')),
    };
  }
  /** Image indices the disagreement list shows, in order. */
  async disagreements(): Promise<number[]> {
    return this.page
      .getByTestId('disagreement')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
  }
  disagreement(index: number): Locator {
    return this.page.locator(`[data-testid="disagreement"][data-index="${index}"]`);
  }
}
