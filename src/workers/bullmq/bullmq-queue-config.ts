import type { ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';

export interface BullmqQueueConfig {
  /** redis://host:port/db */
  readonly url: string;
  /** Namespaces every key (default `commerce`): two systems, or two test runs, on one Redis never meet. */
  readonly prefix?: string;
  readonly logger?: Logger;
  /** Completed jobs kept for `get` and deduplication: the newest `count`, none older than `ageMs`. */
  readonly keepCompleted?: { readonly count: number; readonly ageMs: number };
}

export const DEFAULT_PREFIX = 'commerce';

/** BullMQ opens its own connections from these options (a worker needs a blocking one besides). */
export const connectionOf = (config: BullmqQueueConfig): ConnectionOptions => ({ url: config.url });

/** Dead letters are kept until retried or cleaned by an operator; the cap only protects Redis's memory. */
export const KEEP_FAILED = { count: 100_000 };

export const keepCompletedOf = (config: BullmqQueueConfig) => {
  const keep = config.keepCompleted ?? { count: 1_000, ageMs: 24 * 3_600_000 };
  return { count: keep.count, age: Math.ceil(keep.ageMs / 1000) };
};
