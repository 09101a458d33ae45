import { describe, expect, it } from 'vitest';
import { classFromPath } from './gallery-model';

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
