import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test as base, _electron, type Page } from '@playwright/test';
import { TestHost, outDir } from './host/test-host';

/** Path of the Electron binary if the `electron` package could download it, else why not. */
export function electronBinary(): { path: string } | { missing: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
  } catch (err) {
    return { missing: `the electron package has no binary (${(err as Error).message.split('\n')[0]})` };
  }
}

/**
 * `app` is the ResNet Lens window: in the `chromium` project, Debian's Chromium against the test host
 * (the real renderer and the real main-process services); in the `electron` project, the real app.
 */
export const test = base.extend<{ app: Page }>({
  app: async ({ playwright, launchOptions, viewport }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const binary = electronBinary();
      if ('missing' in binary) {
        console.log(`[electron project] skipped: ${binary.missing}`);
        testInfo.skip(true, binary.missing);
        return;
      }
      const electronApp = await _electron.launch({
        executablePath: binary.path,
        args: [join(outDir, 'main', 'index.js')],
      });
      const window = await electronApp.firstWindow();
      await use(window);
      await electronApp.close();
      return;
    }
    const browser = await playwright.chromium.launch(launchOptions);
    const page = await browser.newPage({ viewport });
    const host = await TestHost.start();
    await host.open(page);
    await use(page);
    await browser.close();
    await host.stop();
  },
});

export { expect } from '@playwright/test';
