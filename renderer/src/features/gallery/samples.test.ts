import { describe, expect, it } from 'vitest';
import { classFromPath } from './gallery-model';
import { parseSampleManifest } from './samples';

type Fs = { readFileSync(path: string, encoding: 'utf8'): string; statSync(path: string): { size: number } };

/**
 * Node's fs under vitest, without an import the renderer's layering rules refuse (as
 * lib/cam.fixture.test.ts does): `process.getBuiltinModule` (Node 20.16+).
 */
function nodeFs(): Fs {
  const proc = (globalThis as unknown as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) throw new Error('this test needs Node 20.16+ (process.getBuiltinModule)');
  return fs;
}

const fs = nodeFs();
const repoPath = (relative: string) => new URL(`../../../../${relative}`, import.meta.url).pathname;
const samplePath = (file: string) => repoPath(`renderer/public/samples/${file}`);
const manifest = JSON.parse(fs.readFileSync(samplePath('manifest.json'), 'utf8')) as unknown;
const cifar = fs.readFileSync(repoPath('resources/labels/cifar10-classes.txt'), 'utf8').trim().split('\n');

describe('bundled samples', () => {
  const samples = parseSampleManifest(manifest);
  it('every manifest entry is valid, exists, is small and named in the README with its licence', () => {
    const readme = fs.readFileSync(samplePath('README.md'), 'utf8');
    expect(samples).toHaveLength((manifest as { samples: unknown[] }).samples.length);
    expect(samples.filter((s) => s.kind === 'cifar10').length).toBeGreaterThanOrEqual(4);
    expect(samples.filter((s) => s.kind === 'photo').length).toBeGreaterThanOrEqual(2);
    for (const s of samples) {
      expect(fs.statSync(samplePath(s.file)).size, s.file).toBeLessThan(150 * 1024);
      expect(readme, s.file).toContain(s.file);
      expect(s.licence).not.toBe('');
    }
  });
  it('the CIFAR samples carry their true class in the name (the app shows right or wrong)', () => {
    for (const s of samples.filter((x) => x.kind === 'cifar10')) {
      const cls = classFromPath(s.file, cifar);
      expect(cls, s.file).not.toBeNull();
      expect(s.title).toContain(`(${cifar[cls!]})`);
    }
  });
  it('refuses malformed entries and paths', () => {
    expect(() => parseSampleManifest({})).toThrow('no samples list');
    const ok = { file: 'a.png', title: 'a', kind: 'photo', source: 's', licence: 'CC0' };
    expect(
      parseSampleManifest({ samples: [ok, { ...ok, file: '../x.png' }, { ...ok, kind: 'x' }, null] }),
    ).toEqual([ok]);
  });
});
