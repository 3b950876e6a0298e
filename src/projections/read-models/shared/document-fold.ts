/**
 * Folds a page of events into per-key documents: `docs` starts with what the earlier pages
 * stored (loaded once per page), every event evolves its key's document in log order, and the
 * documents that changed come back by key, each once, ready for one upsert. The result does not
 * depend on where pages begin or end: each key sees the same sequence of events either way.
 */
export function foldDocuments<Doc, Event>(
  events: Iterable<Event>,
  docs: Map<string, Doc>,
  keyOf: (event: Event) => string | undefined,
  evolve: (doc: Doc | undefined, event: Event) => Doc | undefined,
): Map<string, Doc> {
  const changed = new Set<string>();
  for (const event of events) {
    const key = keyOf(event);
    if (key === undefined) continue;
    const before = docs.get(key);
    const after = evolve(before, event);
    if (after === undefined || after === before) continue;
    docs.set(key, after);
    changed.add(key);
  }
  return new Map([...changed].map((key) => [key, docs.get(key)!]));
}

/** Keys whose documents must be loaded: those touched by the page but not created in it. */
export function keysToLoad<Event>(
  events: Iterable<Event>,
  keyOf: (event: Event) => string | undefined,
  creates: (event: Event) => boolean,
): string[] {
  const created = new Set<string>();
  const needed = new Set<string>();
  for (const event of events) {
    const key = keyOf(event);
    if (key === undefined || created.has(key)) continue;
    if (creates(event)) created.add(key);
    else needed.add(key);
  }
  return [...needed];
}
