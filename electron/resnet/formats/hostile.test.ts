import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test-support/fixtures';
import { CoreError } from '../tensor';
import { readCheckpoint } from './index';

/**
 * Hostile checkpoints (fixtures/hostile, made by make_hostile.py with real torch.save): pickles that call
 * os.system, posix.system, builtins.eval, subprocess.Popen and getattr(__import__('os'), 'system'), each
 * trying to create /tmp/resnet-lens-pwned-<name>, plus a whole pickled nn.Linear. Every one must be refused
 * with the global named, and no marker may appear. The last test proves the files are truly hostile: Python
 * loading them does create the markers.
 */

const dir = join(repoRoot, 'fixtures', 'hostile');
const marker = (name: string) => `/tmp/resnet-lens-pwned-${name}`;
const PYTHON = '/usr/bin/python3';

/** File stem -> the global its pickle must be refused for. */
const GLOBALS: Record<string, string> = {
  'os-system': 'os.system',
  'posix-system': 'posix.system',
  'builtins-eval': 'builtins.eval',
  'subprocess-popen': 'subprocess.Popen',
  'builtins-getattr': 'builtins.getattr',
  'torch-nn-linear': 'torch.nn.modules.linear.Linear',
};

const files = readdirSync(dir).filter((f) => /\.(pth|th)$/.test(f));
const stem = (file: string) => file.replace(/\.(pth|th)$/, '');

describe('hostile checkpoints', () => {
  it('are all here: every payload in both the zip (.pth) and legacy (.th) formats', () => {
    expect(files.sort()).toEqual(
      Object.keys(GLOBALS)
        .flatMap((n) => [`${n}.pth`, `${n}.th`])
        .sort(),
    );
  });

  it.each(files)('%s is refused, naming its global, and runs nothing', (file) => {
    rmSync(marker(stem(file)), { force: true });
    let error: unknown = null;
    try {
      readCheckpoint(new Uint8Array(readFileSync(join(dir, file))), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('pickle-global');
    expect((error as CoreError).message).toContain(`refuses global ${GLOBALS[stem(file)]}:`);
    expect(existsSync(marker(stem(file)))).toBe(false);
  });

  it('says a whole pickled model should be saved as a state_dict', () => {
    expect(() =>
      readCheckpoint(new Uint8Array(readFileSync(join(dir, 'torch-nn-linear.pth'))), 'm.pth'),
    ).toThrow('save `model.state_dict()` instead');
  });

  it('are truly hostile: torch.load in Python creates every marker', (ctx) => {
    const skip = (why: string) => {
      console.log(`hostile fixtures not loaded in Python: ${why}`);
      ctx.skip();
    };
    if (!existsSync(PYTHON)) return skip(`no ${PYTHON} here`);
    const payloads = Object.keys(GLOBALS).filter((n) => n !== 'torch-nn-linear');
    for (const name of payloads) rmSync(marker(name), { force: true });
    const paths = files.map((f) => join(dir, f));
    const run = spawnSync(PYTHON, [join(dir, 'make_hostile.py'), '--load', ...paths], { encoding: 'utf8' });
    if (run.stderr.includes("No module named 'torch'")) return skip(`${PYTHON} has no torch`);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, { loaded?: string; error?: string }>;
    try {
      for (const name of payloads) expect(existsSync(marker(name)), marker(name)).toBe(true);
      for (const ext of ['pth', 'th']) {
        expect(report[join(dir, `torch-nn-linear.${ext}`)]?.loaded).toBe('torch.nn.modules.linear.Linear');
      }
    } finally {
      for (const name of payloads) rmSync(marker(name), { force: true });
    }
  });
});
