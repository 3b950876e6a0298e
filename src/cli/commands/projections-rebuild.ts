import type { Logger } from 'pino';
import { rebuildProjection, type RebuildResult } from '../../projections/runner/rebuild-projection.js';
import type { RebuildProgress } from '../../projections/runner/projection-status.js';
import type { SqlProjection } from '../../projections/runner/sql-projection.js';
import { formatCount } from '../format-table.js';
import type { ProjectionContext } from '../open-projection-context.js';
import { progressBar } from '../progress-bar.js';

export interface RebuildCommandOptions {
  readonly batchSize?: number;
  readonly wait?: boolean;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Where the progress goes: a bar on a terminal by default. */
  readonly progress?: (projection: string) => { update(progress: RebuildProgress): void; stop(): void };
}

/** A bar per projection, created once the build knows how many events it has to go through. */
export function terminalProgress(projection: string): { update(progress: RebuildProgress): void; stop(): void } {
  let bar: ReturnType<typeof progressBar> | undefined;
  let shown = 0;
  return {
    update(progress) {
      bar ??= progressBar(`${projection} g${progress.generation}`, Math.max(progress.total ?? progress.done, 1));
      bar.increment(progress.done - shown);
      shown = progress.done;
    },
    stop: () => bar?.stop(),
  };
}

export function summary(name: string, result: RebuildResult): string {
  const rate = result.seconds > 0 ? Math.round(result.events / result.seconds) : 0;
  const replaced = result.previous === undefined ? '' : `, replacing generation ${result.previous}`;
  return `${name}: generation ${result.generation} live${replaced} — ${formatCount(result.events)} events in ${result.seconds.toFixed(1)} s (${formatCount(rate)} events/s)`;
}

/** Rebuilds each projection in turn, blue/green; stops at the first failure. */
export async function projectionsRebuild(
  ctx: Pick<ProjectionContext, 'store' | 'db' | 'lock'>,
  projections: readonly SqlProjection[],
  options: RebuildCommandOptions,
  out: (line: string) => void,
): Promise<RebuildResult[]> {
  const results: RebuildResult[] = [];
  for (const projection of projections) {
    const progress = (options.progress ?? terminalProgress)(projection.name);
    try {
      const result = await rebuildProjection(ctx.store, ctx.db, projection, {
        lock: ctx.lock,
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.wait !== undefined ? { wait: options.wait } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        onProgress: (p) => progress.update(p),
      });
      progress.stop();
      out(summary(projection.name, result));
      results.push(result);
    } catch (error) {
      progress.stop();
      throw error;
    }
  }
  return results;
}
