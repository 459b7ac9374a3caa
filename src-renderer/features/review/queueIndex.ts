// The queue at panel scale: what the list shows for a view, without walking every item on
// each filter change. Each order with keys of its own (按截止, 按班级) is sorted once, and every
// filter value and every character of the names and titles gets a bitset over that order's
// positions. 按状态 needs no positions of its own: it is 按截止 read state by state (a stable sort
// by state, then deadline, keeps 按截止's order within a state), so a review saved — which changes
// an item's state and nothing it is sorted by elsewhere — never moves a position. A view is the
// AND of a few bitsets (one machine word covers 32 items), counted once; the list reads only
// the rows it draws (`at`). When the live query hands over a new list in which a few items
// changed (a draft saved, a review submitted), `updateQueueIndex` rewrites only those items'
// bits, copying the bitsets it touches, instead of building everything again. Same answers as
// viewQueue (queue.ts), which stays the plain reference and is checked against this in
// test/renderer/review/queueIndex.test.ts.
import {
  comparators,
  keepUnchanged,
  STATE_ORDER,
  statusMatches,
  statusFilters,
  type QueueItem,
  type QueueSort,
  type QueueState,
  type QueueView,
  type StatusFilter,
} from './queue';

type Bits = Uint32Array;

/** The orders that have positions of their own. */
type OwnSort = 'deadline' | 'class';
const ownSort = (sort: QueueSort): OwnSort => (sort === 'class' ? 'class' : 'deadline');

interface SortIndex {
  /** Position → item. */
  order: Int32Array;
  /** Item → position. */
  rank: Int32Array;
  status: Map<StatusFilter, Bits>;
  state: Map<QueueState, Bits>;
  program: Map<string, Bits>;
  classId: Map<string, Bits>;
  organizerId: Map<string, Bits>;
  kind: Map<string, Bits>;
  /** UTF-16 unit → items whose lower-cased name or title holds it. */
  chars: Map<number, Bits>;
}

export interface QueueIndex {
  items: readonly QueueItem[];
  words: number;
  /** Lower-cased, for checking a search of more than one character. */
  names: readonly string[];
  titles: readonly string[];
  byId: ReadonlyMap<string, number>;
  /** Each order's index, made the first time the list is shown in that order. */
  sorts: Partial<Record<OwnSort, SortIndex>>;
}

/** What the list shows for a view: how many rows, and any row by its position. */
export interface QueueResult {
  count: number;
  at(position: number): QueueItem | undefined;
  /** The row of an assignment, or -1 when the view leaves it out. */
  indexOf(assignmentId: string): number;
}

const setBit = (bits: Bits, i: number) => {
  bits[i >>> 5] = bits[i >>> 5]! | (1 << (i & 31));
};
const clearBit = (bits: Bits, i: number) => {
  bits[i >>> 5] = bits[i >>> 5]! & ~(1 << (i & 31));
};

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The bitset of a key that may be written: made when missing (and, in an update, copied). */
type Writable = <K>(map: Map<K, Bits>, key: K) => Bits;

const textOf = (index: QueueIndex, item: number) => index.names[item]! + '\n' + index.titles[item]!;

/** Sets (or clears) every bit an item has at position p: its status, facets and characters. */
function mark(
  s: SortIndex,
  item: QueueItem,
  text: string,
  p: number,
  bitsOf: Writable,
  on: boolean,
) {
  const put = on ? setBit : clearBit;
  for (const f of statusFilters) if (statusMatches(item.state, f)) put(bitsOf(s.status, f), p);
  put(bitsOf(s.state, item.state), p);
  if (item.program !== null) put(bitsOf(s.program, item.program), p);
  if (item.submission) {
    put(bitsOf(s.classId, item.submission.classId), p);
    put(bitsOf(s.kind, item.submission.kind), p);
  }
  if (item.organizerId !== null) put(bitsOf(s.organizerId, item.organizerId), p);
  for (let c = 0; c < text.length; c++) put(bitsOf(s.chars, text.charCodeAt(c)), p);
}

function buildSort(index: QueueIndex, sort: OwnSort): SortIndex {
  const { items, words } = index;
  const n = items.length;
  const positions = Array.from({ length: n }, (_, i) => i);
  // The same stable sort over the same input order as sortQueue: ties come out alike.
  const compare = comparators[sort];
  positions.sort((a, b) => compare(items[a]!, items[b]!));
  const order = Int32Array.from(positions);
  const rank = new Int32Array(n);
  order.forEach((item, position) => (rank[item] = position));
  const s: SortIndex = {
    order,
    rank,
    status: new Map(),
    state: new Map(),
    program: new Map(),
    classId: new Map(),
    organizerId: new Map(),
    kind: new Map(),
    chars: new Map(),
  };
  const fresh: Writable = (map, key) => {
    let bits = map.get(key);
    if (!bits) map.set(key, (bits = new Uint32Array(words)));
    return bits;
  };
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    mark(s, items[i]!, textOf(index, i), p, fresh, true);
  }
  return s;
}

