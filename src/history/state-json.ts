import { PMap, type PersistentMap } from '../domain/shared/index.js';

/** A value `JSON.stringify` writes faithfully. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPersistentMap = (value: object): value is PersistentMap<unknown> => {
  const candidate = value as { size?: unknown; root?: { kind?: unknown } };
  return typeof candidate.size === 'number' && (candidate.root?.kind === 'leaf' || candidate.root?.kind === 'branch');
};

/**
 * Aggregate state as JSON a person can read: states hold `Map`s, `Set`s and persistent maps
 * (a hash trie whose JSON would show its nodes, not its entries), bigints and dates. Maps become
 * objects keyed like the map, sets arrays, bigints strings, dates ISO strings.
 */
export function stateToJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(stateToJson);
  if (value instanceof Set) return [...value].map(stateToJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), stateToJson(v)]));
  if (isPersistentMap(value)) {
    // Entries come out in hash order; sorted by key they read and diff like any object.
    const entries = [...PMap.entries(value)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, stateToJson(v)]));
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, stateToJson(v)]),
  );
}
