import { Faker, base, en } from '@faker-js/faker';
import { slugify } from '../domain/category/index.js';
import { axisAttribute, axisValues, demoDepartments, type Department, type LeafCategory, type VariantAxis } from './demo-catalog.js';
import { productIdOf, skuOf } from './demo-logins.js';
import type { PlannedCategory, PlannedProduct, PlannedVariant } from './demo-plan.js';

/** A faker whose output depends only on the seed and `keys`: one entity never shifts another. */
export function fakerFor(seed: number, ...keys: number[]): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed([seed, ...keys]);
  return faker;
}

export interface Leaf {
  readonly categoryId: string;
  readonly leaf: LeafCategory;
  readonly department: Department;
}

export interface PlannedCatalog {
  readonly categories: readonly PlannedCategory[];
  readonly leaves: readonly Leaf[];
}

const categoryIdOf = (slug: string) => `cat-${slug}`;

/** Departments, sections, leaves: parents before children, as CreateCategory requires. */
export function planCategories(): PlannedCatalog {
  const categories: PlannedCategory[] = [];
  const leaves: Leaf[] = [];
  const add = (name: string, parentSlug: string | null, slug = slugify(name)) => {
    categories.push({ categoryId: categoryIdOf(slug), name, slug, parentId: parentSlug === null ? null : categoryIdOf(parentSlug) });
    return slug;
  };
  for (const department of demoDepartments) {
    const departmentSlug = add(department.name, null);
    for (const section of department.sections) {
      // "Men" and "Women" read alone in the tree, but their slugs must be unique shop-wide.
      const sectionSlug = add(section.name, departmentSlug, slugify(`${department.name} ${section.name}`));
      for (const leaf of section.leaves) {
        const slug = add(leaf.name, sectionSlug);
        leaves.push({ categoryId: categoryIdOf(slug), leaf, department });
      }
    }
  }
  return { categories, leaves };
}

interface HandWritten {
  readonly title: string;
  readonly leaf: string;
  readonly brand: string;
  readonly price: number;
  /** Fixed variants, so that the README can name the SKUs: per axis, the values' codes. */
  readonly variants: Partial<Record<VariantAxis, readonly string[]>>;
}

/** The documented products (demoProducts), in id order: four pairs shoppers buy together. */
const handWritten: readonly HandWritten[] = [
  { title: 'Aurora Audio Wireless Noise-Cancelling Headphones', leaf: 'Headphones', brand: 'Aurora Audio', price: 19999, variants: { colour: ['BLK', 'WHT', 'NVY'] } },
  { title: 'Voltix 65W USB-C Charger', leaf: 'Chargers', brand: 'Voltix', price: 3999, variants: { colour: ['WHT', 'BLK'] } },
  { title: 'Northwind Trail Runner Running Shoes', leaf: 'Running Shoes', brand: 'Northwind', price: 12999, variants: { colour: ['BLK'], shoeSize: ['40', '41', '42', '43', '44', '45'] } },
  { title: 'Northwind Merino Running Tee', leaf: 'T-Shirts', brand: 'Northwind', price: 4499, variants: { colour: ['NVY'], apparelSize: ['S', 'M', 'L', 'XL'] } },
  { title: 'Basecamp Ultralight 2-Person Tent', leaf: 'Tents', brand: 'Basecamp', price: 34999, variants: { colour: ['OLV'] } },
  { title: 'Trailhead 45L Hiking Backpack', leaf: 'Backpacks', brand: 'Trailhead', price: 15999, variants: { colour: ['GRY', 'RED'] } },
  { title: 'Barista Co. Pour-Over Coffee Set', leaf: 'Coffee & Tea', brand: 'Barista Co.', price: 4999, variants: { colour: ['WHT', 'BLK'] } },
  { title: 'Barista Co. Conical Burr Grinder', leaf: 'Coffee & Tea', brand: 'Barista Co.', price: 12999, variants: { colour: ['BLK'] } },
];

/** Words shops put in product names (faker's adjectives run to "Frozen" and "Rustic" earbuds). */
const qualifiers = [
  'Classic', 'Essential', 'Pro', 'Everyday', 'Premium', 'Lightweight', 'Compact', 'Signature', 'Ultra', 'Heritage',
  'Active', 'Eco', 'Travel', 'Urban', 'Performance', 'Original', 'Studio', 'Prime', 'Flex', 'Max',
];

/** Prices end in 99 cents, as shops like them. */
const shopPrice = (cents: number) => Math.max(99, Math.floor(cents / 100) * 100 + 99);

/** A run of `count` consecutive values of an axis (sizes come in runs: M, L, XL). */
function valuesOf(faker: Faker, axis: VariantAxis, count: number) {
  const all = axisValues[axis];
  if (axis === 'colour') return faker.helpers.arrayElements(all, Math.min(count, all.length));
  const size = Math.min(count, all.length);
  const start = faker.number.int({ min: 0, max: all.length - size });
  return all.slice(start, start + size);
}

