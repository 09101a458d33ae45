import { describe, expect, it } from 'vitest';
import { classFromPath, galleryGeometry, moveInGrid } from './gallery-model';

const cifar = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

describe('classFromPath', () => {
  it.each([
    ['test0008_cat.png', 3],
    ['test0009_automobile.png', 1],
    ['photos/dog/IMG_0001.jpg', 5],
    ['random.png', null],
    ['test0001_spaceship.png', null],
  ])('%s -> %s', (path, expected) => {
    expect(classFromPath(path, cifar)).toBe(expected);
  });
  it('matches multi-word ImageNet-style labels', () => {
    expect(classFromPath('x_tabby_cat.jpg', ['dog', 'tabby cat'])).toBe(1);
  });
});

describe('galleryGeometry', () => {
  it('fits two square columns in the 164 px sidebar, more in a wider one', () => {
    expect(galleryGeometry(164, 5)).toEqual({ columns: 2, cell: 79, rowHeight: 85, rows: 3 });
    expect(galleryGeometry(300, 500).columns).toBe(4);
    expect(galleryGeometry(300, 500).rows).toBe(125);
  });
  it('never has zero columns or a negative cell', () => {
    expect(galleryGeometry(0, 3)).toEqual({ columns: 1, cell: 1, rowHeight: 7, rows: 3 });
  });
});

describe('moveInGrid', () => {
  it.each([
    [0, 'ArrowRight', 1],
    [0, 'ArrowLeft', 0],
    [1, 'ArrowDown', 3],
    [3, 'ArrowUp', 1],
    [4, 'ArrowDown', 4],
    [2, 'Home', 0],
    [0, 'End', 4],
    [-1, 'ArrowDown', 0],
  ])('from %i, %s -> %i (2 columns, 5 images)', (from, key, to) => {
    expect(moveInGrid(from, key, 2, 5)).toBe(to);
  });
  it('ignores other keys and empty galleries', () => {
    expect(moveInGrid(0, 'a', 2, 5)).toBeNull();
    expect(moveInGrid(0, 'ArrowRight', 2, 0)).toBeNull();
  });
});
