import { performance } from 'node:perf_hooks';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ProductView } from '../../../projections/read-models/index.js';
import { productSchema } from './catalog-schemas.js';
import { etagOf } from './etag.js';

/** A product's 200 answer, made once per load: the view (for the visibility check), the body and its ETag. */
export interface ProductDetail {
  readonly view: ProductView;
  /** JSON exactly as the route's zod response schema would encode the view. */
  readonly body: string;
  /** `body` in UTF-8, encoded once: a string would be measured and encoded again on every answer. */
  readonly bytes: Buffer;
  readonly etag: string;
}

export interface ProductDetailCache {
  /** The product as read at most `ttlMs` ago (or now, on a miss); undefined when the read model has no such product. */
  recent(productId: string): Promise<ProductDetail | undefined>;
  /** The product as the read model has it now (a read-your-writes read); refreshes the cache. */
  fresh(productId: string): Promise<ProductDetail | undefined>;
}

export interface ProductDetailCacheOptions {
  /** Staleness bound of `recent`: an answer reflects the read model as it was at most this long ago. Default 1,000 ms. */
  readonly ttlMs?: number;
  /** Products kept; the oldest loads go first. Default 5,000 (a detail is a few KB). */
  readonly maxEntries?: number;
  /** Monotonic milliseconds (tests move it). */
  readonly now?: () => number;
}

interface Entry {
  readonly detail: ProductDetail;
  /** When the read that produced it STARTED: the read model was at least this current. */
  readonly readAt: number;
}

export const PRODUCT_DETAIL_TTL_MS = 1_000;

/** The body and ETag of a view, as the route's response schema encodes it (extra fields dropped). */
export function productDetailOf(view: ProductView): ProductDetail {
  const encoded = z.safeEncode(productSchema, view);
  if (!encoded.success) throw new Error(`product ${view.productId} does not fit the response schema: ${encoded.error.message}`);
  const body = JSON.stringify(encoded.data);
  return { view, body, bytes: Buffer.from(body, 'utf8'), etag: etagOf(body) };
}

/**
 * Product detail is the hottest read of a shop and changes seldom: each product's answer is read,
 * encoded and tagged once, then served from memory. Staleness is bounded by `ttlMs` (on top of the
 * projection's own lag), counted from when the read started, and a newer read never loses to an
 * older one that finished later. Entries are read again in the background after 3/4 of the TTL, and
 * misses of one product share one read. Reads that carry `?position=` use `fresh`, which always
 * reads, so read-your-writes never meets a cached answer. Products the read model does not have are
 * not cached (a product created a moment ago shows up as soon as its projection has it).
 *
 * Why not invalidate by the projection's checkpoint instead: an API-only process has no runner to
 * ask, the checkpoint moves with every stock change (each checkout), and a rebuild elsewhere swaps
 * the tables without moving this process's view of it; a TTL bounds staleness in every deployment.
 */
export function createProductDetailCache(load: (productId: string) => Promise<ProductView | undefined>, options: ProductDetailCacheOptions = {}): ProductDetailCache {
  const ttlMs = options.ttlMs ?? PRODUCT_DETAIL_TTL_MS;
  const maxEntries = options.maxEntries ?? 5_000;
  // Late enough that a hot product costs few reads (one per ~0.75 TTL), early enough that the
  // background read is back long before the TTL runs out.
  const refreshAfterMs = ttlMs * 0.75;
  const now = options.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<ProductDetail | undefined>>();

  async function read(productId: string): Promise<ProductDetail | undefined> {
    const readAt = now();
    const view = await load(productId);
    const held = entries.get(productId);
    if (view === undefined) {
      if (held !== undefined && held.readAt <= readAt) entries.delete(productId);
      return undefined;
    }
    const detail = productDetailOf(view);
    if (held === undefined || held.readAt <= readAt) {
      // Re-inserted at the end: the Map's order is the order of reads, oldest first out.
      entries.delete(productId);
      entries.set(productId, { detail, readAt });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return detail;
  }

  /** One read per product at a time; callers of `recent` share it. */
  function readShared(productId: string): Promise<ProductDetail | undefined> {
    const started = read(productId).finally(() => loading.delete(productId));
    loading.set(productId, started);
    return started;
  }

  return {
    recent(productId) {
      const held = entries.get(productId);
      const age = held === undefined ? Infinity : now() - held.readAt;
      if (age < ttlMs) {
        // Read again in the background once most of the TTL is gone: under steady traffic no request
        // waits for a read, and none is answered from a read older than the TTL.
        if (age >= refreshAfterMs && !loading.has(productId)) void readShared(productId).catch(() => undefined);
        return Promise.resolve(held!.detail);
      }
      return loading.get(productId) ?? readShared(productId);
    },
    fresh: read,
  };
}

/**
 * Sends a body already encoded with the route's response schema. Fastify sends bytes as they are
 * (no serializer runs) with the content type set here; the parameter is the untyped reply because
 * the route's type provider expects the object, not its encoding.
 */
export function sendEncoded(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.header('content-type', 'application/json; charset=utf-8').send(body);
}
