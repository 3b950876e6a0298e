import type { Position } from '../../eventstore/types.js';

/**
 * starting: has the lock, opening its generation · waiting-for-lock: another runner is active ·
 * catching-up: reading full pages (or rebuilding a new version) · live: at the head, polling ·
 * failed: stopped on an error that retries did not cure · stopped: asked to stop.
 */
export type ProjectionState = 'starting' | 'waiting-for-lock' | 'catching-up' | 'live' | 'failed' | 'stopped';

export interface RebuildProgress {
  readonly generation: number;
  /** Events applied by this run of the build. */
  readonly done: number;
  /** Matching events still to apply when this run started (more may arrive meanwhile); undefined if the store cannot count. */
  readonly total: number | undefined;
  readonly eventsPerSecond: number;
  readonly phase: 'building' | 'switching' | 'switched';
}

/** What a runner knows about itself, without a query. `inspect()` adds head and lag. */
export interface ProjectionStatus {
  readonly name: string;
  /** The code's version of the projection. */
  readonly version: number;
  /** The generation it writes (the live one), once it holds the lock. */
  readonly generation: number | undefined;
  readonly state: ProjectionState;
  readonly checkpoint: Position | undefined;
  /** Every matching event at or below this position has been applied: what `waitFor` compares with. */
  readonly seenThrough: Position | undefined;
  readonly lastError: string | undefined;
  /** Set while a version change is being rebuilt before the runner goes live on it. */
  readonly rebuild: RebuildProgress | undefined;
}

export const runnerLockKey = (name: string) => `projection:${name}`;
export const rebuildLockKey = (name: string) => `projection-rebuild:${name}`;
