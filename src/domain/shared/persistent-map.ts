/**
 * An immutable string-keyed map with structural sharing (a hash trie).
 *
 * Why not copy a `Map` in `evolve`: some state grows with every event (a hot SKU holds thousands
 * of reservations and remembers every ended one forever, so that repeats are recognised; a coupon
 * remembers every redemption). Copying that on every event makes folding the stream, and deciding
 * a batch of hundreds of buyers, quadratic.
 * Here a write copies one path of at most eight 16-slot nodes.
 *
 * Used as a namespace, `PMap.get(map, key)`, from `../shared/index.js`; the type is `PersistentMap`.
 *
 * The shape depends only on the keys held, never on the order of writes (a node is a branch
 * exactly when more than LEAF_CAPACITY keys share its prefix; leaves are sorted by key), so
 * two maps with the same entries are deep-equal. Plain objects and arrays: JSON-serialisable.
 */

const BITS = 4;
const WIDTH = 1 << BITS;
const MAX_DEPTH = 32 / BITS;
const LEAF_CAPACITY = 16;

interface Entry<V> {
  readonly key: string;
  readonly hash: number;
  readonly value: V;
}

interface Leaf<V> {
  readonly kind: 'leaf';
  readonly entries: readonly Entry<V>[];
}

interface Branch<V> {
  readonly kind: 'branch';
  readonly size: number;
  readonly children: readonly Node<V>[];
}

type Node<V> = Leaf<V> | Branch<V>;

export interface PersistentMap<V> {
  readonly size: number;
  readonly root: Node<V>;
}

const emptyLeaf: Leaf<never> = { kind: 'leaf', entries: [] };

export function empty<V>(): PersistentMap<V> {
  return { size: 0, root: emptyLeaf };
}

/** FNV-1a over UTF-16 code units: deterministic, cheap, good enough spread for ids. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const slotOf = (hash: number, depth: number): number => (hash >>> (depth * BITS)) & (WIDTH - 1);

const sizeOf = <V>(node: Node<V>): number => (node.kind === 'leaf' ? node.entries.length : node.size);

function childAt<V>(branch: Branch<V>, slot: number): Node<V> {
  return branch.children[slot] ?? emptyLeaf;
}

export function get<V>(map: PersistentMap<V>, key: string): V | undefined {
  const hash = hashOf(key);
  let node = map.root;
  for (let depth = 0; node.kind === 'branch'; depth++) node = childAt(node, slotOf(hash, depth));
  return node.entries.find((entry) => entry.key === key)?.value;
}

export function has<V>(map: PersistentMap<V>, key: string): boolean {
  return get(map, key) !== undefined;
}

export function set<V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> {
  const before = sizeOf(map.root);
  const root = insert(map.root, { key, hash: hashOf(key), value }, 0);
  return { size: map.size + sizeOf(root) - before, root };
}

export function remove<V>(map: PersistentMap<V>, key: string): PersistentMap<V> {
  if (!has(map, key)) return map;
  return { size: map.size - 1, root: without(map.root, key, hashOf(key), 0) };
}

export function* values<V>(map: PersistentMap<V>): Generator<V> {
  for (const entry of entriesOf(map.root)) yield entry.value;
}

/** Every key with its value: in no meaningful order, but the same order for maps with the same entries. */
export function* entries<V>(map: PersistentMap<V>): Generator<[string, V]> {
  for (const entry of entriesOf(map.root)) yield [entry.key, entry.value];
}

function* entriesOf<V>(node: Node<V>): Generator<Entry<V>> {
  if (node.kind === 'leaf') yield* node.entries;
  else for (const child of node.children) yield* entriesOf(child);
}

function insert<V>(node: Node<V>, entry: Entry<V>, depth: number): Node<V> {
  if (node.kind === 'branch') {
    const slot = slotOf(entry.hash, depth);
    const child = childAt(node, slot);
    const next = insert(child, entry, depth + 1);
    return { kind: 'branch', size: node.size + sizeOf(next) - sizeOf(child), children: replaced(node.children, slot, next) };
  }
  const kept = node.entries.filter((existing) => existing.key !== entry.key);
  return build(sortedInsert(kept, entry), depth);
}

function without<V>(node: Node<V>, key: string, hash: number, depth: number): Node<V> {
  if (node.kind === 'leaf') return { kind: 'leaf', entries: node.entries.filter((entry) => entry.key !== key) };
  const size = node.size - 1;
  // Collapse back to a leaf once small enough, so the shape stays a function of the keys.
  if (size <= LEAF_CAPACITY) {
    return { kind: 'leaf', entries: [...entriesOf(node)].filter((entry) => entry.key !== key).sort(byKey) };
  }
  const slot = slotOf(hash, depth);
  return { kind: 'branch', size, children: replaced(node.children, slot, without(childAt(node, slot), key, hash, depth + 1)) };
}

/** A leaf while few enough entries share this prefix (or the hash bits are used up), else a branch. */
function build<V>(entries: readonly Entry<V>[], depth: number): Node<V> {
  if (entries.length <= LEAF_CAPACITY || depth >= MAX_DEPTH) return { kind: 'leaf', entries };
  const groups: Entry<V>[][] = Array.from({ length: WIDTH }, () => []);
  for (const entry of entries) groups[slotOf(entry.hash, depth)]?.push(entry);
  return { kind: 'branch', size: entries.length, children: groups.map((group) => build(group, depth + 1)) };
}

function sortedInsert<V>(entries: readonly Entry<V>[], entry: Entry<V>): Entry<V>[] {
  const index = entries.findIndex((existing) => existing.key > entry.key);
  return index === -1 ? [...entries, entry] : [...entries.slice(0, index), entry, ...entries.slice(index)];
}

const byKey = <V>(a: Entry<V>, b: Entry<V>): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function replaced<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}
