import { describe, expect, it } from 'vitest';
import { classFromPath } from './gallery-model';
import { withFolderPath } from './useGallery';

const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

describe('withFolderPath', () => {
  it('keeps the path inside a dropped folder, so a folder per class names the true class', () => {
    const file = withFolderPath(new File([new Uint8Array(4)], 'IMG_0001.jpg'), '/pets/dog/IMG_0001.jpg');
    expect(pathOf(file)).toBe('pets/dog/IMG_0001.jpg');
    expect(file.name).toBe('IMG_0001.jpg');
    expect(classFromPath(pathOf(file), ['cat', 'dog'])).toBe(1);
  });

  it('leaves a file dropped on its own as it is', () => {
    const file = withFolderPath(new File([new Uint8Array(4)], 'test0008_cat.png'), '/test0008_cat.png');
    expect(pathOf(file)).toBe('test0008_cat.png');
  });
});
