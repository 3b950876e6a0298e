/**
 * Process-wide counters of optimistic-concurrency outcomes, read by the metrics endpoint. Counters
 * (not a callback per handler) because every handler in the process feeds the same Prometheus series.
 */
export interface CommandStats {
  /** Appends refused because another writer moved the stream first. */
  conflicts: number;
  /** Commands decided again after such a conflict. */
  retries: number;
  /** Commands that gave up after the retry budget. */
  exhausted: number;
}

export const commandStats: CommandStats = { conflicts: 0, retries: 0, exhausted: 0 };
