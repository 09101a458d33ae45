/**
 * For the CLI's tests: runs the real `resnet-lens` (bin/resnet-lens.mjs, which loads the TypeScript
 * through tsx) as a child process and captures what it prints.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test-support/fixtures';

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs `resnet-lens ...args` from the repository root. */
export function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'resnet-lens.mjs'), ...args],
      { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, RESNET_LENS_DEBUG: '' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

/** The lines of stderr, without the empty one after the final newline. */
export function stderrLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => l.length > 0);
}

const tempDirs: string[] = [];

/** A fresh temporary folder; `removeTempDirs` (each test file's afterAll) deletes them all. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `resnet-lens-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
