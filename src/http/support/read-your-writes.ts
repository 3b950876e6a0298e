import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parsePosition } from '../../eventstore/position.js';
import type { EventStore, Position } from '../../eventstore/types.js';
import { findProjection } from '../../projections/registry.js';
import { hasPassed } from '../../projections/runner/has-passed.js';
import type { RunningProjection } from '../../projections/runner/run-sql-projection.js';

/** The longest a read waits for its projection; past it the read answers what it has, and says so. */
export const MAX_READ_WAIT_MS = 5_000;
const POLL_MS = 20;

/** `?position=` on reads: the position a command answered with (read-your-writes). */
export const positionQuery = z
  .string()
  .refine((text) => parsePosition(text) !== undefined, 'must be a position a command answered with, e.g. "1234.56"')
  .optional()
  .describe('A position from a command answer: the read waits (up to 5 s) until it shows that command');

export interface ReadYourWritesDeps {
  readonly store: EventStore;
  readonly db: Kysely<unknown>;
  /** The projections this process runs; an API-only process has none and asks the database. */
  readonly projections: readonly RunningProjection[];
}

/**
 * Waits until the named projection has passed `position`, then lets the read run. The answer carries
 * `x-read-position-reached: true|false`, so a client can tell a stale read from a current one.
 */
export async function awaitPosition(
  deps: ReadYourWritesDeps,
  reply: FastifyReply,
  projectionName: string,
  positionText: string | undefined,
  timeoutMs = MAX_READ_WAIT_MS,
): Promise<void> {
  if (positionText === undefined) return;
  const position = parsePosition(positionText);
  if (position === undefined) return;
  const reached = await reachedPosition(deps, projectionName, position, timeoutMs);
  reply.header('x-read-position-reached', String(reached));
}

export async function reachedPosition(deps: ReadYourWritesDeps, projectionName: string, position: Position, timeoutMs: number): Promise<boolean> {
  const running = deps.projections.find((p) => p.name === projectionName);
  if (running) return running.waitFor(position, timeoutMs);
  const projection = findProjection(projectionName);
  if (!projection) throw new Error(`no projection named ${projectionName}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await hasPassed(deps.store, deps.db, projection, position)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
