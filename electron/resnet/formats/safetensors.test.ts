import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test-support/fixtures';
import { CoreError, type Tensor } from '../tensor';
import { safetensors } from './safetensors';

/** Builds a safetensors file; `lengthOverride` writes a lying header length. */
function build(header: unknown, data: Uint8Array, lengthOverride?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(lengthOverride ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const data = new Uint8Array(new Float32Array([1, 2, 3, 4, 5, 6]).buffer);
const good = {
  a: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
  b: { dtype: 'BF16', shape: [2], data_offsets: [16, 20] },
  c: { dtype: 'I64', shape: [], data_offsets: [16, 24] },
};

describe('safetensors', () => {
  it('reads the ResNet-20 fixture with its metadata', () => {
    const bytes = readFixture('cifar10/resnet20-12fca82f.safetensors');
    expect(safetensors.match(bytes, 'x')).toBe('magic');
    const { root, meta } = safetensors.read(bytes);
    const sd = root as Map<string, Tensor>;
    expect(sd.size).toBe(97);
    expect(sd.get('module.conv1.weight')!.shape).toEqual([16, 3, 3, 3]);
    expect(meta).toMatchObject({ best_prec1: '91.78000183105469' });
  });

  it('reads a hand-built file in header order', () => {
    const header = { __metadata__: { k: 'v' }, a: good.a, b: good.b };
    const { root, meta } = safetensors.read(build(header, data.subarray(0, 20)));
    const sd = root as Map<string, Tensor>;
    expect([...sd.keys()]).toEqual(['a', 'b']);
    expect([...sd.get('a')!.data]).toEqual([1, 2, 3, 4]);
    // bfloat16 is the top half of a float32: 5.0f = 0x40a00000 stores 0x0000 then 0x40a0 (LE).
    expect(sd.get('b')!.data[1]).toBe(5);
    expect(meta).toEqual({ k: 'v' });
  });

  const bad: [string, Uint8Array][] = [
    ['a header length past the end', build(good, data, 10_000)],
    ['a 4 GiB header length', build(good, data, 2 ** 32)],
    ['a header length over 100 MB', build(good, data, 200_000_000)],
    ['a header that is not JSON', build(good, data, 20)],
    ['a header that is a list', build([1, 2], data)],
    ['offsets past the data', build({ a: { dtype: 'F32', shape: [8], data_offsets: [0, 32] } }, data)],
    ['reversed offsets', build({ a: { dtype: 'F32', shape: [0], data_offsets: [8, 4] } }, data)],
    [
      'a size that is not numel*itemsize',
      build({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 16] } }, data),
    ],
    ['overlapping entries', build({ a: good.a, c: good.c, d: { ...good.c, data_offsets: [12, 20] } }, data)],
    ['an unknown dtype', build({ a: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, data)],
    ['a negative dimension', build({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, data)],
    ['a non-object entry', build({ a: 3 }, data)],
    ['non-object metadata', build({ __metadata__: 'x' }, data)],
    ['a 3-byte file', new Uint8Array([1, 2, 3])],
  ];
  it.each(bad)('refuses %s', (_name, bytes) => {
    expect(() => safetensors.read(bytes)).toThrow(CoreError);
    expect(() => safetensors.read(bytes)).toThrow(expect.objectContaining({ code: 'safetensors-invalid' }));
  });

  it('truncating the data section is caught by the offsets check', () => {
    const bytes = readFixture('cifar10/resnet20-12fca82f.safetensors');
    expect(() => safetensors.read(bytes.slice(0, bytes.length - 1))).toThrow(CoreError);
  });
});
