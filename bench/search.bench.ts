/**
 * npm run bench:search — p50/p99 latency of 1,000 mixed queries with facets over 100k generated
 * products: Postgres full-text (the product-search projection's tables, loaded directly), and
 * Typesense too when TYPESENSE_URL is set. Queries run one at a time, after one pass over all of them
 * that warms the database's buffers (a search index's working set is warm in production).
 * Env: DATABASE_URL (default the local test server), BENCH_SCALE (default 1 = 100k products),
 * TYPESENSE_URL / TYPESENSE_API_KEY, BENCH_SCHEMA (load into this schema and keep it, for EXPLAIN).
 *
 * The Postgres figures come twice: with the facet cache (the adapter's default) and with every
 * facet counted afresh, which is what a query no one asked before costs.
 */
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { ensureLiveGeneration, namerFor } from '../src/projections/runner/generations.js';
import { bulkLoadSearchDocuments, type CategoryRow } from '../src/search/postgres/bulk-load.js';
import { createPostgresSearch } from '../src/search/postgres/postgres-search.js';
import { productSearchProjection } from '../src/search/postgres/product-search-projection.js';
import type { SearchDocument, SearchPort, SearchQuery, SearchSort } from '../src/search/search-port.js';
import { createTypesenseClient, ensureProductCollection, toTypesenseProduct } from '../src/search/typesense/typesense-collection.js';
import { createTypesenseSearch } from '../src/search/typesense/typesense-search.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../test/support/postgres.js';
import { report, type Row } from './support/report.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const productCount = Math.round(100_000 * scale);
const queryCount = 1_000;
const suggestCount = 200;

