/** One generated event as `appendToStream` would have stored it. */
export interface GeneratedEvent {
  readonly streamName: string;
  readonly category: string;
  readonly revision: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Epoch ms: `recorded_at`, never earlier than the event before it. */
  readonly recordedAt: number;
}

export interface Command {
  readonly at: number;
  readonly commandType: string;
  /** The checkout, cart or customer the command belongs to, as the real handlers set it. */
  readonly correlationId: string;
}

/**
 * The generated log: revisions per stream, metadata as `metadataFor` writes it, and events in the
 * order they were appended. Appends of one command share a command id, as a real append does.
 */
export class EventLog {
  readonly revisions = new Map<string, number>();
  buffer: GeneratedEvent[] = [];
  total = 0;
  #commands = 0;
  #lastRecorded = 0;

  append(streamName: string, events: readonly { readonly type: string; readonly data: Record<string, unknown> }[], command: Command): void {
    if (events.length === 0) return;
    const category = streamName.slice(0, streamName.indexOf('-'));
    const commandId = `cmd-${(++this.#commands).toString(36)}`;
    const metadata = { correlationId: command.correlationId, causationId: commandId, commandId, commandType: command.commandType, schemaVersion: 1 };
    let revision = this.revisions.get(streamName) ?? 0;
    this.#lastRecorded = Math.max(this.#lastRecorded, command.at);
    for (const { type, data } of events) {
      this.buffer.push({ streamName, category, revision: revision++, type, data, metadata, recordedAt: this.#lastRecorded });
    }
    this.revisions.set(streamName, revision);
    this.total += events.length;
  }

  /** Hands over what was appended since the last call. */
  take(): GeneratedEvent[] {
    const taken = this.buffer;
    this.buffer = [];
    return taken;
  }
}
