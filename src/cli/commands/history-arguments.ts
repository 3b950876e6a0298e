import { InvalidArgumentError } from 'commander';
import { parsePosition } from '../../eventstore/position.js';
import type { Position } from '../../eventstore/types.js';
import type { AsOf } from '../../history/stream-as-of.js';
import { UsageError } from '../usage-error.js';

/**
 * Option parsers for the history commands. A bad value throws commander's InvalidArgumentError:
 * one line naming the option, exit code 2 (see run-cli.ts).
 */

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** A date (`2026-01-31`, midnight UTC) or a date-time with its zone (`2026-01-31T14:00:00Z`, `…+01:00`). */
export function isoTime(value: string): Date {
  const time = ISO_TIME.test(value) ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    throw new InvalidArgumentError('expected an ISO time: 2026-01-31 (UTC midnight) or 2026-01-31T14:00:00Z (with Z or an offset).');
  }
  return time;
}

/** A global position as exports and checkpoints print it: `"<commit>.<prepare>"`. */
export function position(value: string): Position {
  const parsed = parsePosition(value);
  if (!parsed) throw new InvalidArgumentError('expected a global position "<commit>.<prepare>", e.g. 7342.118 (exports print the last one).');
  return parsed;
}

/** A revision (a whole number: 0 is the stream's first event) or an ISO time. */
export function asOf(value: string): AsOf {
  if (/^\d{1,18}$/.test(value)) return { revision: BigInt(value) };
  try {
    return { time: isoTime(value) };
  } catch {
    throw new InvalidArgumentError('expected a revision (0, 1, …) or an ISO time (2026-01-31T14:00:00Z).');
  }
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number (0 or more).');
  return n;
}

/** Repeatable, and comma lists too: `--category order --category cart` or `--category order,cart`. */
export function collectNames(value: string, previous: readonly string[] = []): string[] {
  const names = value.split(',').map((n) => n.trim());
  if (names.some((n) => !/^[A-Za-z0-9_.:]+$/.test(n))) throw new InvalidArgumentError('expected a name or a comma-separated list of names.');
  return [...previous, ...names];
}

/** `<category>-<id>`, as every stream is named (checked before the store is opened). */
export function checkStreamName(stream: string): void {
  if (!/^[^-]+-.+$/.test(stream)) throw new UsageError(`"${stream}" is not a stream name: expected <category>-<id>, e.g. inventory-SKU-1`);
}