/** Variants: the cross product of each axis's chosen values; bigger sizes of some goods cost more. */
function planVariants(faker: Faker, productId: string, leaf: LeafCategory, basePrice: number, fixed?: HandWritten['variants']): PlannedVariant[] {
  const counts: Record<VariantAxis, () => number> = {
    colour: () => (leaf.axes.length > 1 ? faker.number.int({ min: 1, max: 2 }) : faker.number.int({ min: 1, max: 3 })),
    apparelSize: () => faker.number.int({ min: 2, max: 3 }),
    shoeSize: () => 3,
    storage: () => faker.number.int({ min: 1, max: 3 }),
    capacity: () => faker.number.int({ min: 1, max: 3 }),
    weight: () => faker.number.int({ min: 2, max: 4 }),
  };
  let combos: { codes: string[]; attributes: Record<string, string>; step: number }[] = [{ codes: [], attributes: {}, step: 0 }];
  const axes = fixed ? (Object.keys(fixed) as VariantAxis[]) : leaf.axes;
  for (const axis of axes) {
    const codes = fixed?.[axis];
    const values = codes ? axisValues[axis].filter(([, code]) => codes.includes(code)) : valuesOf(faker, axis, counts[axis]());
    const pricedBySize = axis === 'storage' || axis === 'capacity' || axis === 'weight';
    combos = combos.flatMap((combo) =>
      values.map(([value, code], i) => ({
        codes: [...combo.codes, code],
        attributes: { ...combo.attributes, [axisAttribute[axis]]: value },
        step: combo.step + (pricedBySize ? i : 0),
      })),
    );
  }
  return combos.map(({ codes, attributes, step }) => ({
    sku: skuOf(productId, codes),
    price: { amount: shopPrice(basePrice * (1 + 0.25 * step)), currency: 'USD' },
    attributes,
  }));
}

function productAttributes(faker: Faker, leaf: LeafCategory): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, values] of Object.entries(leaf.attributes ?? {})) attributes[name] = faker.helpers.arrayElement(values);
  return attributes;
}

const sellingPoints = [
  'Designed for everyday use and built to last.',
  'Backed by a two-year warranty.',
  'Free returns within 30 days.',
  'Thoughtfully packaged in recycled materials.',
  'A customer favourite, restocked regularly.',
  'Tested by our team before it goes on sale.',
  'Pairs well with the rest of the range.',
];

function describe(faker: Faker, title: string, leaf: LeafCategory, attributes: Record<string, string>): string {
  const details = Object.entries(attributes).map(([name, value]) => `${name}: ${value}`);
  return [
    `${title}: ${faker.helpers.arrayElement(['a well-made', 'a beautifully simple', 'a sturdy, good-looking', 'a best-selling', 'an easy-going'])} pick from our ${leaf.name.toLowerCase()} range.`,
    ...faker.helpers.arrayElements(sellingPoints, 2),
    details.length > 0 ? `Details: ${details.join(', ')}.` : '',
    'Ships in 1-2 business days.',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Product `index` (0-based), the same whatever the number of products: its own faker, its leaf
 * and seller chosen from its index. `sellerIds` are the five demo sellers' customer ids.
 */
export function planProduct(seed: number, index: number, leaves: readonly Leaf[], sellerIds: readonly string[]): PlannedProduct {
  const faker = fakerFor(seed, 1, index);
  const productId = productIdOf(index);
  const written = handWritten[index];
  const placed = written ? leaves.find((l) => l.leaf.name === written.leaf)! : leaves[index % leaves.length]!;
  const { leaf, department, categoryId } = placed;
  // The department's own seller sells most of it; the general store a fifth.
  const sellerIndex = written || faker.number.float() < 0.8 ? department.sellers[0]! : department.sellers[1]!;
  const brand = written?.brand ?? faker.helpers.arrayElement(department.brands);
  const attributes = productAttributes(faker, leaf);
  const qualifier = faker.helpers.arrayElement([faker.helpers.arrayElement(qualifiers), attributes['material'] ?? faker.helpers.arrayElement(qualifiers)]);
  const title = written?.title ?? `${brand} ${qualifier} ${faker.helpers.arrayElement(leaf.nouns)}`.replace(/(^|\s)\w/g, (c) => c.toUpperCase());
  const basePrice = written?.price ?? faker.number.int({ min: leaf.price[0], max: leaf.price[1] });
  return {
    productId,
    sellerId: sellerIds[sellerIndex]!,
    title,
    description: describe(faker, title, leaf, attributes),
    brand,
    categoryId,
    imageUrls: [`https://picsum.photos/seed/${productId}/800/800`, `https://picsum.photos/seed/${productId}-2/800/800`],
    attributes,
    variants: planVariants(faker, productId, leaf, basePrice, written?.variants),
  };
}
