import { describe, expect, it } from 'vitest';
import { overlayPixels } from './InputOverlay';

const image = { width: 4, height: 2, data: new Uint8Array(Array.from({ length: 24 }, (_, i) => i * 10)) };
const rgbOf = (d: Uint8ClampedArray) => Array.from(d).filter((_, i) => i % 4 !== 3);

describe('overlayPixels', () => {
  it('is the input itself with no map or opacity 0', () => {
    expect(rgbOf(overlayPixels(image, null, 'viridis', 0.7).data)).toEqual([...image.data]);
    const map = { values: new Float32Array([1, 2]), width: 2, height: 1 };
    expect(rgbOf(overlayPixels(image, map, 'viridis', 0).data)).toEqual([...image.data]);
  });

  it('upsamples the map to the input size and paints it with its own range', () => {
    // a 2 x 1 map [0, 1] over a 4 x 2 input, fully opaque: left half dark, right half bright (viridis)
    const map = { values: new Float32Array([0, 1]), width: 2, height: 1 };
    const out = overlayPixels(image, map, 'viridis', 1);
    expect([out.width, out.height]).toEqual([4, 2]);
    const px = (x: number, y: number) => [...out.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 3)];
    expect(px(0, 0)).toEqual([68, 1, 84]); // viridis(0): Pillow's bilinear keeps the edge value
    expect(px(3, 1)).toEqual([253, 231, 36]); // viridis(1)
    expect(px(0, 1)).toEqual(px(0, 0)); // one map row stretched over both input rows
  });
});
