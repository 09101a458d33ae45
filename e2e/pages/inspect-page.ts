import type { Locator } from '@playwright/test';
import { LensPage } from './lens-page';

/** Page object for the Inspect view: the stage navigator, the feature-map grid, the zoom, the stats. */
export class InspectPage extends LensPage {
  get navigator(): Locator {
    return this.page.getByRole('tree');
  }
  /** The navigator row of an output (`layer2`, `layer2.0.conv1`). */
  stageRow(output: string): Locator {
    return this.page.locator(`[role="treeitem"][data-output="${output}"]`);
  }
  get grid(): Locator {
    return this.page.getByTestId('feature-grid');
  }
  get tiles(): Locator {
    return this.grid.getByTestId('channel-tile');
  }
  get stageShape(): Locator {
    return this.page.getByTestId('stage-shape');
  }
  get zoom(): Locator {
    return this.page.getByTestId('channel-zoom');
  }
  get readout(): Locator {
    return this.page.getByTestId('zoom-readout');
  }
  get deadChannels(): Locator {
    return this.page.getByTestId('dead-channel');
  }

  /** Opens a stage from the navigator, opening its parents first, and waits for its grid. */
  async selectStage(output: string): Promise<void> {
    const parts = output.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parent = this.stageRow(parts.slice(0, i).join('.'));
      if ((await parent.count()) > 0 && (await parent.getAttribute('aria-expanded')) === 'false') {
        await parent.locator('.nav-twisty').click();
      }
    }
    await this.stageRow(output).click();
    await this.waitForStage(output);
  }

  /** Waits until the grid shows this output. */
  async waitForStage(output: string): Promise<void> {
    await this.page
      .locator(`.fm-head code`, { hasText: new RegExp(`^${output.replace(/\./g, '\\.')}$`) })
      .waitFor();
    await this.grid.waitFor();
  }

  async channelCount(): Promise<number> {
    return Number(await this.grid.getAttribute('data-channel-count'));
  }

  /** The channel indices of the tiles in display order (the rendered rows only: the grid is virtual). */
  async tileOrder(): Promise<number[]> {
    return this.tiles.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-channel'))));
  }

  /** A stage statistic as the UI holds it (full precision, from the element's data-value). */
  async stageStat(name: 'mean' | 'std' | 'min' | 'max' | 'zero' | 'count'): Promise<number> {
    return Number(await this.page.getByTestId(`stage-${name}`).getAttribute('data-value'));
  }

  async sortBy(key: 'index' | 'mean' | 'max' | 'zero'): Promise<void> {
    await this.page.getByTestId('sort').selectOption(key);
  }

  async deadList(): Promise<number[]> {
    return this.deadChannels.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-channel'))));
  }
}
