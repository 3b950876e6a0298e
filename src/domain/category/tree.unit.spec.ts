import { describe, expect, it } from 'vitest';
import { slugify } from './names.js';
import { categoryPath, descendantsOf } from './tree.js';
import { catalog } from './category.fixtures.js';

describe('categoryPath', () => {
  it('lists ids from the root down to the category', () => {
    expect(categoryPath(catalog(), 'running')).toEqual(['clothing', 'shoes', 'running']);
    expect(categoryPath(catalog(), 'garden')).toEqual(['garden']);
  });

  it('is empty for an unknown category', () => {
    expect(categoryPath(catalog(), 'nope')).toEqual([]);
  });
});

describe('descendantsOf', () => {
  it('lists every category below, children first', () => {
    expect(descendantsOf(catalog(), 'clothing')).toEqual(['shoes', 'shirts', 'running']);
    expect(descendantsOf(catalog(), 'running')).toEqual([]);
    expect(descendantsOf(catalog(), 'nope')).toEqual([]);
  });
});

describe('slugify', () => {
  it.each([
    ["Women's Shoes", 'women-s-shoes'],
    ['  Crème Brûlée  ', 'creme-brulee'],
    ['TV & Audio', 'tv-audio'],
    ['日本', ''],
  ])('turns %j into %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
