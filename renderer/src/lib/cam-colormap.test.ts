import { describe, expect, it } from 'vitest';
import { CAM_COLORMAPS, camGradient, camLut, colorize } from './cam-colormap';
import { colormapRgb } from './colormap';

describe('CAM colormaps', () => {
  it('jet is matplotlib jet byte for byte at checked entries (cm.jet(i, bytes=True))', () => {
    const lut = camLut('jet');
    const at = (i: number) => Array.from(lut.subarray(i * 3, i * 3 + 3));
    expect(at(0)).toEqual([0, 0, 127]);
    expect(at(28)).toEqual([0, 0, 254]);
    expect(at(96)).toEqual([21, 255, 225]);
    expect(at(128)).toEqual([124, 255, 121]);
    expect(at(200)).toEqual([255, 118, 0]);
    expect(at(255)).toEqual([127, 0, 0]);
  });

  it('reuses the app colormaps for the others', () => {
    expect(camLut('viridis')).toBe(colormapRgb('viridis'));
  });

  it('paints 0..1 through a 256-entry table, clamped, as RGBA', () => {
    const px = colorize([-1, 0, 1, 2, NaN], 'gray');
    expect(Array.from(px)).toEqual([
      0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255,
    ]);
    for (const m of CAM_COLORMAPS) {
      expect(camLut(m).length).toBe(768);
      expect(camGradient(m)).toMatch(/^linear-gradient\(to right, rgb\(/);
    }
  });
});