function lowerTitle(item: QueueItem): string {
  return item.submission?.title.toLowerCase() ?? '';
}

/** The index for a list, with the orders in `sorts` made now (the one the screen opens with). */
export function buildQueueIndex(
  items: readonly QueueItem[],
  ...sorts: (QueueSort | undefined)[]
): QueueIndex {
  const index: QueueIndex = {
    items,
    words: Math.ceil(items.length / 32),
    names: items.map((i) => i.traineeName.toLowerCase()),
    titles: items.map(lowerTitle),
    byId: new Map(items.map((i, k) => [i.assignment.id, k])),
    sorts: {},
  };
  for (const sort of sorts) if (sort) sortIndex(index, ownSort(sort));
  return index;
}

function sortIndex(index: QueueIndex, sort: OwnSort): SortIndex {
  return (index.sorts[sort] ??= buildSort(index, sort));
}

/** Whether an item keeps its place in every order (按截止 and 按班级 keys). */
const samePlace = (a: QueueItem, b: QueueItem) =>
  a.assignment.id === b.assignment.id &&
  comparators.deadline(a, b) === 0 &&
  a.className === b.className;

/**
 * The index of `next`, a list the live query handed over after a change. When it holds the
 * same assignments in the same places and only some items are new objects (see
 * keepUnchanged in queue.ts), only those items' bits are rewritten, in copies of the bitsets
 * they touch: the previous index stays as it was for whoever still reads it. Otherwise (items
 * added or removed, an order's keys changed, most items changed) it is built again.
 */
export function updateQueueIndex(index: QueueIndex, next: readonly QueueItem[]): QueueIndex {
  const prev = index.items;
  if (next === prev) return index;
  const built = Object.keys(index.sorts) as OwnSort[];
  const rebuild = () => buildQueueIndex(next, ...built);
  if (next.length !== prev.length) return rebuild();
  const changed: number[] = [];
  for (let i = 0; i < next.length; i++) {
    if (next[i] === prev[i]) continue;
    if (!samePlace(prev[i]!, next[i]!)) return rebuild();
    changed.push(i);
  }
  // A change of most items (a package imported again) costs as much either way.
  if (changed.length > next.length / 4) return rebuild();
  let names = index.names;
  let titles = index.titles;
  const nextNames = changed.map((i) => next[i]!.traineeName.toLowerCase());
  const nextTitles = changed.map((i) => lowerTitle(next[i]!));
  if (changed.some((i, k) => names[i] !== nextNames[k])) {
    const copy = names.slice();
    changed.forEach((i, k) => (copy[i] = nextNames[k]!));
    names = copy;
  }
  if (changed.some((i, k) => titles[i] !== nextTitles[k])) {
    const copy = titles.slice();
    changed.forEach((i, k) => (copy[i] = nextTitles[k]!));
    titles = copy;
  }
  const updated: QueueIndex = { ...index, items: next, names, titles, sorts: {} };
  for (const sort of built) {
    const old = index.sorts[sort]!;
    const s: SortIndex = {
      order: old.order,
      rank: old.rank,
      status: new Map(old.status),
      state: new Map(old.state),
      program: new Map(old.program),
      classId: new Map(old.classId),
      organizerId: new Map(old.organizerId),
      kind: new Map(old.kind),
      chars: new Map(old.chars),
    };
    // Bitsets copied in this update, written freely; any other is copied on first write.
    const owned = new Set<Bits>();
    const own: Writable = (map, key) => {
      let bits = map.get(key);
      if (bits && owned.has(bits)) return bits;
      bits = bits ? bits.slice() : new Uint32Array(index.words);
      owned.add(bits);
      map.set(key, bits);
      return bits;
    };
    for (const i of changed) {
      const p = s.rank[i]!;
      // Cleared as the item was, then set as it is: a bit both have ends up set.
      mark(s, prev[i]!, textOf(index, i), p, own, false);
      mark(s, next[i]!, textOf(updated, i), p, own, true);
    }
    updated.sorts[sort] = s;
  }
  return updated;
}

/** Clears the candidates in one word whose name and title do not hold the whole needle. */
function checkWhole(index: QueueIndex, s: SortIndex, needle: string, w: number, word: number) {
  let left = word;
  while (left !== 0) {
    const low = left & -left;
    const item = s.order[(w << 5) + 31 - Math.clz32(low)]!;
    if (!index.names[item]!.includes(needle) && !index.titles[item]!.includes(needle)) word &= ~low;
    left ^= low;
  }
  return word;
}

