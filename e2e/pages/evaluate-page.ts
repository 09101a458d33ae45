import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { JSHandle, Locator, Page } from '@playwright/test';

/** What the Evaluate view's JSON export holds (the parts the tests read). */
export type EvaluationExport = {
  model: { id: string; name: string };
  complete: boolean;
  count: number;
  correct: number;
  accuracy: number;
  top5Accuracy: number;
  imagesPerSecond: number;
  timing: { wallMs: number; preprocessMs: number; inferenceMs: number };
  perClass: { label: string; count: number; correct: number }[];
  confusion: number[][];
  predictions: { item: number; image: string; label: number; predicted: number; correct: boolean }[];
};

/** Page object for the Evaluate view: drop or open a labelled set, watch it run, read and export results. */
export class EvaluatePage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('evaluate-drop');
  }
  get progress(): Locator {
    return this.page.getByTestId('eval-progress');
  }
  get totals(): Locator {
    return this.page.getByTestId('eval-totals');
  }
  get error(): Locator {
    return this.page.getByTestId('eval-error');
  }
  get unmatched(): Locator {
    return this.page.getByTestId('eval-unmatched');
  }
  get cancelled(): Locator {
    return this.page.getByTestId('eval-cancelled');
  }
  get perClassRows(): Locator {
    return this.page.getByTestId('per-class').locator('tbody tr');
  }
  get misclassified(): Locator {
    return this.page.getByTestId('misclassified').locator('button');
  }

  async open(): Promise<void> {
    await this.page.locator('[role=tab][data-view="evaluate"]').click();
    await this.view.waitFor();
  }

  /** Drops files on the view as the OS does: a DataTransfer of real Files through drag events. */
  async dropFiles(paths: string[]): Promise<void> {
    await this.dropTransfer(await this.dataTransfer(paths));
  }

  /** A DataTransfer in the page holding the files (base64 across: a 3 MB batch as JSON numbers is slow). */
  async dataTransfer(paths: string[]): Promise<JSHandle<DataTransfer>> {
    const files = paths.map((p) => ({ name: basename(p), base64: readFileSync(p).toString('base64') }));
    return this.page.evaluateHandle(async (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = await (await fetch(`data:application/octet-stream;base64,${f.base64}`)).arrayBuffer();
        dt.items.add(new File([bytes], f.name));
      }
      return dt;
    }, files);
  }

  /** Delivers a DataTransfer to the view with dragenter, dragover and drop. */
  async dropTransfer(dataTransfer: JSHandle<DataTransfer>): Promise<void> {
    for (const type of ['dragenter', 'dragover', 'drop'])
      await this.view.dispatchEvent(type, { dataTransfer });
  }

  /** Opens a folder tree through the "Open class folders…" picker (files get webkitRelativePath). */
  async openFolder(dir: string): Promise<void> {
    await this.page.getByTestId('open-folder').setInputFiles(dir);
  }

  /** Waits until the run is over (done, cancelled or failed) and returns the phase. */
  async finished(timeout = 240_000): Promise<string> {
    await this.page
      .locator(
        '[data-testid="evaluate-drop"]:is([data-phase="done"],[data-phase="cancelled"],[data-phase="failed"])',
      )
      .waitFor({ timeout });
    return (await this.view.getAttribute('data-phase')) ?? '';
  }

  /** Images done so far, from the progress bar. */
  async done(): Promise<number> {
    return Number(await this.progress.getAttribute('data-done'));
  }

  async totalsData(): Promise<{ count: number; correct: number; accuracy: number }> {
    const read = async (name: string) => Number(await this.totals.getAttribute(`data-${name}`));
    return { count: await read('count'), correct: await read('correct'), accuracy: await read('accuracy') };
  }

  /** Clicks "Export JSON" and parses the downloaded file. */
  async exportJson(): Promise<EvaluationExport> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-json').click();
    const path = await (await download).path();
    return JSON.parse(readFileSync(path, 'utf8')) as EvaluationExport;
  }

  /** Clicks "Export CSV" and returns the file's text and suggested name. */
  async exportCsv(): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-csv').click();
    const d = await download;
    return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
  }
}
