import { describe, expect, it } from 'vitest';
import { readFixtureJson } from '../../test-support/fixtures';
import { archSpecFromName } from './builders';
import { buildModel } from './build';
import { formatSummary, humanCount, summarize, withCommas } from './summary';

const ref = readFixtureJson<{ archs: Record<string, { params: number; macs_64: number }> }>(
  'torch/architectures/summary.json',
).archs;

describe('summarize', () => {
  const s = summarize(buildModel(archSpecFromName('resnet18')), [1, 3, 64, 64]);

  it('has one row per named module with totals equal to PyTorch', () => {
    expect(s.rows).toHaveLength(68);
    expect(s.totalParams).toBe(ref['resnet18']!.params);
    expect(s.totalMacs).toBe(ref['resnet18']!.macs_64);
    const leafParams = s.rows.filter((r) => r.isLeaf).reduce((a, r) => a + r.params, 0);
    expect(leafParams).toBe(s.totalParams);
  });

  it('describes each row', () => {
    expect(s.rows[0]).toMatchObject({ path: '', type: 'ResNet', depth: 0, outputShape: [1, 1000] });
    const ds = s.rows.find((r) => r.path === 'layer2.0.downsample.0');
    expect(ds).toMatchObject({
      type: 'Conv2d',
      depth: 4,
      index: 1,
      outputShape: [1, 128, 8, 8],
      params: 8192,
    });
    expect(ds!.macs).toBe(8192 * 64);
  });

  it('formats a torchinfo-like table', () => {
    const text = formatSummary(s);
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^Layer \(type:depth-idx\)\s+Output Shape\s+Param #\s+Mult-Adds$/);
    expect(lines[3]).toMatch(/^ResNet\s+\[1, 1000\]\s+--\s+--$/);
    expect(lines[4]).toMatch(/^├─Conv2d: 1-1\s+\[1, 64, 32, 32\]\s+9,408\s+9,633,792$/);
    expect(text).toContain('│    └─BasicBlock: 2-2');
    expect(text).toMatch(/└─Linear: 1-10\s+\[1, 1000\]\s+513,000\s+512,000/);
    expect(text).toContain('Total params: 11,689,512\n');
    expect(text).toContain('Total mult-adds: 148.56 M\n');
  });

  it('formats numbers', () => {
    expect(withCommas(1234567)).toBe('1,234,567');
    expect(withCommas(12)).toBe('12');
    expect(humanCount(1814073344)).toBe('1.81 G');
    expect(humanCount(999)).toBe('999');
  });
});
