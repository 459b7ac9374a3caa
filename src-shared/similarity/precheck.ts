// The similarity pre-check of one package's plans: shingle every document, drop what is
// template (given phrases, and shingles that a large share of the documents contain), find
// candidate pairs by MinHash + LSH, confirm each by exact Jaccard on the kept shingles, and align
// the matching passages of the pairs above the threshold.
import {
  distinctSorted,
  jaccard,
  prepareDoc,
  type PreparedDoc,
  type SimilarityDoc,
} from './document';
import { fnv1a32Utf16 } from './hash';
import { lshCandidates, minhashSignature } from './minhash';
import { normalizedString } from './normalize';
import { alignPassages, type Passage } from './passages';

export interface PrecheckOptions {
  /** Characters per shingle; 5 suits Chinese prose (about two to three words). */
  shingleSize: number;
  bands: number;
  rows: number;
  /** Pairs whose exact Jaccard on kept shingles reaches this are reported. */
  threshold: number;
  /**
   * …and share at least this many kept shingles (about as many characters of non-template
   * text). Jaccard alone over-rates short documents: two one-paragraph plans that share a
   * project name and a date score 0.5 without a copied sentence between them.
   */
  minSharedShingles: number;
  /**
   * The document-frequency cut: a shingle found in more than max(minDocs, share × documents)
   * documents is template (headings, the form's fixed wording, a class's name) and never counts.
   */
  templateShare: number;
  templateMinDocs: number;
  /** Fixed wording known to be template (rubric headings and the like): never counts. */
  templatePhrases: readonly string[];
  minPassageChars: number;
  maxPassages: number;
  /**
   * Packages of at most this many documents compare every pair exactly instead of through LSH:
   * LSH finds a pair only with a probability that falls with its similarity, and for a class of
   * this size the exact check of every pair costs little.
   */
  allPairsUpTo: number;
}

export const DEFAULT_PRECHECK_OPTIONS: PrecheckOptions = {
  shingleSize: 5,
  // 64 bands of 2 rows: a pair at Jaccard 0.3 becomes a candidate with probability 0.998, one at
  // 0.1 with about 0.47; candidates are confirmed exactly, so the cost of the low cut-off is only
  // the verification of extra pairs.
  bands: 64,
  rows: 2,
  threshold: 0.3,
  minSharedShingles: 60,
  templateShare: 0.05,
  templateMinDocs: 3,
  templatePhrases: [],
  minPassageChars: 12,
  maxPassages: 40,
  allPairsUpTo: 100,
};

export interface SimilarPair {
  /** Submission ids, a < b. */
  a: string;
  b: string;
  /** Exact Jaccard similarity of the kept shingle sets, 0…1. */
  similarity: number;
  sharedShingles: number;
  passages: Passage[];
}

export interface DocStats {
  id: string;
  /** Normalised characters. */
  chars: number;
  /** Distinct shingles before and after the template cuts. */
  shingles: number;
  kept: number;
}

export interface PrecheckResult {
  pairs: SimilarPair[];
  docs: DocStats[];
  candidates: number;
  /** Distinct shingles dropped as template (both cuts). */
  templateShingles: number;
  /** The document-frequency limit used: shingles in more documents than this were dropped. */
  maxDocFrequency: number;
}

function templateHashes(phrases: readonly string[], k: number): Set<number> {
  const set = new Set<number>();
  for (const p of phrases) {
    const n = normalizedString(p);
    for (let i = 0; i + k <= n.length; i++) set.add(fnv1a32Utf16(n, i, k));
  }
  return set;
}

