import { describe, expect, it } from 'vitest';
import { categoryCommandSchema } from './commands.js';
import { categoryStreamName } from './events.js';

describe('category schemas', () => {
  it('keeps the whole tree in one stream', () => {
    expect(categoryStreamName()).toBe('catalog-categories');
  });

  it('accepts a well-formed command and trims the name', () => {
    const parsed = categoryCommandSchema.parse({
      type: 'CreateCategory',
      data: { categoryId: 'c', name: ' Shoes ', slug: 'shoes', parentId: null },
    });
    expect(parsed.data).toMatchObject({ name: 'Shoes' });
  });

  it.each([
    ['a slug with capitals', { type: 'CreateCategory', data: { categoryId: 'c', name: 'Shoes', slug: 'Shoes', parentId: null } }],
    ['a blank name', { type: 'RenameCategory', data: { categoryId: 'c', name: '  ' } }],
    ['a missing parent field', { type: 'MoveCategory', data: { categoryId: 'c' } }],
  ])('rejects a command with %s', (_, command) => {
    expect(categoryCommandSchema.safeParse(command).success).toBe(false);
  });
});
