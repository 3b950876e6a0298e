import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Logger } from 'pino';
import type { Position } from '../../eventstore/types.js';
import { createSqlCheckpointStore, type CheckpointStore } from '../../projections/checkpoints/checkpoint-store.js';
import { liveGeneration } from '../../projections/runner/generations.js';
import { productSearchProjection } from '../postgres/product-search-projection.js';
import { searchTables } from '../postgres/search-tables.js';
import type { SearchDocument, SearchIndex } from '../search-port.js';

export interface TypesenseSearchIndexerOptions {
  /** The database the `product-search` projection writes. */
  readonly db: Kysely<unknown>;
  readonly index: SearchIndex;
  /** Checkpoint name prefix; one per target collection. */
  readonly name?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly maxAttempts?: number;
  readonly logger?: Logger;
}

interface DocumentRow {
  readonly product_id: string;
  readonly title: string;
  readonly brand: string;
  readonly description: string;
  readonly category_id: string;
  readonly category_path: string[];
  readonly status: string;
  readonly currency: string;
  readonly price_min: string | number | null;
  readonly rating_avg: number;
  readonly rating_count: number;
  readonly in_stock: boolean;
  readonly sold_units: string | number;
  readonly created_at: Date | string;
  readonly source_commit: string | number;
  readonly source_prepare: string | number;
}

const positionOf = (row: DocumentRow): Position => ({ commit: BigInt(row.source_commit), prepare: BigInt(row.source_prepare) });
const samePosition = (a: Position, b: Position) => a.commit === b.commit && a.prepare === b.prepare;

/**
 * Keeps a Typesense collection in step with the product events. It does not fold the events a second
 * time: stock and sales arrive as deltas, which only an exactly-once writer may add up, and the
 * `product-search` projection is that writer (its tables change with its checkpoint, in one
 * transaction). Every document the projection changes carries the position of the page that changed
 * it; this indexer follows that change feed in position order, upserts the documents by id (guarded
 * by that position, so an older document never overwrites a newer one) and checkpoints after the
 * write: a crash in between re-sends a page, which is harmless.
 *
 * The checkpoint is per projection generation: after a rebuild switches generations, every document
 * is pushed again from the new one.
 */
export class TypesenseSearchIndexer {
  private readonly checkpoints: CheckpointStore;
  private readonly batchSize: number;
  private stopping = false;
  private wake: (() => void) | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: TypesenseSearchIndexerOptions) {
    this.checkpoints = createSqlCheckpointStore(options.db);
    this.batchSize = options.batchSize ?? 500;
  }

  /** Pushes every changed document until none is left; returns how many were written. */
  async catchUp(): Promise<number> {
    const generation = await liveGeneration(this.options.db, productSearchProjection.name);
    if (!generation) return 0;
    const name = `${this.options.name ?? 'search-index:typesense'}:g${generation.generation}`;
    let checkpoint = await this.checkpoints.load(name);
    let written = 0;
    for (;;) {
      const rows = await this.changedAfter(checkpoint);
      if (rows.length === 0) return written;
      written += await this.options.index.index(rows.map(toDocument));
      checkpoint = positionOf(rows.at(-1)!);
      await this.checkpoints.store(name, checkpoint);
    }
  }

  /** Runs `catchUp` every poll interval until stopped; failures are retried with backoff, then thrown. */
  start(): { readonly done: Promise<void>; status(): { lastError: string | undefined }; stop(): Promise<void> } {
    const pollIntervalMs = this.options.pollIntervalMs ?? 200;
    const maxAttempts = this.options.maxAttempts ?? 10;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const run = async () => {
      let attempt = 0;
      while (!this.stopping) {
        try {
          await this.catchUp();
          attempt = 0;
          this.lastError = undefined;
          await sleep(pollIntervalMs);
        } catch (error) {
          attempt++;
          this.lastError = error instanceof Error ? error.message : String(error);
          this.options.logger?.warn({ err: error, attempt }, 'typesense indexing failed');
          if (attempt >= maxAttempts) throw error;
          await sleep(Math.min(10_000, 100 * 2 ** attempt));
        }
      }
    };
    const done = run();
    done.catch(() => undefined);
    return {
      done,
      status: () => ({ lastError: this.lastError }),
      stop: async () => {
        this.stopping = true;
        this.wake?.();
        await done.catch(() => undefined);
      },
    };
  }

  /**
   * The next documents after the checkpoint, in position order, ending on a whole position: the
   * checkpoint is a position, so a page must never stop halfway through the documents sharing one.
   */
  private async changedAfter(checkpoint: Position | undefined): Promise<DocumentRow[]> {
    const after = checkpoint ?? { commit: -1n, prepare: -1n };
    const rows = await this.select(sql`(source_commit, source_prepare) > (${after.commit.toString()}::bigint, ${after.prepare.toString()}::bigint)`, this.batchSize);
    if (rows.length < this.batchSize) return rows;
    const last = positionOf(rows.at(-1)!);
    const whole = rows.filter((row) => !samePosition(positionOf(row), last));
    if (whole.length > 0) return whole;
    // One position holds more documents than a page: take all of them.
    return this.select(sql`(source_commit, source_prepare) = (${last.commit.toString()}::bigint, ${last.prepare.toString()}::bigint)`);
  }

  private async select(condition: RawBuilder<unknown>, limit?: number): Promise<DocumentRow[]> {
    const result = await sql<DocumentRow>`
      SELECT product_id, title, brand, description, category_id, category_path, status, currency, price_min,
        rating_avg, rating_count, in_stock, sold_units, created_at, source_commit, source_prepare
      FROM ${sql.id(searchTables.products)}
      WHERE ${condition}
      ORDER BY source_commit, source_prepare, product_id
      ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`.execute(this.options.db);
    return result.rows;
  }
}

function toDocument(row: DocumentRow): SearchDocument {
  return {
    productId: row.product_id,
    title: row.title,
    brand: row.brand,
    description: row.description,
    categoryId: row.category_id,
    categoryPath: row.category_path,
    price: row.price_min === null ? null : { amount: Number(row.price_min), currency: row.currency },
    rating: Number(row.rating_avg),
    ratingCount: Number(row.rating_count),
    inStock: row.in_stock,
    soldUnits: Number(row.sold_units),
    createdAt: new Date(row.created_at),
    published: row.status === 'published',
    source: positionOf(row),
  };
}
