import { slugify } from '../../../src/domain/category/index.js';
import { receiveStock, setThreshold } from './inventory-flows.js';
import { DAY, HOUR, MINUTE, type Category, type Product, type Shop, type Sku } from './shop.js';
import { brandNames, COLORS, sentences, SIZES, title } from './text.js';

const ROOTS = ['Electronics', 'Home and Kitchen', 'Fashion', 'Sports and Outdoors', 'Books', 'Toys and Games', 'Beauty', 'Garden', 'Automotive', 'Grocery'];
const SECOND = ['Essentials', 'Premium', 'Accessories', 'Outlet'];
const THIRD = ['Classic', 'Modern', 'Compact', 'Professional', 'Eco'];
const CURRENCIES: readonly (readonly [string, number])[] = [['USD', 60], ['EUR', 28], ['GBP', 12]];
const CATALOG = 'catalog-categories';

function createCategory(shop: Shop, name: string, parent: Category | null, leaf: boolean): Category {
  const category = { categoryId: shop.random.uuid(), name, parentId: parent?.categoryId ?? null };
  shop.categories.push(category);
  if (leaf) shop.leafCategories.push(category);
  const data = { categoryId: category.categoryId, name, slug: slugify(name), parentId: category.parentId };
  shop.append(CATALOG, [{ type: 'CategoryCreated', data }], 'CreateCategory', 'catalog-admin');
  return category;
}

/** Opening day: the category tree (10 × 4 × 5), the sellers and most of the catalog with its stock. */
export function launchCatalog(shop: Shop): void {
  shop.brands.push(...brandNames(shop.random, 300));
  for (const root of ROOTS) {
    const top = createCategory(shop, root, null, false);
    for (const second of SECOND) {
      const middle = createCategory(shop, `${root} ${second}`, top, false);
      for (const third of THIRD) createCategory(shop, `${second} ${third}`, middle, true);
    }
  }
  for (let i = 0; i < shop.size.sellers; i++) shop.sellers.push(shop.random.uuid());
  // Sellers upload the launch catalog over the first day, in the log between everything else.
  for (let i = 0; i < shop.size.launchProducts; i++) shop.clock.after(shop.random.int(0, DAY), () => createProduct(shop));
}

function variant(shop: Shop, product: Product, base: number, index: number): Sku {
  const sku: Sku = { sku: shop.nextSku(), product, price: Math.max(99, base + index * shop.random.int(0, 2) * 500), onHand: 0, reserved: 0, threshold: 0, restocking: false, soldSinceRestock: 0 };
  product.skus.push(sku);
  return sku;
}

const variantData = (sku: Sku, currency: string, attributes: Record<string, string>) => ({ sku: sku.sku, price: { amount: sku.price, currency }, attributes });

/** A seller lists a product: created as draft, stocked, mostly published within hours. */
export function createProduct(shop: Shop): void {
  const { random } = shop;
  const currency = random.weighted(CURRENCIES);
  const product: Product = { productId: random.uuid(), sellerId: random.pick(shop.sellers), categoryId: random.pick(shop.leafCategories).categoryId, currency, skus: [], status: 'draft' };
  const kind = random.chance(0.5) ? 'size' : 'color';
  const count = random.weighted([[1, 45], [2, 20], [3, 20], [4, 8], [5, 7]] as const);
  const base = random.logUniform(499, 49_999);
  const variants = Array.from({ length: count }, (_, i) => {
    const sku = variant(shop, product, base, i);
    return variantData(sku, currency, kind === 'size' ? { size: SIZES[i % SIZES.length]! } : { color: COLORS[i % COLORS.length]! });
  });
  const brand = random.pick(shop.brands);
  const data = {
    productId: product.productId,
    sellerId: product.sellerId,
    title: title(random, brand),
    description: Array.from({ length: random.int(2, 8) }, () => sentences(random, 8, 30)).join(' '),
    brand,
    categoryId: product.categoryId,
    imageUrls: Array.from({ length: random.int(1, 5) }, (_, i) => `https://cdn.example.com/p/${product.productId}/${i}.jpg`),
    attributes: { material: random.pick(['cotton', 'steel', 'plastic', 'wood', 'leather']), origin: random.pick(['DE', 'CN', 'US', 'VN', 'IT']) },
    variants,
  };
  shop.products.push(product);
  shop.append(`product-${product.productId}`, [{ type: 'ProductCreated', data }], 'CreateProduct', product.productId);
  for (const sku of product.skus) stockNewSku(shop, sku);
  if (random.chance(0.93)) shop.clock.after(random.int(5 * MINUTE, 30 * HOUR), () => setStatus(shop, product, 'published'));
  // Popularity is not the listing order: a new product may become a best seller.
  const shelf = shop.shelf(currency);
  shelf.splice(random.int(0, shelf.length), 0, product);
}

function stockNewSku(shop: Shop, sku: Sku): void {
  shop.clock.after(shop.random.int(1, 120) * MINUTE, () => {
    if (shop.random.chance(0.4)) setThreshold(shop, sku, shop.random.int(3, 15));
    receiveStock(shop, sku, shop.random.logUniform(10, 400));
  });
}

const STATUS_EVENTS = {
  published: ['ProductPublished', 'PublishProduct'],
  unpublished: ['ProductUnpublished', 'UnpublishProduct'],
  discontinued: ['ProductDiscontinued', 'DiscontinueProduct'],
} as const;

