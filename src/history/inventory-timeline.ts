import { inventoryDecider, inventoryStreamName, type InventoryEvent, type InventoryState } from '../domain/inventory/index.js';
import type { EventStore } from '../eventstore/types.js';
import { readStreamPages } from './read-stream-pages.js';

export interface InventoryTimelineOptions {
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** Bucket width in milliseconds (see parseDuration for "15m", "1h", …). */
  readonly bucket: number;
}

export interface InventoryLevelPoint {
  /** The bucket's start (ISO). Levels are those at its end: after every event recorded before then. */
  readonly at: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  /** Events recorded within the bucket: how busy the SKU was. */
  readonly events: number;
}

export interface InventoryTimeline {
  readonly sku: string;
  readonly stream: string;
  readonly from: string;
  readonly to: string;
  readonly bucketMs: number;
  readonly buckets: InventoryLevelPoint[];
}

/** A chart has no use for more points, and a typo in `bucket` must not allocate millions. */
export const MAX_TIMELINE_BUCKETS = 10_000;

/**
 * Stock levels of one SKU over time, from its `inventory-<sku>` stream folded with the domain's own
 * `evolve` (so a committed reservation leaves on-hand and reserved together, exactly as the
 * aggregate decided). Times are the store's `recordedAt`, as for `streamAsOf`; the stream is read a
 * page at a time and no further than `to`. Throws RangeError for an empty range or too many buckets.
 */
export async function inventoryTimeline(store: EventStore, sku: string, options: InventoryTimelineOptions): Promise<InventoryTimeline> {
  const from = options.from.getTime();
  const to = options.to.getTime();
  const width = options.bucket;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) throw new RangeError('the timeline needs from < to');
  if (!Number.isSafeInteger(width) || width <= 0) throw new RangeError('the bucket width must be a positive number of milliseconds');
  const count = Math.ceil((to - from) / width);
  if (count > MAX_TIMELINE_BUCKETS) throw new RangeError(`${count} buckets is more than ${MAX_TIMELINE_BUCKETS}: choose a wider bucket`);

  const stream = inventoryStreamName(sku);
  const buckets: InventoryLevelPoint[] = [];
  let state: InventoryState = inventoryDecider.initialState();
  let inBucket = 0;
  const bucketEnd = () => Math.min(from + (buckets.length + 1) * width, to);
  const close = () => {
    buckets.push({ at: new Date(from + buckets.length * width).toISOString(), onHand: state.onHand, reserved: state.reserved, available: state.available, events: inBucket });
    inBucket = 0;
  };

  pages: for await (const page of readStreamPages(store, stream)) {
    for (const event of page) {
      const time = event.recordedAt.getTime();
      if (time >= to) break pages;
      while (buckets.length < count && time >= bucketEnd()) close();
      state = inventoryDecider.evolve(state, { type: event.type, data: event.data } as InventoryEvent);
      if (time >= from) inBucket++;
    }
  }
  while (buckets.length < count) close();
  return { sku, stream, from: options.from.toISOString(), to: options.to.toISOString(), bucketMs: width, buckets };
}
