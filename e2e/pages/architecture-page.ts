import type { Locator, Page } from '@playwright/test';

/** Page object for the Architecture view: `print(model)`, the summary table and the input size. */
export class ArchitecturePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Architecture' }).click();
    await this.view.waitFor();
  }
  get view(): Locator {
    return this.page.getByTestId('architecture-view');
  }
  get printText(): Locator {
    return this.view.getByTestId('print-model');
  }
  get table(): Locator {
    return this.view.getByTestId('summary-table');
  }
  row(path: string): Locator {
    return this.table.locator(`tr[data-path="${path}"]`);
  }
  reason(path: string): Locator {
    return this.table.locator(`tr[data-reason-for="${path}"]`);
  }

  /** The output shape a row shows, as numbers. */
  async shapeOf(path: string): Promise<number[]> {
    return ((await this.row(path).getAttribute('data-shape')) ?? '').split(',').map(Number);
  }

  /** Chooses an input size in the view's picker by its option text (`64×64`, `Standard (32×32)`). */
  async chooseInputSize(label: string): Promise<void> {
    await this.view.getByLabel('Input size').selectOption({ label });
  }

  /** Sets a custom H x W through the picker's "Custom…" fields. */
  async chooseCustomSize(height: number, width: number): Promise<void> {
    await this.view.getByLabel('Input size').selectOption({ label: 'Custom…' });
    await this.view.getByLabel('Height').fill(String(height));
    await this.view.getByLabel('Width').fill(String(width));
    await this.view.getByRole('button', { name: 'Apply' }).click();
  }

  async toggle(path: string): Promise<void> {
    await this.row(path).locator('button.toggle').click();
  }
}
