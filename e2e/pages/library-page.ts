import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Locator } from '@playwright/test';
import { LensPage } from './lens-page';

/** Page object for the Library view: the model list, downloads, imports and the build cache. */
export class LibraryPage extends LensPage {
  async open(): Promise<void> {
    await this.page.locator('[role="tab"][data-view="library"]').click();
    await this.page.getByTestId('model-table').waitFor();
  }

  /** Back to the Inspect view (gallery, top-5, stages). */
  async openInspect(): Promise<void> {
    await this.page.locator('[role="tab"][data-view="inspect"]').click();
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="model-row"][data-model-id="${id}"]`);
  }
  /** The row of a model by its shown name. */
  rowNamed(name: string): Locator {
    return this.page
      .getByTestId('model-row')
      .filter({ has: this.page.locator('.lib-name', { hasText: name }) });
  }
  action(row: Locator, name: string): Locator {
    return row.getByRole('button', { name, exact: true });
  }
  get dropZone(): Locator {
    return this.page.getByTestId('library-drop');
  }
  get preview(): Locator {
    return this.page.getByTestId('import-preview');
  }
  get importErrors(): Locator {
    return this.page.getByTestId('import-error');
  }
  get importDone(): Locator {
    return this.page.getByTestId('import-done');
  }
  get buildCache(): Locator {
    return this.page.getByTestId('build-cache');
  }

  /** Drops files onto the library's drop zone, as the OS does (real File objects in a DataTransfer). */
  async dropOnLibrary(paths: string[]): Promise<void> {
    const files = paths.map((p) => ({ name: basename(p), b64: readFileSync(p).toString('base64') }));
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: 'application/octet-stream' }));
      }
      return dt;
    }, files);
    for (const type of ['dragenter', 'dragover', 'drop'])
      await this.dropZone.dispatchEvent(type, { dataTransfer });
  }

  /** Waits for the preview of a dropped file and confirms it; returns the new model's id. */
  async confirmImport(): Promise<string> {
    const id = (await this.preview.getAttribute('data-import-id')) ?? '';
    await this.page.getByTestId('import-confirm').click();
    await this.preview.waitFor({ state: 'detached' });
    await this.row(id).waitFor();
    return id;
  }

  /** Makes a model the current one and waits until the session has it loaded. */
  async use(id: string): Promise<void> {
    await this.action(this.row(id), 'Use').click();
    await this.row(id).and(this.page.locator('.current')).waitFor();
    await this.waitForModel();
  }
}
