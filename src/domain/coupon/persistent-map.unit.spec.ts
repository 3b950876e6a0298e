import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('behaves like a Map, and never changes a map once made', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 400 }), (writes) => {
        const model = new Map<string, number>();
        let map = PersistentMap.empty<number>();
        const snapshots: [PersistentMap<number>, Map<string, number>][] = [];
        for (const [key, value] of writes) {
          map = map.set(key, value);
          model.set(key, value);
          snapshots.push([map, new Map(model)]);
        }
        for (const [snapshot, expected] of snapshots) {
          expect(snapshot.size).toBe(expected.size);
          expect(new Map(snapshot)).toEqual(expected);
          for (const [key, value] of expected) expect(snapshot.get(key)).toBe(value);
        }
        expect(map.has('\u0000absent')).toBe(model.has('\u0000absent'));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps many keys reachable across branch splits', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 5000; i++) map = map.set(`key-${i}`, i);
    expect(map.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(map.get(`key-${i}`)).toBe(i);
    expect(map.get('key-5000')).toBeUndefined();
  });
});
