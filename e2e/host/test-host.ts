import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { methods } from '../../electron/ipc/channels';
import { dispatch } from '../../electron/ipc/dispatch';
import { createServices, type LibraryTuning } from '../../electron/main/services';
import { serve, type AppServer } from '../../electron/test-support/app-server';

/** Undoes the page side's byte encoding (top-level arguments only, as the contract passes bytes). */
function fromWire(args: unknown): unknown {
  if (!Array.isArray(args)) return args;
  return args.map((a) =>
    a && typeof a === 'object' && '__bytes' in a && typeof a.__bytes === 'string'
      ? new Uint8Array(Buffer.from(a.__bytes, 'base64'))
      : a,
  );
}

export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Build output folder (`out` unless LENS_OUT_DIR says otherwise, so parallel builds need not collide). */
export const outDir = resolve(repoRoot, process.env['LENS_OUT_DIR'] ?? 'out');

/**
 * The e2e host: what Electron's main process does, minus Electron. It serves the built renderer and the
 * model build cache over HTTP on loopback with the same resolver and isolation headers as the `lens:`
 * protocol, and implements `window.lens` by calling the same main-process services through the same
 * `dispatch` that Electron's IPC handlers use. Only the transport differs.
 */
export class TestHost {
  private constructor(
    readonly origin: string,
    private readonly server: AppServer,
    private readonly services: ReturnType<typeof createServices>['services'],
    readonly library: ReturnType<typeof createServices>['library'],
    private readonly tempDir: string,
  ) {}

  /** `tuning.downloadBaseUrl` points official downloads at a loopback server. */
  static async start(tuning: LibraryTuning = {}): Promise<TestHost> {
    const tempDir = mkdtempSync(join(tmpdir(), 'resnet-lens-e2e-'));
    const roots = { rendererDir: join(outDir, 'renderer'), modelCacheDir: join(tempDir, 'model-cache') };
    const { services, library } = createServices(
      { resourcesDir: join(repoRoot, 'resources'), modelCacheDir: roots.modelCacheDir },
      { name: 'test-host', version: '0.0.0-test', platform: process.platform },
      tuning,
    );
    const server = await serve(roots);
    return new TestHost(server.origin, server, services, library, tempDir);
  }

  /** Gives the page its `window.lens` (before any of its scripts run) and opens the app. */
  async open(page: Page): Promise<void> {
    await page.exposeBinding('__lensInvoke', (_source, method: string, args: unknown) =>
      dispatch(this.services, method, fromWire(args)),
    );
    await page.addInitScript((names: string[]) => {
      const invoke = (window as unknown as { __lensInvoke: (m: string, a: unknown[]) => Promise<unknown> })
        .__lensInvoke;
      // Playwright's binding carries JSON; Electron's IPC carries bytes natively. Encode bytes as base64.
      const toWire = (v: unknown): unknown => {
        if (!(v instanceof Uint8Array)) return v;
        let binary = '';
        for (let i = 0; i < v.length; i += 0x8000)
          binary += String.fromCharCode(...v.subarray(i, i + 0x8000));
        return { __bytes: btoa(binary) };
      };
      const api = Object.fromEntries(
        names.map((m) => [m, (...args: unknown[]) => invoke(m, args.map(toWire))]),
      );
      Object.defineProperty(window, 'lens', { value: Object.freeze(api), writable: false });
    }, methods);
    await page.goto(`${this.origin}/index.html`);
  }

  async stop(): Promise<void> {
    this.library.dispose();
    await this.server.close();
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}
