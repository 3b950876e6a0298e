/** A folded stream: its state and the revision of the last event folded into it (-1n for none). */
export interface CachedStream<State> {
  readonly state: State;
  readonly revision: bigint;
}

/**
 * Least-recently-used cache of folded streams. Holding the state of hot streams in memory is what
 * spares the command side a full re-read per command; a stale entry is harmless because every
 * append carries the revision it was decided on.
 */
export class StateCache<State> {
  readonly #entries = new Map<string, CachedStream<State>>();
  constructor(readonly capacity: number) {}

  get(streamName: string): CachedStream<State> | undefined {
    const entry = this.#entries.get(streamName);
    if (entry) {
      this.#entries.delete(streamName);
      this.#entries.set(streamName, entry);
    }
    return entry;
  }

  set(streamName: string, entry: CachedStream<State>): void {
    this.#entries.delete(streamName);
    this.#entries.set(streamName, entry);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(streamName: string): void {
    this.#entries.delete(streamName);
  }
}
