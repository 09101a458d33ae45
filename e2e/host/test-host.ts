import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { methods } from '../../electron/ipc/channels';
import type { MenuCommand } from '../../electron/ipc/contract';
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
      const api: Record<string, unknown> = Object.fromEntries(
        names.map((m) => [m, (...args: unknown[]) => invoke(m, args.map(toWire))]),
      );
      // Main -> renderer events. Electron's main sends them from the menu; here `emitMenuCommand` does,
      // through a hook that only this test host defines (it is not part of window.lens).
      const menuListeners = new Set<(command: unknown) => void>();
      api['onMenuCommand'] = (listener: (command: unknown) => void) => {
        menuListeners.add(listener);
        return () => menuListeners.delete(listener);
      };
      const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      Object.defineProperty(window, '__lensEmitMenuCommand', {
        value: (wire: { kind: string; files?: { name: string; base64: string }[] }) => {
          const command =
            wire.kind === 'open-images'
              ? {
                  ...wire,
                  files: (wire.files ?? []).map((f) => ({ name: f.name, bytes: fromBase64(f.base64) })),
                }
              : wire;
          for (const listener of menuListeners) listener(command);
          return menuListeners.size;
        },
      });
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

/**
 * Sends a menu command to the page as Electron's main does from the application menu (the test host has
 * no native menu or dialog). Bytes travel as base64; returns how many listeners received it.
 */
export async function emitMenuCommand(page: Page, command: MenuCommand): Promise<number> {
  const wire =
    command.kind === 'open-images'
      ? {
          ...command,
          files: command.files.map((f) => ({
            name: f.name,
            base64: Buffer.from(f.bytes).toString('base64'),
          })),
        }
      : command;
  return page.evaluate(
    (c) => (window as unknown as { __lensEmitMenuCommand: (c: unknown) => number }).__lensEmitMenuCommand(c),
    wire,
  );
}
