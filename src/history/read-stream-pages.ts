import type { EventStore, RecordedEvent } from '../eventstore/types.js';

export const STREAM_PAGE_SIZE = 1_000;

/** A stream oldest first, a page at a time: a hot SKU's stream can hold millions of events. */
export async function* readStreamPages(store: EventStore, stream: string, pageSize = STREAM_PAGE_SIZE): AsyncGenerator<RecordedEvent[]> {
  let from = 0n;
  for (;;) {
    const page = await store.readStream(stream, { fromRevision: from, maxCount: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    from = page.at(-1)!.revision + 1n;
  }
}
