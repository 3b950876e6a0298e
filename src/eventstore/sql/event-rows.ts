import type { EventMetadata, RecordedEvent } from '../types.js';
import type { PackedEvent } from './read-statements.js';

export function unpackEvent(packed: PackedEvent): RecordedEvent {
  const [transactionId, globalPosition, id, streamName, revision, type, data, metadata, recordedAtMs] = packed;
  return {
    id,
    type,
    data,
    metadata: metadata as EventMetadata,
    streamName,
    revision: BigInt(revision),
    position: { commit: BigInt(transactionId), prepare: BigInt(globalPosition) },
    recordedAt: new Date(recordedAtMs),
  };
}
