import { assertNever, domainError } from '../shared/index.js';
import type { CategoryCommand, CreateCategory, MoveCategory, RenameCategory } from './commands.js';
import type { CategoryEvent } from './events.js';
import type { CategoryError } from './errors.js';
import { nameKey } from './names.js';
import type { CategoryState } from './state.js';
import { childrenOf, isSelfOrAncestor } from './tree.js';

export type CategoryDecision = readonly CategoryEvent[] | CategoryError;

export function decide(command: CategoryCommand, state: CategoryState): CategoryDecision {
  switch (command.type) {
    case 'CreateCategory':
      return createCategory(command, state);
    case 'RenameCategory':
      return renameCategory(command, state);
    case 'MoveCategory':
      return moveCategory(command, state);
    default:
      return assertNever(command);
  }
}

const notFound = (categoryId: string): CategoryError =>
  domainError('CATEGORY_NOT_FOUND', `no category ${categoryId}`, { categoryId });

function missingParent(state: CategoryState, parentId: string | null): CategoryError | undefined {
  if (parentId === null || state.categories.has(parentId)) return undefined;
  return domainError('PARENT_NOT_FOUND', `no parent category ${parentId}`, { parentId });
}

/** `name` among the children of `parentId`, other than `categoryId` itself. */
function siblingNamed(
  state: CategoryState,
  parentId: string | null,
  name: string,
  categoryId: string,
): CategoryError | undefined {
  const key = nameKey(name);
  const clash = childrenOf(state, parentId).find((sibling) => sibling.categoryId !== categoryId && nameKey(sibling.name) === key);
  if (clash === undefined) return undefined;
  return domainError('DUPLICATE_SIBLING_NAME', `"${clash.name}" already exists here`, {
    parentId,
    name,
    existingCategoryId: clash.categoryId,
  });
}

function createCategory({ data }: CreateCategory, state: CategoryState): CategoryDecision {
  const { categoryId, name, slug, parentId } = data;
  if (state.categories.has(categoryId)) {
    return domainError('CATEGORY_ALREADY_EXISTS', `category ${categoryId} already exists`, { categoryId });
  }
  const invalid = missingParent(state, parentId) ?? siblingNamed(state, parentId, name, categoryId);
  if (invalid) return invalid;
  // Slugs are unique across the tree, so that `/c/<slug>` names one category.
  const slugOwner = [...state.categories.values()].find((category) => category.slug === slug);
  if (slugOwner) {
    return domainError('DUPLICATE_SLUG', `slug "${slug}" is used by category ${slugOwner.categoryId}`, {
      slug,
      existingCategoryId: slugOwner.categoryId,
    });
  }
  return [{ type: 'CategoryCreated', data: { categoryId, name, slug, parentId } }];
}

function renameCategory({ data }: RenameCategory, state: CategoryState): CategoryDecision {
  const category = state.categories.get(data.categoryId);
  if (category === undefined) return notFound(data.categoryId);
  if (category.name === data.name) return [];
  const clash = siblingNamed(state, category.parentId, data.name, category.categoryId);
  if (clash) return clash;
  return [{ type: 'CategoryRenamed', data: { categoryId: category.categoryId, name: data.name, previousName: category.name } }];
}

function moveCategory({ data }: MoveCategory, state: CategoryState): CategoryDecision {
  const { categoryId, newParentId } = data;
  const category = state.categories.get(categoryId);
  if (category === undefined) return notFound(categoryId);
  const missing = missingParent(state, newParentId);
  if (missing) return missing;
  if (newParentId !== null && isSelfOrAncestor(state, categoryId, newParentId)) {
    return domainError('CATEGORY_CYCLE', `category ${newParentId} is ${categoryId} itself or one of its descendants`, {
      categoryId,
      newParentId,
    });
  }
  if (category.parentId === newParentId) return [];
  const clash = siblingNamed(state, newParentId, category.name, categoryId);
  if (clash) return clash;
  return [{ type: 'CategoryMoved', data: { categoryId, parentId: newParentId, previousParentId: category.parentId } }];
}
