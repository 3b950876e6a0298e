import { describe, expect, it } from 'vitest';
import { sqlProjections } from './registry.js';

describe('the projection registry', () => {
  it('has unique projection names', () => {
    const names = sqlProjections.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has no logical table (view) claimed by two projections', () => {
    const tables = sqlProjections.flatMap((p) => p.tables);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it('uses lower-case snake_case table names that leave room for the generation suffix', () => {
    for (const table of sqlProjections.flatMap((p) => p.tables)) {
      expect(table).toMatch(/^[a-z][a-z0-9_]*$/);
      // Postgres truncates identifiers at 63 bytes; `__g<n>` must still fit.
      expect(table.length).toBeLessThanOrEqual(54);
    }
  });
});
