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
}
