import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as PMap from './persistent-map.js';
import type { PersistentMap } from './persistent-map.js';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'remove'; key: string };

// Few keys make overwrites and removals of present keys common; many make nodes split and collapse.
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'c', ''),
  fc.integer({ min: 0, max: 400 }).map((n) => `r-${n}`),
  fc.string(),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('remove' as const), key }),
);

const applyOp = (map: PersistentMap<number>, step: Op): PersistentMap<number> =>
  step.kind === 'set' ? PMap.set(map, step.key, step.value) : PMap.remove(map, step.key);

const applyToModel = (model: Map<string, number>, step: Op): void => {
  if (step.kind === 'set') model.set(step.key, step.value);
  else model.delete(step.key);
};

describe('PersistentMap', () => {
  it('behaves like a Map, and never changes a map it was given', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const model = new Map<string, number>();
        let map = PMap.empty<number>();
        for (const step of ops) {
          const before = JSON.stringify(map);
          const next = applyOp(map, step);
          expect(JSON.stringify(map)).toBe(before);
          map = next;
          applyToModel(model, step);
        }
        expect(map.size).toBe(model.size);
        for (const [k, v] of model) expect(PMap.get(map, k)).toBe(v);
        expect([...PMap.values(map)].sort()).toEqual([...model.values()].sort());
        expect(new Map(PMap.entries(map))).toEqual(model);
        expect(PMap.has(map, 'never-inserted-key')).toBe(model.has('never-inserted-key'));
      }),
      { numRuns: 300 },
    );
  });

  it('has a shape that depends only on its entries, not on the order of writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const model = new Map<string, number>();
        let map = PMap.empty<number>();
        for (const step of ops) {
          map = applyOp(map, step);
          applyToModel(model, step);
        }
        const rebuilt = [...model].reverse().reduce((acc, [k, v]) => PMap.set(acc, k, v), PMap.empty<number>());
        expect(map).toEqual(rebuilt);
      }),
      { numRuns: 300 },
    );
  });
});
