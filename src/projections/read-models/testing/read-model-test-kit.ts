import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OpenedStore } from '../../../../test/support/stores.js';
import { createCommandHandlers, type CommandHandlers } from '../../../commands/command-handlers.js';
import type { CommandContext } from '../../../commands/command-context.js';
import type { CommandResult } from '../../../commands/command-result.js';
import { comparePositions } from '../../../eventstore/position.js';
import type { EventStore, Position } from '../../../eventstore/types.js';
import { runSqlProjection, type RunningProjection } from '../../runner/run-sql-projection.js';
import type { SqlProjection } from '../../runner/sql-projection.js';

/** What a read model's example test needs: real command handlers, and the projections running on the same store. */
export interface ReadModelTestKit {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  readonly commands: CommandHandlers;
  /** Waits until every projection reflects every command sent through `commands` so far. */
  settle(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

export const context = (): CommandContext => ({ commandId: randomUUID() });

/** The events of a command that must succeed; a domain error fails the test with its code. */
export async function ok<Event>(pending: Promise<CommandResult<Event>>): Promise<readonly Event[]> {
  const result = await pending;
  if (!result.ok) throw new Error(`command refused: ${result.error.code} ${result.error.message}`);
  return result.events;
}

type AnySend = (command: never, context: CommandContext) => Promise<CommandResult<unknown>>;

/** Command handlers that remember the newest position any of them wrote. */
function trackingHandlers(store: EventStore, written: (position: Position) => void): CommandHandlers {
  const handlers = createCommandHandlers(store);
  for (const handler of Object.values(handlers) as { send: AnySend }[]) {
    const send = handler.send;
    handler.send = async (command, ctx) => {
      const result = await send(command, ctx);
      if (result.ok && result.position) written(result.position);
      return result;
    };
  }
  return handlers;
}

export async function openReadModelTestKit(
  open: () => Promise<OpenedStore>,
  projections: readonly SqlProjection[],
  options: { readonly batchSize?: number } = {},
): Promise<ReadModelTestKit> {
  const opened = await open();
  const { store, db } = opened;
  const running: { projection: SqlProjection; runner: RunningProjection }[] = projections.map((projection) => ({
    projection,
    // Small pages by default, so that example tests also cross page boundaries.
    runner: runSqlProjection(projection, { store, db, batchSize: options.batchSize ?? 7, pollIntervalMs: 5 }),
  }));
  let newest: Position | undefined;
  const commands = trackingHandlers(store, (position) => {
    if (newest === undefined || comparePositions(position, newest) > 0) newest = position;
  });
  return {
    store,
    db,
    commands,
    // Generous: PGlite shares one thread between the writes and every runner, on busy CI machines too.
    async settle(timeoutMs = 180_000) {
      // Read-your-writes as the HTTP layer does it: wait until each read model has passed the newest write.
      if (newest === undefined) return;
      for (const { projection, runner } of running) {
        if (!(await runner.waitFor(newest, timeoutMs))) {
          throw new Error(`${projection.name} did not catch up in ${timeoutMs} ms: ${runner.status().lastError ?? 'timeout'}`);
        }
      }
    },
    async dispose() {
      await Promise.all(running.map(({ runner }) => runner.stop()));
      await opened.dispose();
    },
  };
}
