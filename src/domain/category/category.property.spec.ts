import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.js';
import type { CategoryCommand } from './commands.js';
import { decide } from './decide.js';
import { categoryEventSchema } from './events.js';
import { nameKey } from './names.js';
import { evolve, initialState } from './state.js';
import type { CategoryState } from './state.js';
import { categoryPath, descendantsOf } from './tree.js';

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const parent = fc.option(id, { nil: null, freq: 4 });
const name = fc.constantFrom('Shoes', 'shoes', 'Hats', 'Sale', 'Kids');

const command: fc.Arbitrary<CategoryCommand> = fc.oneof(
  fc
    .record({
      categoryId: id,
      name,
      parentId: parent,
      slug: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'),
    })
    .map((data): CategoryCommand => ({ type: 'CreateCategory', data })),
  fc.record({ categoryId: id, name }).map((data): CategoryCommand => ({ type: 'RenameCategory', data })),
  ...Array.from({ length: 3 }, () =>
    fc.record({ categoryId: id, newParentId: parent }).map((data): CategoryCommand => ({ type: 'MoveCategory', data })),
  ),
);

function expectWellFormedTree(state: CategoryState): void {
  const all = [...state.categories.values()];
  for (const category of all) {
    const path = categoryPath(state, category.categoryId);
    expect(path.at(-1)).toBe(category.categoryId);
    // The path ends at a root only if following parents never loops back.
    expect(state.categories.get(path[0] ?? '')?.parentId).toBeNull();
    expect(descendantsOf(state, category.categoryId)).not.toContain(category.categoryId);
    for (const descendant of descendantsOf(state, category.categoryId))
      expect(categoryPath(state, descendant)).toContain(category.categoryId);
  }
  const siblingKeys = all.map((category) => `${category.parentId}/${nameKey(category.name)}`);
  expect(new Set(siblingKeys).size).toBe(all.length);
  expect(new Set(all.map((category) => category.slug)).size).toBe(all.length);
}

describe('category tree invariants', () => {
  it('stays a forest (no cycles, parents exist) with unique sibling names and slugs', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60, size: 'medium' }), (commands) => {
        let state = initialState();
        for (const cmd of commands) {
          const decision = decide(cmd, state);
          if (isDomainError(decision)) continue;
          for (const event of decision) {
            expect(categoryEventSchema.parse(event)).toEqual(event);
            state = evolve(state, event);
          }
          expectWellFormedTree(state);
        }
      }),
      { numRuns: 500 },
    );
  });
});