/** Mulberry32: the same catalog and queries on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const adjectives = ['Wireless', 'Bluetooth', 'Portable', 'Smart', 'Compact', 'Professional', 'Ultra', 'Premium', 'Classic', 'Digital',
  'Ergonomic', 'Waterproof', 'Rechargeable', 'Mini', 'Heavy', 'Stainless', 'Organic', 'Vintage', 'Modern', 'Foldable', 'Adjustable',
  'Lightweight', 'Insulated', 'Magnetic', 'Cordless', 'Electric', 'Outdoor', 'Gaming', 'Studio', 'Travel', 'Kids', 'Leather', 'Bamboo',
  'Ceramic', 'Carbon', 'Solar', 'Silent', 'Turbo', 'Noise', 'Cancelling'];
const nouns = ['Headphones', 'Speaker', 'Keyboard', 'Mouse', 'Monitor', 'Laptop', 'Charger', 'Camera', 'Blender', 'Kettle', 'Knife',
  'Backpack', 'Jacket', 'Sneakers', 'Lamp', 'Chair', 'Desk', 'Watch', 'Router', 'Drone', 'Tent', 'Bottle', 'Grill', 'Vacuum', 'Toaster',
  'Microphone', 'Tablet', 'Projector', 'Printer', 'Guitar', 'Earbuds', 'Thermostat', 'Scooter', 'Helmet', 'Blanket', 'Pillow', 'Mattress',
  'Cookware', 'Espresso', 'Grinder', 'Fryer', 'Purifier', 'Humidifier', 'Heater', 'Fan', 'Trimmer', 'Shaver', 'Toothbrush', 'Scale',
  'Tripod', 'Lens', 'Stroller', 'Puzzle', 'Telescope', 'Bicycle', 'Skateboard', 'Kayak', 'Hammock', 'Cooler', 'Suitcase'];
const fillers = ['with', 'durable', 'design', 'for', 'everyday', 'use', 'long', 'battery', 'life', 'easy', 'setup', 'premium', 'materials',
  'fast', 'charging', 'quiet', 'powerful', 'motor', 'sleek', 'finish', 'includes', 'warranty', 'eco', 'friendly', 'high', 'performance'];
const syllables = ['ka', 'zen', 'tro', 'vo', 'lux', 'mi', 'ra', 'qu', 'no', 'vex', 'ta', 'sol', 'pi', 'dor', 'ne', 'xa', 'li', 'mo'];
const brands = [...new Set(Array.from({ length: 400 }, () => `${pick(syllables)}${pick(syllables)}${pick(syllables)}`))]
  .slice(0, 300)
  .map((b) => b[0]!.toUpperCase() + b.slice(1));

function generateCategories(): CategoryRow[] {
  const rows: CategoryRow[] = [];
  for (let r = 0; r < 10; r++) {
    const root = `c${r}`;
    rows.push({ categoryId: root, parentId: null, name: `Department ${r}`, path: [root] });
    for (let c = 0; c < 6; c++) {
      const child = `${root}-${c}`;
      rows.push({ categoryId: child, parentId: root, name: `Aisle ${r}.${c}`, path: [root, child] });
      for (let g = 0; g < 5; g++) {
        const leaf = `${child}-${g}`;
        rows.push({ categoryId: leaf, parentId: child, name: `Shelf ${r}.${c}.${g}`, path: [root, child, leaf] });
      }
    }
  }
  return rows;
}

function generateProducts(categories: readonly CategoryRow[]): SearchDocument[] {
  const leaves = categories.filter((c) => c.path.length === 3);
  const now = Date.now();
  return Array.from({ length: productCount }, (_, i) => {
    const leaf = pick(leaves);
    const rated = random() < 0.7;
    const [adjective, noun] = [pick(adjectives), pick(nouns)];
    const title = `${adjective} ${random() < 0.4 ? `${pick(adjectives)} ` : ''}${noun} ${pick(['X', 'Pro', 'Max', 'Air', 'S'])}${int(1, 500)}`;
    // A description talks about its own product and mentions a couple of others ("works with …").
    const description = [
      `${adjective} ${noun.toLowerCase()}`,
      ...Array.from({ length: 14 }, () => pick(fillers)),
      `works with ${pick(nouns).toLowerCase()} and ${pick(nouns).toLowerCase()}`,
    ].join(' ');
    return {
      productId: `bench-${i}`,
      title,
      brand: pick(brands),
      description,
      categoryId: leaf.categoryId,
      categoryPath: leaf.path,
      price: { amount: Math.round(Math.exp(Math.log(500) + random() * (Math.log(300_000) - Math.log(500)))), currency: 'USD' },
      rating: rated ? Math.round((1 + 4 * Math.sqrt(random())) * 100) / 100 : 0,
      ratingCount: rated ? int(1, 500) : 0,
      inStock: random() < 0.85,
      soldUnits: Math.floor(2_000 / (1 + random() * 400)),
      createdAt: new Date(now - int(0, 730) * 86_400_000 - int(0, 86_400_000)),
      published: random() < 0.97,
      source: { commit: 1n, prepare: BigInt(i) },
    };
  });
}

function typo(word: string): string {
  if (word.length < 5) return word;
  const i = int(1, word.length - 2);
  return random() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

type Kind = 'text' | 'text with typo' | 'text + filters' | 'category browse' | 'prefix' | 'browse all';
const sorts: SearchSort[] = ['price_asc', 'price_desc', 'rating', 'newest', 'best_selling'];

function generateQueries(categories: readonly CategoryRow[]): { kind: Kind; query: SearchQuery }[] {
  const word = () => pick(random() < 0.5 ? adjectives : nouns).toLowerCase();
  return Array.from({ length: queryCount }, () => {
    const roll = random();
    if (roll < 0.35) return { kind: 'text' as const, query: { q: random() < 0.5 ? word() : `${pick(adjectives)} ${pick(nouns)}`.toLowerCase() } };
    if (roll < 0.45) return { kind: 'text with typo' as const, query: { q: `${typo(pick(adjectives).toLowerCase())} ${typo(pick(nouns).toLowerCase())}` } };
    if (roll < 0.6) {
      const min = int(500, 20_000);
      return {
        kind: 'text + filters' as const,
        query: { q: word(), sort: pick(['relevance', 'price_asc'] as const), filters: { price: { min, max: min * 4 }, inStockOnly: random() < 0.5, ...(random() < 0.3 ? { brands: [pick(brands), pick(brands)] } : {}) } },
      };
    }
    if (roll < 0.85) {
      const category = pick(categories);
      return {
        kind: 'category browse' as const,
        query: { sort: pick(sorts), page: int(1, 3), filters: { categoryId: category.categoryId, ...(random() < 0.5 ? { minRating: 4 } : {}), ...(random() < 0.5 ? { inStockOnly: true } : {}) } },
      };
    }
    if (roll < 0.95) {
      const noun = pick(nouns).toLowerCase();
      return { kind: 'prefix' as const, query: { q: `${pick(adjectives).toLowerCase()} ${noun.slice(0, int(3, noun.length - 1))}` } };
    }
    return { kind: 'browse all' as const, query: { sort: pick(['best_selling', 'newest'] as const) } };
  });
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (n: number) => Math.round(n * 10) / 10;

async function measure(name: string, search: SearchPort, queries: { kind: Kind; query: SearchQuery }[], prefixes: string[]): Promise<Row[]> {
  const timings: { kind: string; ms: number; total: number; query: SearchQuery }[] = [];
  for (const { kind, query } of queries) {
    const started = performance.now();
    const result = await search.search(query);
    timings.push({ kind, ms: performance.now() - started, total: result.total, query });
  }
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`${name}: slowest queries\n${slowest.map((t) => `  ${ms(t.ms)} ms, ${t.total} matches: ${JSON.stringify(t.query)}`).join('\n')}`);
  const suggestTimings: number[] = [];
  for (const prefix of prefixes) {
    const started = performance.now();
    await search.suggest(prefix, 8);
    suggestTimings.push(performance.now() - started);
  }
  const row = (label: string, values: number[], matches?: number[]): Row => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      engine: name,
      queries: label,
      count: values.length,
      'p50 ms': ms(percentile(sorted, 50)),
      'p95 ms': ms(percentile(sorted, 95)),
      'p99 ms': ms(percentile(sorted, 99)),
      'max ms': ms(sorted.at(-1) ?? 0),
      'mean hits': matches ? Math.round(matches.reduce((a, b) => a + b, 0) / matches.length) : '',
    };
  };
  const kinds = [...new Set(timings.map((t) => t.kind))];
  return [
    row('all (mixed, with facets)', timings.map((t) => t.ms), timings.map((t) => t.total)),
    ...kinds.map((kind) => row(`  ${kind}`, timings.filter((t) => t.kind === kind).map((t) => t.ms), timings.filter((t) => t.kind === kind).map((t) => t.total))),
    ...(suggestTimings.length > 0 ? [row('suggest', suggestTimings)] : []),
  ];
}

const categories = generateCategories();
let started = performance.now();
const documents = generateProducts(categories);
const queries = generateQueries(categories);
const prefixes = Array.from({ length: suggestCount }, () => {
  const w = pick([...adjectives, ...nouns]).toLowerCase();
  return random() < 0.2 ? typo(w) : w.slice(0, int(2, w.length));
});
console.log(`generated ${productCount} products in ${Math.round(performance.now() - started)} ms`);

const rows: Row[] = [];
const schema = process.env.BENCH_SCHEMA ?? uniqueSchema('bench_search');
const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
try {
  const live = await ensureLiveGeneration(store.db, productSearchProjection);
  started = performance.now();
  await bulkLoadSearchDocuments(store.db, namerFor(live.generation), documents, categories);
  console.log(`loaded into postgres (with indexes, lexicon, VACUUM ANALYZE) in ${Math.round(performance.now() - started)} ms`);
  // Warm the buffer cache with every query once (without the facet cache, so the measured run starts with an empty one).
  const warm = createPostgresSearch({ db: store.db, facetCacheSize: 0 });
  for (const { query } of queries) await warm.search(query);
  rows.push(...(await measure('postgres FTS', createPostgresSearch({ db: store.db }), queries, prefixes)));
  // The same queries with every facet counted afresh: what a query nobody asked before costs.
  rows.push(...(await measure('postgres FTS, no facet cache', createPostgresSearch({ db: store.db, facetCacheSize: 0 }), queries, [])));
} finally {
  await store.close();
  if (!process.env.BENCH_SCHEMA) await dropSchema(schema);
}

if (process.env.TYPESENSE_URL) {
  const client = createTypesenseClient(process.env.TYPESENSE_URL, process.env.TYPESENSE_API_KEY ?? '');
  const collection = `products_bench_${randomUUID().replaceAll('-', '')}`;
  await ensureProductCollection(client, collection);
  try {
    started = performance.now();
    for (let i = 0; i < documents.length; i += 5_000) {
      await client.collections(collection).documents().import(documents.slice(i, i + 5_000).map(toTypesenseProduct), { action: 'upsert' });
    }
    console.log(`imported into typesense in ${Math.round(performance.now() - started)} ms`);
    const typesense = createTypesenseSearch({ client, collection });
    for (const { query } of queries.slice(0, 50)) await typesense.search(query);
    rows.push(...(await measure('typesense', typesense, queries, prefixes)));
  } finally {
    await client.collections(collection).delete();
  }
} else {
  console.log('typesense: skipped (TYPESENSE_URL is not set; docker compose up provides it)');
}

await report('search', rows, { scale, products: productCount, queries: queryCount, target: 'p99 < 50 ms' });
