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

export const EVENT_COLUMNS =
  'transaction_id::text AS transaction_id, global_position::text AS global_position, event_id::text AS event_id, ' +
  'stream_name, revision::text AS revision, event_type, data, metadata, recorded_at';

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
