import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as PMap from './persistent-map.js';
import type { PersistentMap } from './persistent-map.js';

// Kept from coupon's own map, which this one replaced: snapshots taken along the way stay as they were.
describe('PersistentMap', () => {
  it('behaves like a Map, and never changes a map once made', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 400 }), (writes) => {
        const model = new Map<string, number>();
        let map = PMap.empty<number>();
        const snapshots: [PersistentMap<number>, Map<string, number>][] = [];
        for (const [key, value] of writes) {
          map = PMap.set(map, key, value);
          model.set(key, value);
          snapshots.push([map, new Map(model)]);
        }
        for (const [snapshot, expected] of snapshots) {
          expect(snapshot.size).toBe(expected.size);
          expect(new Map(PMap.entries(snapshot))).toEqual(expected);
          for (const [key, value] of expected) expect(PMap.get(snapshot, key)).toBe(value);
        }
        expect(PMap.has(map, '\u0000absent')).toBe(model.has('\u0000absent'));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps many keys reachable across branch splits', () => {
    let map = PMap.empty<number>();
    for (let i = 0; i < 5000; i++) map = PMap.set(map, `key-${i}`, i);
    expect(map.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(PMap.get(map, `key-${i}`)).toBe(i);
    expect(PMap.get(map, 'key-5000')).toBeUndefined();
  });
});
