import { sql, type Kysely } from 'kysely';
import {
  bestSellers,
  getCart,
  getCategoryTree,
  getInventory,
  getOrder,
  getProduct,
  getWishlist,
  listCustomerOrders,
  listLowStock,
  listProductReviews,
  listProducts,
  sellerSales,
  type ListProductsOptions,
  type Page,
} from '../index.js';

/** Follows `nextCursor` to the end: pagination is part of what must come out the same. */
async function allPages<Item>(page: (cursor: string | undefined) => Promise<Page<Item>>): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    pages.push([...next.items]);
    cursor = next.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 10_000);
  return pages;
}

async function ids(db: Kysely<unknown>, query: ReturnType<typeof sql<{ id: string }>>): Promise<string[]> {
  return (await query.execute(db)).rows.map((row) => row.id);
}

/**
 * Every answer the read models give about everything they hold, through the public query
 * functions (over the views): two builds of the read models are equal when their snapshots are.
 */
export async function readModelSnapshot(db: Kysely<unknown>): Promise<Record<string, unknown>> {
  const products = await ids(db, sql`SELECT product_id AS id FROM catalog_products ORDER BY 1`);
  const categories = await ids(db, sql`SELECT category_id AS id FROM category_tree ORDER BY 1`);
  const skus = await ids(db, sql`SELECT sku AS id FROM inventory_levels ORDER BY 1`);
  const carts = await ids(db, sql`SELECT cart_id AS id FROM carts ORDER BY 1`);
  const orders = await ids(db, sql`SELECT order_id AS id FROM order_details ORDER BY 1`);
  const customers = await ids(db, sql`SELECT customer_id AS id FROM order_details WHERE customer_id IS NOT NULL UNION SELECT customer_id FROM wishlist_items ORDER BY 1`);
  const reviewed = await ids(db, sql`SELECT DISTINCT product_id AS id FROM product_reviews ORDER BY 1`);
  const sellers = await ids(db, sql`SELECT DISTINCT seller_id AS id FROM seller_sales_daily ORDER BY 1`);
  const listings: ListProductsOptions[] = [
    { sort: 'newest', limit: 7 },
    { sort: 'price_asc', currency: 'USD', limit: 9 },
    { sort: 'price_desc', status: 'any', limit: 11 },
    { inStock: true, limit: 13 },
    ...categories.slice(0, 5).map((categoryId) => ({ categoryId, limit: 5 })),
  ];
  const each = <T>(keys: readonly string[], get: (key: string) => Promise<T>) => Promise.all(keys.map(async (key) => [key, await get(key)] as const));
  return {
    categoryTree: await getCategoryTree(db),
    listings: await Promise.all(listings.map((options) => allPages((cursor) => listProducts(db, { ...options, ...(cursor ? { cursor } : {}) })))),
    products: await each(products, (id) => getProduct(db, id)),
    inventory: await each(skus, (sku) => getInventory(db, sku)),
    lowStock: await allPages((cursor) => listLowStock(db, { limit: 10, ...(cursor ? { cursor } : {}) })),
    carts: await each(carts, (id) => getCart(db, id)),
    orders: await each(orders, (id) => getOrder(db, id)),
    orderHistories: await each(customers, (id) => allPages((cursor) => listCustomerOrders(db, id, { limit: 4, ...(cursor ? { cursor } : {}) }))),
    reviews: await each(reviewed, (id) => allPages(async (cursor) => listProductReviews(db, id, { limit: 3, ...(cursor ? { cursor } : {}) }))),
    wishlists: await each(customers, (id) => getWishlist(db, id)),
    sellerSales: await each(sellers, (id) => sellerSales(db, id)),
    bestSellers: await bestSellers(db, { limit: 100 }),
    bestSellersByCategory: await each(categories, (categoryId) => bestSellers(db, { categoryId, limit: 100 })),
  };
}
