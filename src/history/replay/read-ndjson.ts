import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { exportedEventSchema, type ParsedExportedEvent } from '../export/event-record.js';

/** A line of the input that is not an exported event: names the line, so the file can be fixed. */
export class ReplayInputError extends Error {
  override readonly name = 'ReplayInputError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The events of an NDJSON export, a line at a time (constant memory). Blank lines are skipped. */
export async function* readNdjsonEvents(input: Readable): AsyncGenerator<ParsedExportedEvent> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ReplayInputError(number, 'not JSON (replay reads NDJSON exports: one event per line)');
    }
    const parsed = exportedEventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ReplayInputError(number, `${issue.path.join('.') || 'event'}: ${issue.message}`);
    }
    yield parsed.data;
  }
}