/** Whether an ascending array holds `x`. */
function holds(sorted: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** `set` without the members of `drop` (both ascending and distinct), by merging. */
function without(set: Uint32Array, drop: Uint32Array): Uint32Array {
  const out = new Uint32Array(set.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < set.length; i++) {
    const x = set[i]!;
    while (j < drop.length && drop[j]! < x) j++;
    if (j < drop.length && drop[j] === x) continue;
    out[n++] = x;
  }
  return n === set.length ? out : out.slice(0, n);
}

/** Every pair [i, j] (i < j) of non-empty sets. */
function allPairs(sets: readonly Uint32Array[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < sets.length; i++) {
    if (sets[i]!.length === 0) continue;
    for (let j = i + 1; j < sets.length; j++) if (sets[j]!.length > 0) pairs.push([i, j]);
  }
  return pairs;
}

export interface TemplateCut {
  /** Each document's distinct shingles without the template ones, ascending. */
  kept: Uint32Array[];
  /** The shingles that never count (both cuts). */
  dropped: Set<number>;
  /** How many of `dropped` occur in some document. */
  templateShingles: number;
  maxDocFrequency: number;
}

/**
 * The template cuts. Document frequencies are counted by sorting every document's distinct
 * shingles together and measuring runs: a package holds some two million distinct shingles,
 * and a Map keyed by 32-bit hashes (heap numbers, not small integers) took seconds to fill.
 */
export function templateCut(distinct: readonly Uint32Array[], o: PrecheckOptions): TemplateCut {
  const maxDocFrequency = Math.max(o.templateMinDocs, Math.ceil(o.templateShare * distinct.length));
  let total = 0;
  for (const set of distinct) total += set.length;
  const all = new Uint32Array(total);
  let at = 0;
  for (const set of distinct) {
    all.set(set, at);
    at += set.length;
  }
  all.sort();
  const dropped = templateHashes(o.templatePhrases, o.shingleSize);
  let templateShingles = 0;
  for (const h of dropped) if (holds(all, h)) templateShingles++;
  for (let i = 0; i < total;) {
    const h = all[i]!;
    let j = i + 1;
    while (j < total && all[j] === h) j++;
    if (j - i > maxDocFrequency && !dropped.has(h)) {
      dropped.add(h);
      templateShingles++;
    }
    i = j;
  }
  const drop = Uint32Array.from(dropped).sort();
  const kept = distinct.map((set) => without(set, drop));
  return { kept, dropped, templateShingles, maxDocFrequency };
}

export function precheck(
  docs: readonly SimilarityDoc[],
  partial: Partial<PrecheckOptions> = {},
): PrecheckResult {
  const o = { ...DEFAULT_PRECHECK_OPTIONS, ...partial };
  // Sorted by id so the result does not depend on the order documents were given in.
  const prepared: PreparedDoc[] = [...docs]
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((d) => prepareDoc(d, o.shingleSize));
  const distinct = prepared.map((d) => distinctSorted(d.shingles));
  const { kept, dropped, templateShingles, maxDocFrequency } = templateCut(distinct, o);
  const isKept = (h: number) => !dropped.has(h);

  const candidates =
    kept.length <= o.allPairsUpTo
      ? allPairs(kept)
      : lshCandidates(
          kept.map((set) => (set.length > 0 ? minhashSignature(set, o.bands * o.rows) : null)),
          { bands: o.bands, rows: o.rows },
        );

  const pairs: SimilarPair[] = [];
  for (const [i, j] of candidates) {
    const { value, shared } = jaccard(kept[i]!, kept[j]!);
    if (value < o.threshold || shared < o.minSharedShingles) continue;
    const a = prepared[i]!;
    const b = prepared[j]!;
    pairs.push({
      a: a.id,
      b: b.id,
      similarity: value,
      sharedShingles: shared,
      // Only the reported pairs are aligned: the candidates the exact check drops never are.
      passages: alignPassages(a, b, {
        shingleSize: o.shingleSize,
        minChars: o.minPassageChars,
        maxPassages: o.maxPassages,
        isKept,
      }),
    });
  }
  pairs.sort((x, y) => y.similarity - x.similarity || (x.a + x.b < y.a + y.b ? -1 : 1));
  return {
    pairs,
    docs: prepared.map((d, i) => ({
      id: d.id,
      chars: d.norm.text.length,
      shingles: distinct[i]!.length,
      kept: kept[i]!.length,
    })),
    candidates: candidates.length,
    templateShingles,
    maxDocFrequency,
  };
}
