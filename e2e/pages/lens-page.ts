import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { JSHandle, Locator, Page } from '@playwright/test';

const mimeOf = (name: string) =>
  name.endsWith('.png')
    ? 'image/png'
    : name.endsWith('.jpg') || name.endsWith('.jpeg')
      ? 'image/jpeg'
      : 'application/octet-stream';

/** Page object for the main window: what a user sees and does, in the app's words. */
export class LensPage {
  constructor(readonly page: Page) {}

  get modelStatus(): Locator {
    return this.page.getByTestId('model-status');
  }
  get top5(): Locator {
    return this.page.getByTestId('top5').locator('li');
  }
  get verdict(): Locator {
    return this.page.getByTestId('verdict');
  }
  get dropErrors(): Locator {
    return this.page.getByTestId('drop-error');
  }

  async waitForModel(): Promise<void> {
    await this.page.locator('[data-testid="model-status"][data-status="ready"]').waitFor({ timeout: 60_000 });
  }

  async selectModel(name: string): Promise<void> {
    await this.page.getByLabel('Model').selectOption({ label: name });
    await this.waitForModel();
  }

  get gallery(): Locator {
    return this.page.getByTestId('gallery');
  }
  get galleryProgress(): Locator {
    return this.page.getByTestId('gallery-progress');
  }
  get samples(): Locator {
    return this.page.getByTestId('sample');
  }

  /**
   * Drops files onto the window the way the OS does: a DataTransfer holding real File objects, delivered
   * with dragenter, dragover and drop events.
   */
  async dropFiles(paths: string[]): Promise<void> {
    await this.dropBytes(paths.map((p) => ({ name: basename(p), bytes: readFileSync(p) })));
  }

  /** Drops in-memory files (bytes travel to the page as base64: a JSON number array is 4x larger). */
  async dropBytes(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const dataTransfer = await this.dataTransferOf(files);
    await this.dispatchDrop(dataTransfer);
  }

  /** A DataTransfer in the page holding these files, built before any drop (e.g. to time the drop alone). */
  async dataTransferOf(files: { name: string; bytes: Uint8Array }[]): Promise<JSHandle<DataTransfer>> {
    const wire = files.map((f) => ({
      name: f.name,
      type: mimeOf(f.name),
      base64: Buffer.from(f.bytes).toString('base64'),
    }));
    return this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return dt;
    }, wire);
  }

  /** dragenter, dragover and drop on the window, carrying `dataTransfer`. */
  async dispatchDrop(dataTransfer: JSHandle<DataTransfer>): Promise<void> {
    const target = this.page.getByTestId('drop-target');
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  }

  /** The top-5 as (label, probability) pairs, read from the page. */
  async predictions(): Promise<{ label: string; probability: number }[]> {
    await this.top5.first().waitFor();
    return this.top5.evaluateAll((items) =>
      items.map((li) => ({
        label: li.getAttribute('data-label') ?? '',
        probability: Number(li.getAttribute('data-probability')),
      })),
    );
  }
}
