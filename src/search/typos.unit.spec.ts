import { describe, expect, it } from 'vitest';
import { editDistance, maxTypos } from './typos.js';

describe('editDistance', () => {
  it.each([
    ['headphnes', 'headphones', 1],
    ['wireles', 'wireless', 1],
    ['keybaord', 'keyboard', 1],
    ['wireles', 'wired', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it('stops past the limit', () => {
    expect(editDistance('wireles', 'wired', 1)).toBe(2);
  });
});

describe('maxTypos', () => {
  it('follows word length', () => {
    expect([maxTypos('tv'), maxTypos('lamp'), maxTypos('speaker')]).toEqual([0, 1, 2]);
  });
});
