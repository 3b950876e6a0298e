import type { ExpectedRevision } from './types.js';

/** The stream's revision is not the one the writer expected: somebody else wrote first. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The revision of the stream's last event, or `'no_stream'` when it has none. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** Some of the ids of an append were written before, but not all: an append is all or nothing. */
export class PartialDuplicateAppendError extends Error {
  override readonly name = 'PartialDuplicateAppendError';
  constructor(readonly streamName: string, readonly eventIds: readonly string[]) {
    super(`stream ${streamName}: events ${eventIds.join(', ')} were appended before, but not the rest of this append`);
  }
}

export class InvalidStreamNameError extends Error {
  override readonly name = 'InvalidStreamNameError';
  constructor(readonly streamName: string) {
    super(`invalid stream name ${JSON.stringify(streamName)}: expected "category-id"`);
  }
}
