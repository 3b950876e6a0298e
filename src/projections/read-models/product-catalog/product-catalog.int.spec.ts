import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { InventoryCommand } from '../../../domain/inventory/index.js';
import type { ProductCommand } from '../../../domain/product/index.js';
import type { ReviewCommand } from '../../../domain/review/index.js';
import { adminActor, createCategory, createProduct, hours, publishProduct, receiveStock, reserveStock, sellerActor, usd } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { productCatalogProjection } from './product-catalog-projection.js';
import { getProduct, listProducts } from './product-catalog-queries.js';

describe.each(sqlStores)('product catalog on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const product = (command: ProductCommand) => ok(kit.commands.product.send(command, context()));
  const stock = (command: InventoryCommand) => ok(kit.commands.inventory.send(command, context()));
  const review = (command: ReviewCommand) => ok(kit.commands.review.send(command, context()));
  const approvedReview = async (reviewId: string, productId: string, rating: number) => {
    await review({ type: 'SubmitReview', data: { reviewId, productId, customerId: `c-${reviewId}`, rating, title: 't', body: 'b', verifiedPurchase: false, at: hours(1) } });
    await review({ type: 'ModerateReview', data: { reviewId, actor: adminActor, verdict: { kind: 'approve' }, at: hours(2) } });
  };

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [productCatalogProjection]);
    const category = (id: string, name: string, parent: string | null) => ok(kit.commands.category.send(createCategory(id, name, parent), context()));
    await category('electronics', 'Electronics', null);
    await category('audio', 'Audio', 'electronics');
    await category('kitchen', 'Kitchen', null);
  });
  afterAll(() => kit?.dispose());

  it('shows a product with variants, prices, category path, rating and stock', async () => {
    // Stock may arrive before the product is created: it still counts once the SKU is known.
    await stock(receiveStock('HP-BLACK', 3));
    await product(createProduct('hp', {
      title: 'Wireless Headphones',
      brand: 'Sonic',
      categoryId: 'audio',
      attributes: { wireless: 'yes' },
      variants: [
        { sku: 'HP-BLACK', price: usd(9900), attributes: { color: 'black' } },
        { sku: 'HP-WHITE', price: usd(10900), attributes: { color: 'white' } },
      ],
    }));
    await product(publishProduct('hp'));
    await product({ type: 'ChangeVariantPrice', data: { actor: sellerActor('seller-1'), productId: 'hp', sku: 'HP-WHITE', price: usd(8900) } });
    await approvedReview('rv-1', 'hp', 5);
    await approvedReview('rv-2', 'hp', 4);
    await review({ type: 'SubmitReview', data: { reviewId: 'rv-3', productId: 'hp', customerId: 'c-3', rating: 1, title: 't', body: 'b', verifiedPurchase: false, at: hours(3) } });
    await kit.settle();

    const view = await getProduct(kit.db, 'hp');
    expect(view).toMatchObject({
      productId: 'hp',
      sellerId: 'seller-1',
      title: 'Wireless Headphones',
      brand: 'Sonic',
      status: 'published',
      categoryId: 'audio',
      categoryPath: [
        { categoryId: 'electronics', name: 'Electronics', slug: 'electronics' },
        { categoryId: 'audio', name: 'Audio', slug: 'audio' },
      ],
      variants: [
        { sku: 'HP-BLACK', price: usd(9900), attributes: { color: 'black' }, inStock: true },
        { sku: 'HP-WHITE', price: usd(8900), attributes: { color: 'white' }, inStock: false },
      ],
      fromPrice: usd(8900),
      rating: { average: 4.5, count: 2 },
      inStock: true,
    });
    expect(Date.parse(view!.createdAt)).not.toBeNaN();
  });

  it('follows stock out and back, category renames and product edits', async () => {
    await stock(reserveStock('HP-BLACK', 'res-1', 3, hours(4)));
    await ok(kit.commands.category.send({ type: 'RenameCategory', data: { categoryId: 'electronics', name: 'Tech' } }, context()));
    await kit.settle();
    expect(await getProduct(kit.db, 'hp')).toMatchObject({ inStock: false, categoryPath: [{ name: 'Tech' }, { name: 'Audio' }] });

    await stock({ type: 'ReleaseReservation', data: { sku: 'HP-BLACK', reservationId: 'res-1', reason: 'timeout', at: hours(5) } });
    await product({ type: 'UpdateProductDetails', data: { actor: sellerActor('seller-1'), productId: 'hp', title: 'Headphones Pro', categoryId: 'kitchen' } });
    await kit.settle();
    expect(await getProduct(kit.db, 'hp')).toMatchObject({
      inStock: true,
      title: 'Headphones Pro',
      brand: 'Sonic',
      categoryPath: [{ categoryId: 'kitchen', name: 'Kitchen', slug: 'kitchen' }],
    });
    expect(await getProduct(kit.db, 'missing')).toBeUndefined();
  });

  it('lists published products by category (with descendants), price and newest, page by page', async () => {
    const prices = [500, 300, 900, 300, 700];
    for (const [i, price] of prices.entries()) {
      await product(createProduct(`lp-${i}`, { categoryId: i % 2 === 0 ? 'audio' : 'electronics', variants: [{ sku: `LP-${i}`, price: usd(price), attributes: {} }] }));
      if (i !== 4) await product(publishProduct(`lp-${i}`));
    }
    await stock(receiveStock('LP-2', 1));
    await kit.settle();

    const inElectronics = await listProducts(kit.db, { categoryId: 'electronics', sort: 'price_asc', limit: 2 });
    expect(inElectronics.items.map((p) => p.productId)).toEqual(['lp-1', 'lp-3']);
    const rest = await listProducts(kit.db, { categoryId: 'electronics', sort: 'price_asc', limit: 10, cursor: inElectronics.nextCursor! });
    expect(rest.items.map((p) => p.productId)).toEqual(['lp-0', 'lp-2']);
    expect(rest.nextCursor).toBeNull();

    const onlyAudio = await listProducts(kit.db, { categoryId: 'audio', sort: 'price_desc' });
    expect(onlyAudio.items.map((p) => p.productId)).toEqual(['lp-2', 'lp-0']);
    expect(onlyAudio.items[0]).toMatchObject({ title: 'Product lp-2', fromPrice: usd(900), inStock: true, status: 'published', imageUrl: 'https://img.example.com/lp-2.jpg', rating: { average: null, count: 0 } });

    const direct = await listProducts(kit.db, { categoryId: 'electronics', includeDescendants: false });
    expect(direct.items.map((p) => p.productId)).toEqual(['lp-3', 'lp-1']);
    expect((await listProducts(kit.db, { inStock: true })).items.map((p) => p.productId)).toEqual(['lp-2', 'hp']);
    expect((await listProducts(kit.db, { status: 'draft' })).items.map((p) => p.productId)).toEqual(['lp-4']);

    const newest: string[] = [];
    for (let cursor: string | undefined, pages = 0; pages < 10; pages++) {
      const page = await listProducts(kit.db, { limit: 2, ...(cursor ? { cursor } : {}) });
      newest.push(...page.items.map((p) => p.productId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(newest).toEqual(['lp-3', 'lp-2', 'lp-1', 'lp-0', 'hp']);
  });
});
