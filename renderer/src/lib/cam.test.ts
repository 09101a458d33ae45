import { describe, expect, it } from 'vitest';
import {
  channelMap,
  channelMeans,
  classActivationMap,
  decodeHeadWeights,
  encodeFloat32Base64,
  featureMapsOf,
  mapMean,
  normalizeMap,
  topContributions,
  upsampleMap,
  type HeadWeights,
} from './cam';

// Three 2x2 channels and a two-class head, small enough to check by hand.
const features = featureMapsOf(
  Float32Array.from([1, 2, 3, 4, /* k=1 */ 0, 0, 0, 8, /* k=2 */ -1, -1, -1, -1]),
  [1, 3, 2, 2],
);
const head: HeadWeights = {
  classes: 2,
  channels: 3,
  weight: Float32Array.from([0.5, 1, 2, /* class 1 */ -1, 0.25, 0]),
  bias: Float32Array.from([0.1, -0.2]),
};

describe('classActivationMap', () => {
  it('is sum_k w[c,k] A_k', () => {
    // class 0: 0.5*[1,2,3,4] + 1*[0,0,0,8] + 2*[-1,-1,-1,-1]
    expect(Array.from(classActivationMap(features, head, 0))).toEqual([-1.5, -1, -0.5, 8]);
    expect(Array.from(classActivationMap(features, head, 1))).toEqual([-1, -2, -3, -2]);
  });

  it('averages to the logit minus the bias (global average pool -> fc)', () => {
    const means = channelMeans(features);
    for (let c = 0; c < 2; c++) {
      let logit = head.bias[c]!;
      for (let k = 0; k < 3; k++) logit += head.weight[c * 3 + k]! * means[k]!;
      expect(mapMean(classActivationMap(features, head, c)) + head.bias[c]!).toBeCloseTo(logit, 12);
    }
  });

  it('refuses a class or channel count the head does not have', () => {
    expect(() => classActivationMap(features, head, 2)).toThrow(/class 2/);
    expect(() => classActivationMap(features, { ...head, channels: 4 }, 0)).toThrow(/4 channels/);
  });
});

describe('topContributions', () => {
  it('ranks channels by w[c,k] * mean(A_k), largest first', () => {
    const top = topContributions(features, head, 0, 10);
    expect(top.map((t) => t.channel)).toEqual([1, 0, 2]);
    expect(top[0]).toEqual({ channel: 1, weight: 1, mean: 2, contribution: 2 });
    expect(top[1]!.contribution).toBeCloseTo(1.25, 12);
    expect(top[2]!.contribution).toBe(-2);
    expect(topContributions(features, head, 0, 1)).toHaveLength(1);
  });
});

describe('maps', () => {
  it('takes one channel as a view', () => {
    expect(Array.from(channelMap(features, 1))).toEqual([0, 0, 0, 8]);
  });

  it('normalizes min..max or 0..max, and a flat map to zeros', () => {
    expect(Array.from(normalizeMap([-1, 0, 3], 'minmax'))).toEqual([0, 0.25, 1]);
    expect(Array.from(normalizeMap([-1, 0, 2], 'positive'))).toEqual([0, 0, 1]);
    expect(Array.from(normalizeMap([2, 2], 'minmax'))).toEqual([0, 0]);
    expect(Array.from(normalizeMap([-2, -1], 'positive'))).toEqual([0, 0]);
  });

  it('upsamples with a bilinear filter that keeps constants and the mean of a ramp', () => {
    const flat = upsampleMap(Float32Array.from([3, 3, 3, 3]), 2, 2, 8, 8);
    expect(flat).toHaveLength(64);
    flat.forEach((v) => expect(v).toBeCloseTo(3, 6));
    const ramp = upsampleMap(Float32Array.from([0, 1, 0, 1]), 2, 2, 4, 2);
    expect(Array.from(ramp.subarray(0, 4)).map((v) => +v.toFixed(4))).toEqual([0, 0.25, 0.75, 1]);
  });

  it('checks feature map dims', () => {
    expect(() => featureMapsOf(new Float32Array(3), [1, 1, 2, 2])).toThrow(/needs 4 values/);
    expect(() => featureMapsOf(new Float32Array(4), [4])).toThrow(/expected \[N, C, H, W\]/);
  });
});

describe('head weights wire form', () => {
  it('round-trips float32 bytes through base64', () => {
    const weight = Float32Array.from({ length: 20000 }, (_, i) => Math.fround(Math.sin(i) * 3));
    const decoded = decodeHeadWeights({
      weight: encodeFloat32Base64(weight),
      bias: [1, 2],
      classes: 2,
      channels: 10000,
    });
    expect(decoded.weight).toEqual(weight);
    expect(Array.from(decoded.bias)).toEqual([1, 2]);
  });

  it('refuses a weight of the wrong size', () => {
    const weight = encodeFloat32Base64(new Float32Array(5));
    expect(() => decodeHeadWeights({ weight, bias: [0, 0], classes: 2, channels: 3 })).toThrow(
      /expected 24 bytes/,
    );
  });
});