/** Rows of one run of the result in the order's positions; 按状态 has one run per state. */
interface Segment {
  hits: Bits;
  /** before[w]: rows of this segment in the words ahead of word w. */
  before: Int32Array;
  count: number;
  /** Rows of the segments ahead of this one. */
  offset: number;
}

/** Counts the rows of a bitset into a segment (its prefix counts). */
function segment(hits: Bits, offset: number): Segment {
  const words = hits.length;
  const before = new Int32Array(words + 1);
  let total = 0;
  for (let w = 0; w < words; w++) {
    const word = hits[w]!;
    if (word !== 0) total += popcount(word);
    before[w + 1] = total;
  }
  return { hits, before, count: total, offset };
}

const EMPTY: QueueResult = { count: 0, at: () => undefined, indexOf: () => -1 };

/** The matching positions: the AND of the view's bitsets, whole needles checked. */
function matching(index: QueueIndex, s: SortIndex, view: QueueView): Bits | null {
  const needle = view.search.trim().toLowerCase();
  const status = s.status.get(view.status);
  if (!status) return null;
  const sets: Bits[] = [status];
  const facet = (map: Map<string, Bits>, key: string | null) => {
    if (key === null) return true;
    const bits = map.get(key);
    if (!bits) return false;
    sets.push(bits);
    return true;
  };
  if (
    !facet(s.program, view.program) ||
    !facet(s.classId, view.classId) ||
    !facet(s.organizerId, view.organizerId) ||
    !facet(s.kind, view.kind)
  )
    return null;
  // A text holds the needle only if it holds each of its characters: one character is exact,
  // a longer needle narrows the candidates, which are then checked whole against the name and
  // the title apart (so no match spans the two).
  for (let c = 0; c < needle.length; c++) {
    const bits = s.chars.get(needle.charCodeAt(c));
    if (!bits) return null;
    if (!sets.includes(bits)) sets.push(bits);
  }
  const words = index.words;
  const hits = new Uint32Array(words);
  const [a, b = a, c = a, ...more] = sets as [Bits, ...Bits[]];
  const whole = needle.length > 1;
  // AND the first three sets (the usual number), then any others. Most words of a narrow
  // view are empty: they cost three loads and a store.
  for (let w = 0; w < words; w++) {
    let word = a[w]! & b[w]! & c[w]!;
    for (let k = 0; k < more.length; k++) word &= more[k]![w]!;
    if (word !== 0 && whole) word = checkWhole(index, s, needle, w, word);
    hits[w] = word;
  }
  return hits;
}

export function queryQueue(index: QueueIndex, view: QueueView): QueueResult {
  const s = sortIndex(index, ownSort(view.sort));
  const hits = matching(index, s, view);
  if (!hits) return EMPTY;
  let segments: Segment[];
  if (view.sort === 'status') {
    segments = [];
    const states = [...s.state.keys()].sort((x, y) => STATE_ORDER[x] - STATE_ORDER[y]);
    let offset = 0;
    for (const state of states) {
      const bits = s.state.get(state)!;
      const part = segment(
        hits.map((word, w) => word & bits[w]!),
        offset,
      );
      if (part.count === 0) continue;
      segments.push(part);
      offset += part.count;
    }
  } else segments = [segment(hits, 0)];
  const last = segments[segments.length - 1];
  const count = last ? last.offset + last.count : 0;
  if (count === 0) return EMPTY;
  const words = index.words;
  return {
    count,
    at(position) {
      if (!(position >= 0 && position < count)) return undefined;
      let k = segments.length - 1;
      while (segments[k]!.offset > position) k--;
      const { hits, before, offset } = segments[k]!;
      const within = position - offset;
      // The last word whose rows start at or before this position.
      let lo = 0;
      let hi = words - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (before[mid]! <= within) lo = mid;
        else hi = mid - 1;
      }
      let word = hits[lo]!;
      for (let skip = within - before[lo]!; skip > 0; skip--) word &= word - 1;
      const bit = 31 - Math.clz32(word & -word);
      return index.items[s.order[(lo << 5) + bit]!];
    },
    indexOf(assignmentId) {
      const item = index.byId.get(assignmentId);
      if (item === undefined) return -1;
      const p = s.rank[item]!;
      const w = p >>> 5;
      const bit = 1 << (p & 31);
      for (const { hits, before, offset } of segments) {
        if ((hits[w]! & bit) !== 0) return offset + before[w]! + popcount(hits[w]! & (bit - 1));
      }
      return -1;
    },
  };
}

/**
 * One screen's index over its live list: the first list is built (with the order in use), each
 * later one updated from the last, items that read the same keeping their identity.
 */
export function queueIndexer(): (items: readonly QueueItem[], sort: QueueSort) => QueueIndex {
  let last: QueueIndex | undefined;
  return (items, sort) => {
    last = last
      ? updateQueueIndex(last, keepUnchanged(last.items, items))
      : buildQueueIndex(items, sort);
    return last;
  };
}
