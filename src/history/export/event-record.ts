import { z } from 'zod';
import { formatPosition } from '../../eventstore/position.js';
import type { EventMetadata, RecordedEvent } from '../../eventstore/types.js';

/**
 * One event as exports write it and `replay` reads it back: the store's envelope with the
 * position as `"commit.prepare"` and the revision as a number (revisions stay far below 2^53).
 * Field order is the CSV column order.
 */
export interface ExportedEvent {
  readonly position: string;
  readonly recordedAt: string;
  readonly streamName: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export const exportColumns = ['position', 'recordedAt', 'streamName', 'revision', 'id', 'type', 'data', 'metadata'] as const;

export function toExportedEvent(event: RecordedEvent): ExportedEvent {
  return {
    position: formatPosition(event.position),
    recordedAt: event.recordedAt.toISOString(),
    streamName: event.streamName,
    revision: Number(event.revision),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** What `replay` accepts per line: the envelope fields it writes must be there and well formed. */
export const exportedEventSchema = z.object({
  position: z.string().optional(),
  recordedAt: z.string().optional(),
  streamName: z.string().regex(/^[^-]+-.+$/, 'a stream name is "<category>-<id>"'),
  revision: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  id: z.uuid(),
  type: z.string().min(1),
  data: z.unknown().refine((data) => data !== undefined, 'data is required'),
  metadata: z.record(z.string(), z.unknown()).default({}),
});

export type ParsedExportedEvent = z.infer<typeof exportedEventSchema>;
