import { sql, type Kysely } from 'kysely';

export interface StoredAnswer {
  readonly requestHash: string;
  /** undefined while the first request with this key is still running. */
  readonly answer: { readonly statusCode: number; readonly contentType: string | null; readonly body: string } | undefined;
  readonly ageMs: number;
}

/** The `http_idempotency` table: claim a key, find what it answered, record the answer. */
export function createIdempotencyStore(db: Kysely<unknown>) {
  return {
    /** True when this request is the first with the key (the caller must then record or release it). */
    async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
      const result = await sql<{ key: string }>`
        INSERT INTO http_idempotency (scope, key, request_hash) VALUES (${scope}, ${key}, ${requestHash})
        ON CONFLICT (scope, key) DO NOTHING RETURNING key`.execute(db);
      return result.rows.length === 1;
    },

    async find(scope: string, key: string): Promise<StoredAnswer | undefined> {
      const result = await sql<{ request_hash: string; status_code: number | null; content_type: string | null; body: string | null; age_ms: number }>`
        SELECT request_hash, status_code, content_type, body,
               (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
        FROM http_idempotency WHERE scope = ${scope} AND key = ${key}`.execute(db);
      const row = result.rows[0];
      if (!row) return undefined;
      return {
        requestHash: row.request_hash,
        answer: row.status_code === null ? undefined : { statusCode: row.status_code, contentType: row.content_type, body: row.body ?? '' },
        ageMs: Number(row.age_ms),
      };
    },

    /** Takes over a claim whose request died without answering (its process crashed). */
    async reclaim(scope: string, key: string, olderThanMs: number): Promise<boolean> {
      const result = await sql<{ key: string }>`
        UPDATE http_idempotency SET created_at = now()
        WHERE scope = ${scope} AND key = ${key} AND status_code IS NULL
          AND created_at < now() - make_interval(secs => ${olderThanMs / 1000})
        RETURNING key`.execute(db);
      return result.rows.length === 1;
    },

    async record(scope: string, key: string, statusCode: number, contentType: string | null, body: string): Promise<void> {
      await sql`
        UPDATE http_idempotency SET status_code = ${statusCode}, content_type = ${contentType}, body = ${body}
        WHERE scope = ${scope} AND key = ${key}`.execute(db);
    },

    async release(scope: string, key: string): Promise<void> {
      await sql`DELETE FROM http_idempotency WHERE scope = ${scope} AND key = ${key} AND status_code IS NULL`.execute(db);
    },

    /** Keys are kept for a day: long enough for any client's retries. */
    async purgeOlderThan(ms: number): Promise<void> {
      await sql`DELETE FROM http_idempotency WHERE created_at < now() - make_interval(secs => ${ms / 1000})`.execute(db);
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
