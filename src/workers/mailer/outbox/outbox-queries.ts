import { sql, type Kysely } from 'kysely';
import { decodeCursor, pageSize, toPage, type Page } from '../../../projections/read-models/shared/pagination.js';

export interface OutboxMessage {
  readonly id: string;
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly createdAt: string;
}

interface OutboxRow {
  seq: string;
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: Date | string;
}

/** The outbox, newest first; `cursor` from the previous page (throws `InvalidCursorError` on a foreign one). */
export async function listOutbox(db: Kysely<unknown>, options: { readonly limit?: number; readonly cursor?: string } = {}): Promise<Page<OutboxMessage>> {
  const size = pageSize(options.limit);
  const before = options.cursor === undefined ? undefined : String(decodeCursor(options.cursor, ['string'])[0]);
  const { rows } = await sql<OutboxRow>`
    SELECT seq::text AS seq, id, kind, recipient, subject, body, created_at FROM outbox
    ${before === undefined ? sql`` : sql`WHERE seq < ${before}::bigint`}
    ORDER BY seq DESC LIMIT ${size + 1}`.execute(db);
  return toPage(
    rows,
    size,
    (row) => ({
      id: row.id,
      kind: row.kind,
      to: row.recipient,
      subject: row.subject,
      text: row.body,
      createdAt: new Date(row.created_at).toISOString(),
    }),
    (row) => [row.seq],
  );
}
