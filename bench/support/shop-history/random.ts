/**
 * Seeded randomness for the generated shop (mulberry32): the same seed gives the same history, so a
 * benchmark figure can be reproduced and a generator test can pin what it saw.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `weights` need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [choice, weight] of choices) if ((roll -= weight) < 0) return choice;
    return choices.at(-1)![0];
  }

  /** Waiting time of a Poisson process (exponential), in the unit of `mean`. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Uniform on a log scale: as many 10-20 as 100-200, like stock quantities and prices. */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))));
  }

  /**
   * An index in [0, n) with P(i) ∝ (i + 1)^-s (continuous power law, inverted): a few items take
   * a large share, the long tail the rest — how sales spread over a catalog. s must not be 1.
   */
  powerIndex(n: number, s: number): number {
    const top = Math.pow(n + 1, 1 - s);
    const x = Math.pow((top - 1) * this.next() + 1, 1 / (1 - s));
    return Math.min(n - 1, Math.floor(x) - 1);
  }

  /** A random (version 4 shaped) uuid: ids as long as the real ones, for realistic index and row sizes. */
  uuid(): string {
    const hex = (n: number) => Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0').slice(0, n);
    const a = hex(8);
    const b = hex(8);
    const c = hex(8);
    const d = hex(8);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[Math.floor(this.next() * 4)]}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  }

  /** Lower-case letters only: tokens that can never look like a card number. */
  letters(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String.fromCharCode(97 + Math.floor(this.next() * 26));
    return out;
  }

  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  words(vocabulary: readonly string[], n: number): string {
    return Array.from({ length: n }, () => this.pick(vocabulary)).join(' ');
  }
}
