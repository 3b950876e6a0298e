import { categoryStreamName } from '../../../../domain/category/index.js';
import { productExists, productStreamName, type ExistingProduct } from '../../../../domain/product/index.js';
import type { Actor } from '../../../../domain/shared/index.js';
import type { HistoryContext } from './history-context.js';

const seller = (sellerId: string): Actor => ({ userId: sellerId, roles: ['seller'] });
const BRANDS = ['Acme', 'Sonic', 'Nordic', 'Zenith', 'Globex'];

export async function product(h: HistoryContext, productId: string): Promise<ExistingProduct | undefined> {
  const { state } = await h.commands.product.current(productStreamName(productId));
  return productExists(state) ? state : undefined;
}

export async function createCategory(h: HistoryContext): Promise<void> {
  const categoryId = h.nextId('cat');
  const parentId = h.chance(0.3) ? null : (h.pick(h.world.categories) ?? null);
  const name = `Category ${categoryId}`;
  if (await h.send(h.commands.category, { type: 'CreateCategory', data: { categoryId, name, slug: categoryId, parentId } })) {
    h.world.categories.push(categoryId);
  }
}

export async function reshapeCategories(h: HistoryContext): Promise<void> {
  const categoryId = h.pick(h.world.categories);
  if (categoryId === undefined) return;
  if (h.chance(0.5)) {
    await h.send(h.commands.category, { type: 'RenameCategory', data: { categoryId, name: `Renamed ${h.nextId('name')}` } });
    return;
  }
  const tree = (await h.commands.category.current(categoryStreamName())).state;
  const newParentId = h.chance(0.3) ? null : (h.pick([...tree.categories.keys()]) ?? null);
  await h.send(h.commands.category, { type: 'MoveCategory', data: { categoryId, newParentId } });
}

export async function createProduct(h: HistoryContext): Promise<void> {
  const productId = h.nextId('p');
  const sellerId = h.pick(h.world.sellers)!;
  const currency = h.chance(0.8) ? 'USD' : 'EUR';
  const variants = Array.from({ length: h.int(1, 3) }, (_, v) => ({
    sku: `SKU-${productId}-${v}`,
    price: { amount: h.int(5, 300) * 100 - 1, currency },
    attributes: { size: ['S', 'M', 'L'][v] ?? 'XL' },
  }));
  const created = await h.send(h.commands.product, {
    type: 'CreateProduct',
    data: {
      actor: seller(sellerId),
      productId,
      sellerId,
      title: `Thing ${productId}`,
      description: `All about ${productId}`,
      brand: h.pick(BRANDS)!,
      categoryId: h.pick(h.world.categories) ?? 'uncategorised',
      imageUrls: [`https://img.example.com/${productId}.jpg`],
      attributes: { material: h.pick(['wood', 'steel', 'cotton'])! },
      variants,
    },
  });
  if (created) {
    h.world.products.push(productId);
    h.world.skus.push(...variants.map((v) => v.sku));
  }
}

export async function changeProduct(h: HistoryContext): Promise<void> {
  const productId = h.pick(h.world.products);
  const current = productId && (await product(h, productId));
  if (!productId || !current) return;
  const actor = seller(current.sellerId);
  const roll = h.random();
  if (roll < 0.45) {
    await h.send(h.commands.product, { type: 'PublishProduct', data: { actor, productId } });
  } else if (roll < 0.55) {
    await h.send(h.commands.product, { type: 'UnpublishProduct', data: { actor, productId } });
  } else if (roll < 0.6) {
    await h.send(h.commands.product, { type: 'DiscontinueProduct', data: { actor, productId } });
  } else if (roll < 0.75) {
    const categoryId = h.chance(0.5) ? h.pick(h.world.categories) : undefined;
    await h.send(h.commands.product, {
      type: 'UpdateProductDetails',
      data: { actor, productId, title: `Thing ${productId} v${h.int(2, 9)}`, ...(categoryId ? { categoryId } : {}), ...(h.chance(0.3) ? { brand: h.pick(BRANDS)! } : {}) },
    });
  } else if (roll < 0.85) {
    const sku = `SKU-${productId}-${current.variants.length}`;
    const price = { amount: h.int(5, 300) * 100 - 1, currency: current.currency };
    if (await h.send(h.commands.product, { type: 'AddVariant', data: { actor, productId, variant: { sku, price, attributes: { size: 'XXL' } } } })) {
      h.world.skus.push(sku);
    }
  } else {
    const variant = h.pick(current.variants)!;
    const price = { amount: Math.max(99, variant.price.amount + h.int(-20, 20) * 100), currency: current.currency };
    await h.send(h.commands.product, { type: 'ChangeVariantPrice', data: { actor, productId, sku: variant.sku, price } });
  }
}

export async function changeStock(h: HistoryContext): Promise<void> {
  const sku = h.pick(h.world.skus);
  if (sku === undefined) return;
  const at = h.now();
  const roll = h.random();
  if (roll < 0.7) {
    await h.send(h.commands.inventory, { type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity: h.int(5, 40), at } });
  } else if (roll < 0.85) {
    await h.send(h.commands.inventory, { type: 'AdjustStock', data: { sku, delta: -h.int(1, 3), reason: 'damaged', at } });
  } else {
    await h.send(h.commands.inventory, { type: 'SetLowStockThreshold', data: { sku, threshold: h.int(0, 6), at } });
  }
}
