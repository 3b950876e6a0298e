import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { ProductCommand } from '../../../domain/product/index.js';
import { createCategory, createProduct, publishProduct, sellerActor } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { categoryTreeProjection } from './category-tree-projection.js';
import { categoryAndDescendants, getCategoryTree, type CategoryTreeNode } from './category-tree-queries.js';

/** The tree as `name(total/direct)` strings, children nested: easy to read in a failing test. */
const shape = (nodes: readonly CategoryTreeNode[]): unknown[] =>
  nodes.map((n) => (n.children.length === 0 ? `${n.name}(${n.productCount}/${n.directProductCount})` : { [`${n.name}(${n.productCount}/${n.directProductCount})`]: shape(n.children) }));

describe.each(sqlStores)('category tree on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const product = (command: ProductCommand) => ok(kit.commands.product.send(command, context()));

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [categoryTreeProjection]);
    const category = (id: string, name: string, parent: string | null) => ok(kit.commands.category.send(createCategory(id, name, parent), context()));
    await category('electronics', 'Electronics', null);
    await category('audio', 'Audio', 'electronics');
    await category('headphones', 'Headphones', 'audio');
    await category('phones', 'Phones', 'electronics');
    await category('garden', 'Garden', null);
  });
  afterAll(() => kit?.dispose());

  it('counts published products per category, including everything below', async () => {
    for (const [id, category] of [['h1', 'headphones'], ['h2', 'headphones'], ['a1', 'audio'], ['ph1', 'phones'], ['draft', 'phones']] as const) {
      await product(createProduct(id, { categoryId: category }));
      if (id !== 'draft') await product(publishProduct(id));
    }
    await kit.settle();
    expect(shape(await getCategoryTree(kit.db))).toEqual([
      { 'Electronics(4/0)': [{ 'Audio(3/1)': ['Headphones(2/2)'] }, 'Phones(1/1)'] },
      'Garden(0/0)',
    ]);
  });

  it('follows unpublishing, discontinuing, recategorising, renames and moves', async () => {
    await product({ type: 'UnpublishProduct', data: { actor: sellerActor('seller-1'), productId: 'h1' } });
    await product({ type: 'DiscontinueProduct', data: { actor: sellerActor('seller-1'), productId: 'ph1' } });
    await product({ type: 'UpdateProductDetails', data: { actor: sellerActor('seller-1'), productId: 'a1', categoryId: 'garden' } });
    await ok(kit.commands.category.send({ type: 'RenameCategory', data: { categoryId: 'audio', name: 'Sound' } }, context()));
    await ok(kit.commands.category.send({ type: 'MoveCategory', data: { categoryId: 'audio', newParentId: 'garden' } }, context()));
    await kit.settle();
    expect(shape(await getCategoryTree(kit.db))).toEqual([
      { 'Electronics(0/0)': ['Phones(0/0)'] },
      { 'Garden(2/1)': [{ 'Sound(1/0)': ['Headphones(1/1)'] }] },
    ]);
    expect(await categoryAndDescendants(kit.db, 'garden')).toEqual(['audio', 'garden', 'headphones']);
  });
});
