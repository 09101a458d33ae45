import { defineConfig } from '@playwright/test';

/**
 * Two projects over the same specs: `chromium` runs the built renderer in Debian's Chromium against the
 * test host; `electron` launches the real app and is skipped, with the reason printed, where no Electron
 * binary could be downloaded (as on CI here).
 */
const chromiumFlags = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: { viewport: { width: 1280, height: 800 } },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumFlags,
        },
      },
    },
    { name: 'electron' },
  ],
});
