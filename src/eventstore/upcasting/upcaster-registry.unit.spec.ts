import { describe, expect, it } from 'vitest';
import { createUpcasterRegistry, InvalidUpcasterChainError, versionOf } from './upcaster-registry.js';

interface V1 {
  name: string;
}
interface V2 {
  first: string;
  last: string;
}
interface V3 extends V2 {
  display: string;
}

const v1to2 = { eventType: 'Renamed', fromVersion: 1, upcast: (d: V1): V2 => ({ first: d.name.split(' ')[0]!, last: d.name.split(' ')[1] ?? '' }) };
const v2to3 = { eventType: 'Renamed', fromVersion: 2, upcast: (d: V2): V3 => ({ ...d, display: `${d.last}, ${d.first}` }) };

describe('the upcaster registry', () => {
  const registry = createUpcasterRegistry([v2to3, v1to2]);

  it('chains upcasters from the stored version to the current one, recording where it started', () => {
    expect(registry.currentVersion('Renamed')).toBe(3);
    const event = registry.upcast({ type: 'Renamed', data: { name: 'Ada Lovelace' }, metadata: { schemaVersion: 1, userId: 'u1' } });
    expect(event).toEqual({
      type: 'Renamed',
      data: { first: 'Ada', last: 'Lovelace', display: 'Lovelace, Ada' },
      metadata: { schemaVersion: 3, upcastFrom: 1, userId: 'u1' },
    });
    expect(registry.upcast({ type: 'Renamed', data: { first: 'A', last: 'B' }, metadata: { schemaVersion: 2 } }).data).toEqual({
      first: 'A',
      last: 'B',
      display: 'B, A',
    });
  });

  it('reads events without a version as version 1', () => {
    expect(versionOf(undefined)).toBe(1);
    expect(versionOf(JSON.parse('{"schemaVersion":"two"}') as Record<string, unknown>)).toBe(1);
    expect(registry.upcast({ type: 'Renamed', data: { name: 'Grace Hopper' } }).data).toMatchObject({ display: 'Hopper, Grace' });
  });

  it('leaves current, newer and unknown events as they are (the same object)', () => {
    const current = { type: 'Renamed', data: { first: 'A', last: 'B', display: 'B, A' }, metadata: { schemaVersion: 3 } };
    const newer = { type: 'Renamed', data: { whatever: true }, metadata: { schemaVersion: 9 } };
    const other = { type: 'Other', data: {}, metadata: { schemaVersion: 1 } };
    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast(newer)).toBe(newer);
    expect(registry.upcast(other)).toBe(other);
    expect(registry.currentVersion('Other')).toBe(1);
    expect(registry.knows('Other')).toBe(false);
  });

  it('refuses a chain with a gap or a duplicate at construction', () => {
    expect(() => createUpcasterRegistry([v2to3])).toThrow(InvalidUpcasterChainError);
    expect(() => createUpcasterRegistry([v1to2, v1to2])).toThrow('upcasters of Renamed must go 1 → 2 → …: found from-versions 1, 1');
  });
});
