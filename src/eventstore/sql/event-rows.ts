import type { EventMetadata, RecordedEvent } from '../types.js';

/** A row of `events` as the read queries select it: numbers that may exceed 2^53 arrive as text. */
export interface EventRow {
  transaction_id: string;
  global_position: string;
  event_id: string;
  stream_name: string;
  revision: string;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date | string;
}

/**
 * Selected from `events e`. Numbers leave as text (they may pass 2^53), so every ORDER BY must name
 * `e.` columns: the bare names are these text aliases, and "9" sorts after "10".
 */
export const EVENT_COLUMNS =
  'e.transaction_id::text AS transaction_id, e.global_position::text AS global_position, e.event_id::text AS event_id, ' +
  'e.stream_name, e.revision::text AS revision, e.event_type, e.data, e.metadata, e.recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    revision: BigInt(row.revision),
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) },
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}
