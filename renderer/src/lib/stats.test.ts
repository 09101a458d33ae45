import { describe, expect, it } from 'vitest';
import { channelMeanMap, channelOrder, channelSlice, channelStats, layoutOf } from './stats';

// Two channels of 2 x 2: [[0, 1], [2, 3]] and all zeros.
const data = new Float32Array([0, 1, 2, 3, 0, 0, 0, 0]);
const layout = { channels: 2, height: 2, width: 2 };

describe('layoutOf', () => {
  it('reads NCHW, NF and CHW', () => {
    expect(layoutOf([1, 64, 8, 8])).toEqual({ channels: 64, height: 8, width: 8 });
    expect(layoutOf([1, 10])).toEqual({ channels: 10, height: 1, width: 1 });
    expect(layoutOf([3, 4, 5])).toEqual({ channels: 3, height: 4, width: 5 });
    expect(() => layoutOf([5])).toThrow(/cannot show/);
  });
});

describe('channelStats', () => {
  it('gives per-channel mean, min, max and fraction of zeros', () => {
    const s = channelStats(data, layout);
    expect([...s.mean]).toEqual([1.5, 0]);
    expect([...s.min]).toEqual([0, 0]);
    expect([...s.max]).toEqual([3, 0]);
    expect([...s.zero]).toEqual([0.25, 1]);
  });

  it('gives the stage summary numpy gives (np.mean, np.std with ddof 0, zeros)', () => {
    const s = channelStats(data, layout).stage;
    expect(s.count).toBe(8);
    expect(s.mean).toBe(0.75);
    expect(s.std).toBeCloseTo(1.0897247358851685, 12);
    expect([s.min, s.max, s.zero, s.nonFinite]).toEqual([0, 3, 5 / 8, 0]);
  });

  it('leaves NaN and infinities out of every figure and counts them', () => {
    const s = channelStats(new Float32Array([1, NaN, 3, Infinity]), { channels: 1, height: 2, width: 2 });
    expect(s.mean[0]).toBe(2);
    expect(s.stage.nonFinite).toBe(2);
    expect(s.stage.max).toBe(3);
  });

  it('reads only the first item of a batch', () => {
    const batch = new Float32Array([...data, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(channelStats(batch, layout).stage.max).toBe(3);
  });

  it('refuses data shorter than the layout', () => {
    expect(() => channelStats(new Float32Array(3), layout)).toThrow(/expected 8 values/);
  });
});

describe('channelOrder', () => {
  const s = channelStats(
    new Float32Array([
      // channel 0: mean 1, max 2, zero 0.5
      0, 2, 0, 2,
      // channel 1: mean 1, max 1, zero 0
      1, 1, 1, 1,
      // channel 2: mean 0.5, max 2, zero 0.75
      0, 0, 0, 2,
    ]),
    { channels: 3, height: 2, width: 2 },
  );
  it('sorts descending by the statistic, ties by index', () => {
    expect([...channelOrder(s, 'index')]).toEqual([0, 1, 2]);
    expect([...channelOrder(s, 'mean')]).toEqual([0, 1, 2]);
    expect([...channelOrder(s, 'max')]).toEqual([0, 2, 1]);
    expect([...channelOrder(s, 'zero')]).toEqual([2, 0, 1]);
  });
});

describe('channel maps', () => {
  it('averages over channels at every pixel', () => {
    expect([...channelMeanMap(data, layout)]).toEqual([0, 0.5, 1, 1.5]);
  });
  it('slices one channel without copying', () => {
    const c = channelSlice(data, layout, 0);
    expect([...c]).toEqual([0, 1, 2, 3]);
    expect(c.buffer).toBe(data.buffer);
  });
});
