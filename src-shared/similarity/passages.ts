// The passages two documents share, for side-by-side display: maximal runs of identical
// normalised characters that start on a shared (kept) shingle, each mapped back to the original
// text and to the page it starts and ends on in both documents.
import { pageAt, type PreparedDoc } from './document';

export interface PassageSide {
  page: number;
  /** The page the passage ends on (equal to `page` unless it runs over a page break). */
  endPage: number;
  /** The original text of the passage, punctuation and spacing as written. */
  text: string;
}

export interface Passage {
  a: PassageSide;
  b: PassageSide;
  /** Matching normalised characters (the changed ones between merged runs not counted). */
  length: number;
}

/**
 * Runs this close in both documents are shown as one passage, the few changed characters
 * between them included: a copied sentence with one word swapped reads as one sentence.
 */
export const MERGE_GAP = 8;

export interface PassageOptions {
  shingleSize: number;
  /** Shorter runs are not shown (a shared name or date is not a copied passage). */
  minChars: number;
  maxPassages: number;
  /** Shingle hashes that count (the template and document-frequency cuts removed the rest). */
  isKept: (hash: number) => boolean;
}

/** How many places in `b` a shingle is tried at: repeated phrases must not make this quadratic. */
const MAX_TRIES = 8;

function side(doc: PreparedDoc, start: number, end: number): PassageSide {
  const from = doc.norm.origin[start]!;
  const to = doc.norm.origin[end - 1]!;
  // Take the whole last source character (a surrogate pair counts once in `origin`).
  const past = to + (doc.source.codePointAt(to)! > 0xffff ? 2 : 1);
  return { page: pageAt(doc, from), endPage: pageAt(doc, to), text: doc.source.slice(from, past) };
}

export function alignPassages(a: PreparedDoc, b: PreparedDoc, o: PassageOptions): Passage[] {
  const where = new Map<number, number[]>();
  b.shingles.forEach((h, j) => {
    if (!o.isKept(h)) return;
    const list = where.get(h);
    if (!list) where.set(h, [j]);
    else if (list.length < MAX_TRIES) list.push(j);
  });
  const at = a.norm.text;
  const bt = b.norm.text;
  // Matching runs in A's order: [start in a, end in a, start in b, end in b, matched chars].
  const runs: Array<[number, number, number, number, number]> = [];
  let i = 0;
  while (i < a.shingles.length) {
    const h = a.shingles[i]!;
    const starts = o.isKept(h) ? where.get(h) : undefined;
    let best = 0;
    let bestJ = -1;
    for (const j of starts ?? []) {
      let len = 0;
      while (i + len < at.length && j + len < bt.length && at[i + len] === bt[j + len]) len++;
      if (len > best) {
        best = len;
        bestJ = j;
      }
    }
    if (best >= o.shingleSize) {
      const last = runs[runs.length - 1];
      const gapA = last ? i - last[1] : Infinity;
      const gapB = last ? bestJ - last[3] : Infinity;
      if (last && gapA <= MERGE_GAP && gapB >= 0 && gapB <= MERGE_GAP) {
        last[1] = i + best;
        last[3] = bestJ + best;
        last[4] += best;
      } else runs.push([i, i + best, bestJ, bestJ + best, best]);
      i += best;
    } else i++;
  }
  return runs
    .filter((r) => r[4] >= o.minChars)
    .slice(0, o.maxPassages)
    .map(([as, ae, bs, be, length]) => ({ a: side(a, as, ae), b: side(b, bs, be), length }));
}
