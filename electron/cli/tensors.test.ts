/**
 * The CLI's image path (decode with pngjs/jpeg-js, EXIF orientation, recipe, ToTensor, Normalize) against
 * torchvision's ImageNet eval transform of the same photos (fixtures/torch/preprocess, PIL + torchvision).
 */
import { describe, expect, test } from 'vitest';
import { fixturePath, readFixtureF32 } from '../test-support/fixtures';
import { readImage } from './images';
import { defaultPreprocessing, imageToTensor, preprocessOverrides } from './tensors';

const maxAbsDiff = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('imageToTensor with the ImageNet recipe equals torchvision', () => {
  test.each(['chelsea.png', 'coffee.png', 'astronaut.png'])('%s, bit for bit', (file) => {
    const t = imageToTensor(
      readImage(fixturePath(`images/photos/${file}`)),
      defaultPreprocessing('imagenet'),
    );
    expect([t.height, t.width]).toEqual([224, 224]);
    const ref = readFixtureF32(`torch/preprocess/${file.replace('.png', '')}.imagenet224.f32`);
    // Same decoded pixels, PIL's resampler reproduced bit for bit, float32 steps as torch: exact.
    expect(maxAbsDiff(t.data, ref)).toBe(0);
  });

  test('a JPEG with EXIF orientation 6 is turned upright before the recipe', () => {
    const t = imageToTensor(
      readImage(fixturePath('images/photos/chelsea-exif-orientation-6.jpg')),
      defaultPreprocessing('imagenet'),
    );
    const ref = readFixtureF32('torch/preprocess/chelsea-exif-orientation-6.imagenet224.f32');
    // jpeg-js and libjpeg decode the same file a few levels apart; an unrotated image would be far off.
    let sum = 0;
    for (let i = 0; i < ref.length; i++) sum += Math.abs(t.data[i]! - ref[i]!);
    expect(sum / ref.length).toBeLessThan(0.05);
  });
});

describe('preprocessing options for imported models', () => {
  const img = { width: 2, height: 1, data: new Uint8Array([255, 0, 51, 0, 102, 255]) };

  test('--channel-order bgr --scale 255 --mean/--std in the model channel order', () => {
    const p = {
      ...defaultPreprocessing('imagenet'),
      ...preprocessOverrides({
        'channel-order': 'bgr',
        scale: '255',
        mean: '1,2,3',
        std: '2,2,2',
        size: '1x2',
      }),
    };
    const t = imageToTensor(img, p);
    expect([t.height, t.width]).toEqual([1, 2]);
    // channel 0 is blue: (51 - 1) / 2, (255 - 1) / 2; green: (0 - 2) / 2, (102 - 2) / 2; red: (255 - 3) / 2, (0 - 3) / 2
    expect(Array.from(t.data)).toEqual([25, 127, -1, 50, 126, -1.5]);
  });

  test('--scale 1 is ToTensor (x / 255)', () => {
    const p = {
      ...defaultPreprocessing('imagenet'),
      ...preprocessOverrides({ size: '1x2', mean: '0,0,0', std: '1,1,1' }),
    };
    expect(Array.from(imageToTensor(img, p).data)).toEqual([1, 0, 0, 0.4, 0.2, 1].map(Math.fround));
  });
});
