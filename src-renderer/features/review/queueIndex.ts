// The queue at panel scale: what the list shows for a view, without walking every item on
// each filter change. Built once when the assignments load: each order (deadline, class,
// status) is sorted once, and every filter value and every character of the names and titles
// gets a bitset over that order's positions. A view is then the AND of a few bitsets (one
// machine word covers 32 items), counted once; the list reads only the rows it draws
// (`at`), so a filter change costs ~n/32 word operations instead of n predicate calls plus a
// sort. Same answers as viewQueue (queue.ts), which stays the plain reference and is checked
// against this in test/renderer/review/queueIndex.test.ts.
import {
  comparators,
  statusFilters,
  statusMatches,
  type QueueItem,
  type QueueSort,
  type QueueView,
  type StatusFilter,
} from './queue';

type Bits = Uint32Array;

interface SortIndex {
  /** Position → item. */
  order: Int32Array;
  /** Item → position. */
  rank: Int32Array;
  status: Record<StatusFilter, Bits>;
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
  names: string[];
  titles: string[];
  byId: Map<string, number>;
  /** Each order's index, made the first time the list is shown in that order. */
  sorts: Partial<Record<QueueSort, SortIndex>>;
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

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function bitsFor<K>(map: Map<K, Bits>, key: K, words: number): Bits {
  let bits = map.get(key);
  if (!bits) map.set(key, (bits = new Uint32Array(words)));
  return bits;
}

function buildSort(index: QueueIndex, sort: QueueSort): SortIndex {
  const { items, words, names, titles } = index;
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
    status: Object.fromEntries(statusFilters.map((f) => [f, new Uint32Array(words)])) as Record<
      StatusFilter,
      Bits
    >,
    program: new Map(),
    classId: new Map(),
    organizerId: new Map(),
    kind: new Map(),
    chars: new Map(),
  };
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    const item = items[i]!;
    for (const f of statusFilters) if (statusMatches(item.state, f)) setBit(s.status[f], p);
    if (item.program !== null) setBit(bitsFor(s.program, item.program, words), p);
    if (item.submission) {
      setBit(bitsFor(s.classId, item.submission.classId, words), p);
      setBit(bitsFor(s.kind, item.submission.kind, words), p);
    }
    if (item.organizerId !== null) setBit(bitsFor(s.organizerId, item.organizerId, words), p);
    const text = names[i]! + '\n' + titles[i]!;
    for (let c = 0; c < text.length; c++) setBit(bitsFor(s.chars, text.charCodeAt(c), words), p);
  }
  return s;
}

/** The index for a list, with `first` order made now (the one the screen opens with). */
export function buildQueueIndex(items: readonly QueueItem[], first?: QueueSort): QueueIndex {
  const index: QueueIndex = {
    items,
    words: Math.ceil(items.length / 32),
    names: items.map((i) => i.traineeName.toLowerCase()),
    titles: items.map((i) => i.submission?.title.toLowerCase() ?? ''),
    byId: new Map(items.map((i, k) => [i.assignment.id, k])),
    sorts: {},
  };
  if (first) sortIndex(index, first);
  return index;
}

function sortIndex(index: QueueIndex, sort: QueueSort): SortIndex {
  return (index.sorts[sort] ??= buildSort(index, sort));
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

const EMPTY: QueueResult = { count: 0, at: () => undefined, indexOf: () => -1 };

export function queryQueue(index: QueueIndex, view: QueueView): QueueResult {
  const s = sortIndex(index, view.sort);
  const needle = view.search.trim().toLowerCase();
  const sets: Bits[] = [s.status[view.status]];
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
    return EMPTY;
  // A text holds the needle only if it holds each of its characters: one character is exact,
  // a longer needle narrows the candidates, which are then checked whole against the name and
  // the title apart (so no match spans the two).
  for (let c = 0; c < needle.length; c++) {
    const bits = s.chars.get(needle.charCodeAt(c));
    if (!bits) return EMPTY;
    if (!sets.includes(bits)) sets.push(bits);
  }
  const words = index.words;
  const hits = new Uint32Array(words);
  // before[w]: rows in the words ahead of word w, so a row's position and the item at a
  // position are found without another pass.
  const before = new Int32Array(words + 1);
  const [a, b = a, c = a, ...more] = sets as [Bits, ...Bits[]];
  let total = 0;
  // One pass: AND the first three sets (the usual number), then any others, and count.
  for (let w = 0; w < words; w++) {
    let word = a[w]! & b[w]! & c[w]!;
    for (let k = 0; k < more.length; k++) word &= more[k]![w]!;
    // Most words of a narrow view are empty: they cost three loads and a store.
    if (word !== 0) {
      if (needle.length > 1) word = checkWhole(index, s, needle, w, word);
      hits[w] = word;
      total += popcount(word);
    }
    before[w + 1] = total;
  }
  const count = before[words]!;
  if (count === 0) return EMPTY;
  return {
    count,
    at(position) {
      if (!(position >= 0 && position < count)) return undefined;
      // The last word whose rows start at or before this position.
      let lo = 0;
      let hi = words - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (before[mid]! <= position) lo = mid;
        else hi = mid - 1;
      }
      let word = hits[lo]!;
      for (let skip = position - before[lo]!; skip > 0; skip--) word &= word - 1;
      const bit = 31 - Math.clz32(word & -word);
      return index.items[s.order[(lo << 5) + bit]!];
    },
    indexOf(assignmentId) {
      const item = index.byId.get(assignmentId);
      if (item === undefined) return -1;
      const p = s.rank[item]!;
      const w = p >>> 5;
      const bit = 1 << (p & 31);
      if ((hits[w]! & bit) === 0) return -1;
      return before[w]! + popcount(hits[w]! & (bit - 1));
    },
  };
}
