import type { UpdateProductDetails } from './commands.js';
import type { ProductDetailsUpdated } from './events.js';
import type { ExistingProduct } from './state.js';

type Changes = Omit<ProductDetailsUpdated['data'], 'productId'>;

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

const sameRecord = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
};

/** The requested fields that differ from the product, so the event records real changes only. */
export function detailChanges(request: UpdateProductDetails['data'], product: ExistingProduct): Changes {
  const changes: Changes = {};
  if (request.title !== undefined && request.title !== product.title) changes.title = request.title;
  if (request.description !== undefined && request.description !== product.description) changes.description = request.description;
  if (request.brand !== undefined && request.brand !== product.brand) changes.brand = request.brand;
  if (request.categoryId !== undefined && request.categoryId !== product.categoryId) changes.categoryId = request.categoryId;
  if (request.imageUrls !== undefined && !sameList(request.imageUrls, product.imageUrls)) changes.imageUrls = request.imageUrls;
  if (request.attributes !== undefined && !sameRecord(request.attributes, product.attributes)) {
    changes.attributes = request.attributes;
  }
  return changes;
}
