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
import { fnv1a32Utf16, minhashSeeds } from './hash';
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

  const df = new Map<number, number>();
  for (const set of distinct) for (const h of set) df.set(h, (df.get(h) ?? 0) + 1);
  const maxDocFrequency = Math.max(o.templateMinDocs, Math.ceil(o.templateShare * prepared.length));
  const dropped = templateHashes(o.templatePhrases, o.shingleSize);
  for (const [h, n] of df) if (n > maxDocFrequency) dropped.add(h);
  const isKept = (h: number) => !dropped.has(h);
  const kept = distinct.map((set) => set.filter(isKept));

  const seeds = minhashSeeds(o.bands * o.rows);
  const signatures = kept.map((set) => (set.length > 0 ? minhashSignature(set, seeds) : null));
  const candidates = lshCandidates(signatures, { bands: o.bands, rows: o.rows });

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
    templateShingles: [...dropped].filter((h) => df.has(h)).length,
    maxDocFrequency,
  };
}
