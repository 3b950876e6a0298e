import type { CommandResult } from '../commands/command-result.js';

/** A command the seed needed was refused: the store holds something the plan did not expect. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** The result of a command the seed cannot do without; `what` names it in the error. */
export function mustSucceed<Event>(result: CommandResult<Event>, what: string): void {
  if (!result.ok) throw new SeedError(`${what}: ${result.error.code} (${result.error.message})`);
}

/** Runs `work` over `items`, at most `limit` at once, in order of start; the first failure rejects. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Reports each phase's size and progress: a terminal progress bar, log lines, or nothing. */
export interface SeedProgress {
  phase(name: string, total: number): void;
  advance(count?: number): void;
  done(): void;
}

export const silentProgress: SeedProgress = { phase: () => undefined, advance: () => undefined, done: () => undefined };

export const now = (): string => new Date().toISOString();
