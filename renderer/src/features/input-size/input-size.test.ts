import { describe, expect, it } from 'vitest';
import { choiceValue, inputHW, parseChoice, sameChoice } from './input-size';

const cifar = { height: 32, width: 32 };

describe('input size choices', () => {
  it('round-trips through the select value', () => {
    for (const c of [
      { kind: 'standard' } as const,
      { kind: 'native' } as const,
      { kind: 'custom', height: 64, width: 48 } as const,
    ]) {
      expect(parseChoice(choiceValue(c))).toEqual(c);
    }
  });

  it('falls back to the standard size for malformed or out-of-bounds values', () => {
    expect(parseChoice('64x')).toEqual({ kind: 'standard' });
    expect(parseChoice('4x4')).toEqual({ kind: 'standard' });
    expect(parseChoice('5000x64')).toEqual({ kind: 'standard' });
    expect(parseChoice('')).toEqual({ kind: 'standard' });
  });

  it('gives the H x W the model receives', () => {
    const img = { width: 640, height: 480 };
    expect(inputHW({ kind: 'standard' }, cifar, img)).toEqual([32, 32]);
    expect(inputHW({ kind: 'custom', height: 64, width: 96 }, cifar, img)).toEqual([64, 96]);
    expect(inputHW({ kind: 'native' }, cifar, img)).toEqual([480, 640]);
    expect(inputHW({ kind: 'native' }, cifar, null)).toEqual([32, 32]);
  });

  it('compares choices by what they feed', () => {
    expect(sameChoice({ kind: 'custom', height: 64, width: 64 }, parseChoice('64x64'))).toBe(true);
    expect(sameChoice({ kind: 'standard' }, { kind: 'native' })).toBe(false);
  });
});
