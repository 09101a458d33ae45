import { describe, expect, it } from 'vitest';
import { readFixture } from '../test-support/fixtures';
import { headerSize, oversizeReason } from './image-header';

function pngClaiming(width: number, height: number): Uint8Array {
  const b = readFixture('images/cifar10-png/test0000_cat.png').slice();
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

describe('image headers', () => {
  it('read the real sizes of the fixture images', () => {
    expect(headerSize(readFixture('images/cifar10-png/test0000_cat.png'), 'png')).toEqual({
      width: 32,
      height: 32,
    });
    expect(headerSize(readFixture('images/photos/rocket.jpg'), 'jpeg')).toEqual({ width: 640, height: 427 });
  });
  it('refuse a PNG that claims 30000 x 30000 before decoding', () => {
    expect(oversizeReason(pngClaiming(30000, 30000), 'png', 'huge.png')).toBe(
      'huge.png: 30000x30000 is 900 megapixels, more than the 50 the CLI decodes',
    );
    expect(oversizeReason(pngClaiming(5000, 5000), 'png', 'ok.png')).toBeNull();
  });
  it('say nothing for truncated or unknown headers (the decoder reports those)', () => {
    expect(headerSize(new Uint8Array([0xff, 0xd8, 0xff]), 'jpeg')).toBeNull();
    expect(headerSize(new Uint8Array(10), 'png')).toBeNull();
  });
});
