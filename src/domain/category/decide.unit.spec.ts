import { describe, expect, it } from 'vitest';
import type { CategoryCommand } from './commands.js';
import { decide } from './decide.js';
import { evolve } from './state.js';
import { catalog, created, expectError, given, moved } from './category.fixtures.js';

const create = (categoryId: string, name: string, parentId: string | null, slug = categoryId): CategoryCommand => ({
  type: 'CreateCategory',
  data: { categoryId, name, slug, parentId },
});
const rename = (categoryId: string, name: string): CategoryCommand => ({ type: 'RenameCategory', data: { categoryId, name } });
const move = (categoryId: string, newParentId: string | null): CategoryCommand => ({
  type: 'MoveCategory',
  data: { categoryId, newParentId },
});

describe('CreateCategory', () => {
  it('creates a root category and a child', () => {
    expect(decide(create('toys', 'Toys', null), catalog())).toEqual([
      { type: 'CategoryCreated', data: { categoryId: 'toys', name: 'Toys', slug: 'toys', parentId: null } },
    ]);
    expect(decide(create('boots', 'Boots', 'shoes'), catalog())).toEqual([
      { type: 'CategoryCreated', data: { categoryId: 'boots', name: 'Boots', slug: 'boots', parentId: 'shoes' } },
    ]);
  });

  it('allows the same name under different parents', () => {
    expect(decide(create('garden-shoes', 'Shoes', 'garden'), catalog())).toHaveLength(1);
  });

  it('rejects an id in use with CATEGORY_ALREADY_EXISTS', () => {
    expectError(decide(create('shoes', 'Footwear', null, 'footwear'), catalog()), 'CATEGORY_ALREADY_EXISTS');
  });

  it('rejects an unknown parent with PARENT_NOT_FOUND', () => {
    expectError(decide(create('boots', 'Boots', 'nope'), catalog()), 'PARENT_NOT_FOUND');
  });

  it('rejects a sibling with the same name, ignoring case and spacing, with DUPLICATE_SIBLING_NAME', () => {
    const error = expectError(decide(create('shoes-2', ' SHOES ', 'clothing'), catalog()), 'DUPLICATE_SIBLING_NAME');
    expect(error.details).toMatchObject({ parentId: 'clothing', existingCategoryId: 'shoes' });
    expectError(decide(create('garden-2', 'garden', null), catalog()), 'DUPLICATE_SIBLING_NAME');
  });

  it('rejects a slug in use anywhere in the tree with DUPLICATE_SLUG', () => {
    const state = given(created('a', 'A'), {
      type: 'CategoryCreated',
      data: { categoryId: 'b', name: 'B', slug: 'sale', parentId: 'a' },
    });
    expectError(decide(create('c', 'C', null, 'sale'), state), 'DUPLICATE_SLUG');
  });
});

describe('RenameCategory', () => {
  it('renames and records the previous name', () => {
    const renamed = { type: 'CategoryRenamed', data: { categoryId: 'shoes', name: 'Footwear', previousName: 'Shoes' } } as const;
    expect(decide(rename('shoes', 'Footwear'), catalog())).toEqual([renamed]);
    expect(evolve(catalog(), renamed).categories.get('shoes')?.name).toBe('Footwear');
  });

  it('may change only the case of its own name', () => {
    expect(decide(rename('shoes', 'SHOES'), catalog())).toHaveLength(1);
  });

  it('is a no-op for the same name', () => {
    expect(decide(rename('shoes', 'Shoes'), catalog())).toEqual([]);
  });

  it('rejects an unknown category with CATEGORY_NOT_FOUND', () => {
    expectError(decide(rename('nope', 'X'), catalog()), 'CATEGORY_NOT_FOUND');
  });

  it("rejects a sibling's name with DUPLICATE_SIBLING_NAME", () => {
    expectError(decide(rename('shoes', 'shirts'), catalog()), 'DUPLICATE_SIBLING_NAME');
  });
});

describe('MoveCategory', () => {
  it('moves a category, with its subtree, under a new parent', () => {
    expect(decide(move('shoes', 'garden'), catalog())).toEqual([moved('shoes', 'garden', 'clothing')]);
    const state = evolve(catalog(), moved('shoes', 'garden', 'clothing'));
    expect(state.categories.get('shoes')?.parentId).toBe('garden');
    expect(state.categories.get('running')?.parentId).toBe('shoes');
  });

  it('moves a category to the root', () => {
    expect(decide(move('running', null), catalog())).toEqual([moved('running', null, 'shoes')]);
  });

  it('is a no-op when the parent is unchanged', () => {
    expect(decide(move('shoes', 'clothing'), catalog())).toEqual([]);
    expect(decide(move('garden', null), catalog())).toEqual([]);
  });

  it.each([
    ['itself', 'shoes', 'shoes'],
    ['its child', 'shoes', 'running'],
    ['a deeper descendant', 'clothing', 'running'],
  ])('rejects moving a category under %s with CATEGORY_CYCLE', (_, categoryId, newParentId) => {
    expectError(decide(move(categoryId, newParentId), catalog()), 'CATEGORY_CYCLE');
  });

  it('rejects an unknown category with CATEGORY_NOT_FOUND', () => {
    expectError(decide(move('nope', null), catalog()), 'CATEGORY_NOT_FOUND');
  });

  it('rejects an unknown parent with PARENT_NOT_FOUND', () => {
    expectError(decide(move('shoes', 'nope'), catalog()), 'PARENT_NOT_FOUND');
  });

  it('rejects a move next to a category of the same name with DUPLICATE_SIBLING_NAME', () => {
    const state = given(created('clothing', 'Clothing'), created('sale', 'Sale', 'clothing'), created('sale-root', 'Sale'));
    expectError(decide(move('sale', null), state), 'DUPLICATE_SIBLING_NAME');
  });
});
