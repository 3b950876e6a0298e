/**
 * A bounded least-recently-used map whose entries also expire. The bound keeps memory flat however
 * many customers pass through; the expiry bounds how long another process, whose `destroy` this
 * process never hears of, can keep decrypting with a key it cached before the erasure.
 */
export class LruCache<Value> {
  readonly #entries = new Map<string, { readonly value: Value; readonly expiresAt: number }>();

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Value | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: Value): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
