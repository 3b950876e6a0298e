/** Bad arguments or configuration: printed as one line, exit code 2 (the convention for misuse). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, as a shell reports an interrupted command. */
export const EXIT_INTERRUPTED = 130;
