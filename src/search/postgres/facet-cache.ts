import type { SearchFacets } from '../search-port.js';

interface Entry {
  readonly version: string;
  readonly total: number;
  readonly facets: SearchFacets;
}

/**
 * Facet counts are the costly part of a search over many matches (every match is counted), and the
 * biggest result sets are the most repeated queries (browsing the whole shop or a department).
 * Counts are kept per query (text and filters, not sort or page) together with the read model's
 * version they were counted at — the newest source position of any document — and reused only
 * while that version is current. Least recently used entries go first.
 */
export class FacetCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, version: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
