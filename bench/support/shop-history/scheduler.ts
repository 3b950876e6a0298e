interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * The simulation clock: a min-heap of things due at a time (a payment answer, a shipment, a cart
 * left to expire). Running them in time order interleaves thousands of carts, orders and restocks
 * in the log as a live shop would; ties run in the order they were scheduled.
 */
export class Scheduler {
  readonly #heap: Task[] = [];
  #seq = 0;
  now = 0;

  at(time: number, run: () => void): void {
    this.#push({ at: Math.max(time, this.now), seq: this.#seq++, run });
  }

  after(delayMs: number, run: () => void): void {
    this.at(this.now + delayMs, run);
  }

  get size(): number {
    return this.#heap.length;
  }

  /** Runs the next task; false when nothing is left. */
  step(): boolean {
    const task = this.#pop();
    if (task === undefined) return false;
    this.now = task.at;
    task.run();
    return true;
  }

  #before(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(task: Task): void {
    const heap = this.#heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): Task | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
    return top;
  }
}
