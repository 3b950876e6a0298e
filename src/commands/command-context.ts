import type { EventMetadata } from '../eventstore/types.js';

/** Who asked, and why: travels into every event's metadata. */
export interface CommandContext {
  /** Unique per intent. A retry of the same intent must reuse it: event ids derive from it. */
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly userId?: string;
}

export function metadataFor(context: CommandContext, commandType: string): EventMetadata {
  return {
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.causationId ?? context.commandId,
    ...(context.userId !== undefined ? { userId: context.userId } : {}),
    commandId: context.commandId,
    commandType,
    schemaVersion: 1,
  };
}
