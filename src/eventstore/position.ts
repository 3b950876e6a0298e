import type { Position } from './types.js';

export const startPosition: Position = { commit: 0n, prepare: 0n };

export function comparePositions(a: Position, b: Position): -1 | 0 | 1 {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `"<commit>.<prepare>"`: what HTTP responses and checkpoints show, and `parsePosition` reads back. */
export function formatPosition(position: Position): string {
  return `${position.commit}.${position.prepare}`;
}

export function parsePosition(text: string): Position | undefined {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(text);
  if (!match) return undefined;
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
