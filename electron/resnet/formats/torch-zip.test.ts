import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test-support/fixtures';
import { CoreError, type Tensor } from '../tensor';
import { torchZip } from './torch-zip';
import { readZipDirectory } from './zip';

const fixtures: [string, number, string, number[]][] = [
  ['torch/checkpoints/cifar-resnet20-state-dict-zip.pth', 116, 'layer3.2.bn2.num_batches_tracked', []],
  ['torch/checkpoints/tv-basic-1111-c10.pth', 74, 'layer4.0.downsample.0.weight', [512, 256, 1, 1]],
  ['torch/checkpoints/tv-bottleneck-1111-g4w16-c10-fp16.pth', 104, 'layer1.0.conv2.weight', [64, 16, 3, 3]],
];

/** Rewrites a fixture's entries through `edit` (names -> bytes) and zips them again, stored. */
function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => Record<string, Uint8Array>) {
  const files = edit(unzipSync(bytes));
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) out[name] = [data, { level: 0 }];
  return zipSync(out);
}

describe('torch zip: fixtures', () => {
  it.each(fixtures)('%s has %i keys, %s of shape %j', (file, keys, name, shape) => {
    const bytes = readFixture(file);
    expect(torchZip.match(bytes, file)).toBe('magic');
    const root = torchZip.read(bytes).root as Map<string, Tensor>;
    expect(root.size).toBe(keys);
    expect(root.get(name)!.shape).toEqual(shape);
  });

  it('keeps num_batches_tracked as int64 (123 in tv-basic)', () => {
    const root = torchZip.read(readFixture(fixtures[1]![0])).root as Map<string, Tensor>;
    const t = root.get('bn1.num_batches_tracked')!;
    expect(t).toEqual({ dtype: 'int64', shape: [], data: new BigInt64Array([123n]) });
  });

  it('hands out float32 tensors as views into the file bytes (torch.save aligns storages)', () => {
    const bytes = readFixture(fixtures[1]![0]);
    const root = torchZip.read(bytes).root as Map<string, Tensor>;
    const floats = [...root.values()].filter((t) => t.dtype === 'float32');
    expect(floats.length).toBe(62);
    for (const t of floats) expect(t.data.buffer).toBe(bytes.buffer);
    // The view reads the very bytes of the file: the first fc weight equals the float at its offset.
    const fc = root.get('fc.weight')!.data as Float32Array;
    const at = new DataView(bytes.buffer, bytes.byteOffset).getFloat32(
      fc.byteOffset - bytes.byteOffset,
      true,
    );
    expect(fc[0]).toBe(at);
  });

  it('converts float16 storages to float32', () => {
    const root = torchZip.read(readFixture(fixtures[2]![0])).root as Map<string, Tensor>;
    const fc = root.get('fc.weight')!;
    expect(fc.dtype).toBe('float32');
    expect(fc.shape).toEqual([10, 2048]);
    expect(fc.data[0]).toBe(-0.019989013671875);
    expect(root.get('bn1.weight')!.data[0]).toBe(1.03515625);
  });
});

describe('torch zip: corruption', () => {
  const bytes = readFixture(fixtures[0]![0]);

  const without = (suffix: string) =>
    rezip(bytes, (files) => Object.fromEntries(Object.entries(files).filter(([n]) => !n.endsWith(suffix))));

  it('refuses an archive without data.pkl, listing what it has', () => {
    const error = expect.objectContaining({
      code: 'zip-missing-entry',
      message: expect.stringContaining('data/0'),
    });
    expect(() => torchZip.read(without('data.pkl'))).toThrow(error);
  });

  it('refuses an archive missing a storage', () => {
    expect(() => torchZip.read(without('/data/0'))).toThrow(
      expect.objectContaining({ code: 'zip-missing-entry' }),
    );
  });

  it.each([0, 4, 100, 30_000, bytes.length - 30, bytes.length - 1])(
    'truncated to %i bytes -> CoreError',
    (n) => {
      expect(() => torchZip.read(bytes.slice(0, n))).toThrow(CoreError);
    },
  );

  it('refuses a central directory that points past the end', () => {
    const bad = bytes.slice();
    const eocd = bad.length - 22;
    expect(new DataView(bad.buffer).getUint32(eocd, true)).toBe(0x06054b50);
    new DataView(bad.buffer).setUint32(eocd + 16, 0x7ffffff0, true);
    expect(() => readZipDirectory(bad)).toThrow(expect.objectContaining({ code: 'zip-invalid' }));
  });
});
