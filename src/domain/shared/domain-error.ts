/**
 * A rule of the business said no. Domain errors are values, not exceptions: `decide`
 * returns them, and the edges map `code` to a stable HTTP problem type.
 */
export interface DomainError<Code extends string = string> {
  readonly kind: 'DomainError';
  readonly code: Code;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function domainError<Code extends string>(
  code: Code,
  message: string,
  details?: Record<string, unknown>,
): DomainError<Code> {
  return details === undefined ? { kind: 'DomainError', code, message } : { kind: 'DomainError', code, message, details };
}

export function isDomainError(value: unknown): value is DomainError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'DomainError';
}

/**
 * `domainError` narrowed to one aggregate's codes, so that a typo in a code fails to compile:
 * `export const cartError = domainErrorFor(cartErrorCodes);`. The codes are only read for their type.
 */
export function domainErrorFor<Code extends string>(
  _codes: readonly Code[],
): (code: Code, message: string, details?: Record<string, unknown>) => DomainError<Code> {
  return domainError;
}