export function setStatus(shop: Shop, product: Product, status: Exclude<Product['status'], 'draft'>): void {
  if (product.status === status || product.status === 'discontinued') return;
  product.status = status;
  const [type, command] = STATUS_EVENTS[status];
  shop.append(`product-${product.productId}`, [{ type, data: { productId: product.productId } }], command, product.productId);
}

export function changePrice(shop: Shop, sku: Sku, amount: number, correlationId: string): void {
  const { product } = sku;
  if (amount === sku.price || amount <= 0) return;
  const data = { productId: product.productId, sku: sku.sku, price: { amount, currency: product.currency }, previousPrice: { amount: sku.price, currency: product.currency } };
  sku.price = amount;
  shop.append(`product-${product.productId}`, [{ type: 'VariantPriceChanged', data }], 'ChangeVariantPrice', correlationId);
}

/** Sellers reprice one variant at a time, mostly small moves. */
export function repriceSomething(shop: Shop): void {
  const product = shop.random.pick(shop.products);
  const sku = shop.random.pick(product.skus);
  changePrice(shop, sku, Math.round(sku.price * (1 + (shop.random.next() - 0.45) * 0.3)), product.productId);
}

/** A weekend sale: every variant of a few categories 20% off, back to its price three days later. */
export function runPromotion(shop: Shop): void {
  const leaves = new Set(Array.from({ length: shop.random.int(1, 3) }, () => shop.random.pick(shop.leafCategories).categoryId));
  const skus = shop.products.filter((p) => leaves.has(p.categoryId) && p.status === 'published').flatMap((p) => p.skus);
  const correlationId = `promo-${shop.random.uuid()}`;
  const before = new Map(skus.map((sku) => [sku, sku.price]));
  for (const sku of skus) changePrice(shop, sku, Math.round(sku.price * 0.8), correlationId);
  shop.clock.after(3 * DAY, () => {
    for (const [sku, price] of before) changePrice(shop, sku, price, correlationId);
  });
}

export function editDetails(shop: Shop): void {
  const { random } = shop;
  const product = random.pick(shop.products);
  const data: Record<string, unknown> = { productId: product.productId };
  const what = random.weighted([['description', 5], ['title', 2], ['images', 2], ['category', 1]] as const);
  if (what === 'description') data.description = Array.from({ length: random.int(2, 8) }, () => sentences(random, 8, 30)).join(' ');
  if (what === 'title') data.title = title(random, random.pick(shop.brands));
  if (what === 'images') data.imageUrls = Array.from({ length: random.int(1, 5) }, (_, i) => `https://cdn.example.com/p/${product.productId}/v2-${i}.jpg`);
  if (what === 'category') data.categoryId = product.categoryId = random.pick(shop.leafCategories).categoryId;
  shop.append(`product-${product.productId}`, [{ type: 'ProductDetailsUpdated', data }], 'UpdateProductDetails', product.productId);
}

export function addVariant(shop: Shop): void {
  const product = shop.random.pick(shop.products);
  if (product.status === 'discontinued' || product.skus.length >= 8) return;
  const sku = variant(shop, product, product.skus[0]!.price, product.skus.length);
  const data = { productId: product.productId, variant: variantData(sku, product.currency, { color: COLORS[product.skus.length % COLORS.length]!, edition: 'new' }) };
  shop.append(`product-${product.productId}`, [{ type: 'ProductVariantAdded', data }], 'AddVariant', product.productId);
  stockNewSku(shop, sku);
}

/** Taken off sale for a while (and mostly back), or for good. */
export function withdrawProduct(shop: Shop): void {
  const product = shop.random.pick(shop.products);
  if (product.status !== 'published') return;
  if (shop.random.chance(0.35)) return setStatus(shop, product, 'discontinued');
  setStatus(shop, product, 'unpublished');
  if (shop.random.chance(0.7)) shop.clock.after(shop.random.int(1, 10) * DAY, () => setStatus(shop, product, 'published'));
}

/** Sibling names are unique (the category aggregate refuses a clash). */
const takenUnder = (shop: Shop, parentId: string | null, name: string) =>
  shop.categories.some((c) => c.parentId === parentId && c.name.toLowerCase() === name.toLowerCase());

/** Merchandisers rename a category now and then, and rarely move one under another parent. */
export function reshapeCategories(shop: Shop): void {
  const { random } = shop;
  const category = random.pick(shop.leafCategories);
  if (random.chance(0.7)) {
    const previousName = category.name;
    const name = `${previousName.split(' ')[0]} ${random.pick(THIRD)} ${random.int(2, 999)}`;
    if (takenUnder(shop, category.parentId, name)) return;
    category.name = name;
    shop.append(CATALOG, [{ type: 'CategoryRenamed', data: { categoryId: category.categoryId, name: category.name, previousName } }], 'RenameCategory', 'catalog-admin');
    return;
  }
  const parents = shop.categories.filter((c) => c.parentId !== null && !shop.leafCategories.includes(c) && c.categoryId !== category.parentId);
  const parent = random.pick(parents);
  if (takenUnder(shop, parent.categoryId, category.name)) return;
  const data = { categoryId: category.categoryId, parentId: parent.categoryId, previousParentId: category.parentId };
  category.parentId = parent.categoryId;
  shop.append(CATALOG, [{ type: 'CategoryMoved', data }], 'MoveCategory', 'catalog-admin');
}
