import { describe, expect, it } from 'vitest';
import { gridGeometry } from './FeatureGrid';
import { tileSize } from './MapControls';

describe('grid geometry', () => {
  it('fits whole tiles with gaps and padding into the width', () => {
    // 700 px, 72 px tiles, 6 px gaps, 8 px padding: floor((700 - 16 + 6) / 78) = 8 columns
    const g = gridGeometry(700, 72, { channels: 2048, height: 7, width: 7 });
    expect(g).toEqual({ cols: 8, rows: 256, tileW: 72, tileH: 72, rowHeight: 72 + 16 + 6 });
  });
  it('keeps the aspect of non-square maps and never has fewer than one column', () => {
    const g = gridGeometry(10, 96, { channels: 3, height: 8, width: 16 });
    expect([g.cols, g.rows, g.tileW, g.tileH]).toEqual([1, 3, 96, 48]);
  });
  it('sizes tiles automatically by channel count unless the user chose a size', () => {
    expect([16, 64, 512, 2048].map((c) => tileSize(0, c))).toEqual([128, 96, 72, 56]);
    expect(tileSize(40, 16)).toBe(40);
  });
});
