import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatValue } from './format';

describe('formatValue', () => {
  it('shows 4 significant digits, exponents only for extreme magnitudes', () => {
    expect([0, 0.012345, 12.3456, -3, 1234567, 0.0000123].map(formatValue)).toEqual([
      '0',
      '0.01235',
      '12.35',
      '-3.000',
      '1.23e+6',
      '1.23e-5',
    ]);
    expect(formatValue(NaN)).toBe('NaN');
  });
  it('formats fractions as percentages with one decimal', () => {
    expect([0, 0.875, 1].map(formatPercent)).toEqual(['0.0', '87.5', '100.0']);
  });
});

describe('formatCount', () => {
  it('groups thousands the same way whatever the system locale', () => {
    expect([0, 999, 16384, 1234567].map(formatCount)).toEqual(['0', '999', '16,384', '1,234,567']);
  });
});
