/** Attempts per page before a projection gives up, and the pause before each retry. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly delayMs: (attempt: number) => number;
}

/** Exponential from 100 ms, capped at 5 s: five attempts span about three seconds. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  delayMs: (attempt) => Math.min(5_000, 100 * 2 ** attempt),
};

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
