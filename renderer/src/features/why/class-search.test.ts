import { describe, expect, it } from 'vitest';
import { searchClasses } from './class-search';

const labels = ['tabby, tabby cat', 'tiger cat', 'Persian cat', 'cat', 'catamaran', 'bobcat', 'dog'];
const probs = [0.1, 0.3, 0.05, 0.2, 0.01, 0.04, 0.3];

describe('searchClasses', () => {
  it('puts prefix matches first, then word starts, then substrings; ties by probability', () => {
    expect(searchClasses(labels, probs, 'cat')).toEqual([3, 4, 1, 0, 2, 5]);
    expect(searchClasses(labels, probs, 'TABBY_CAT')).toEqual([0]);
  });

  it('finds a class by its number', () => {
    expect(searchClasses(labels, probs, '6')).toEqual([6]);
    expect(searchClasses(labels, probs, '60')).toEqual([]);
  });

  it('matches nothing for an empty query', () => {
    expect(searchClasses(labels, probs, '  ')).toEqual([]);
  });
});
