// One document as the pre-check reads it: its pages' text (pdf.js text layer) plus the
// submission's form fields, normalised once and cut into character shingles.
import { fnv1a32Utf16 } from './hash';
import { normalizeText, type NormalizedText } from './normalize';

/** Page 0 holds the submission's form fields (title and the like); PDF pages count from 1. */
export const FORM_PAGE = 0;

export interface SimilarityPage {
  page: number;
  text: string;
}

export interface SimilarityDoc {
  /** The submission id. */
  id: string;
  pages: SimilarityPage[];
}

export interface PreparedDoc {
  id: string;
  /** The pages' original text joined by '\n'; passages are cut from it. */
  source: string;
  /** Where each page starts in `source`, ascending, and that page's number. */
  pageStarts: number[];
  pageNumbers: number[];
  norm: NormalizedText;
  /** The shingle hash starting at each position of `norm.text` (none when it is shorter than k). */
  shingles: Uint32Array;
}

export function prepareDoc(doc: SimilarityDoc, shingleSize: number): PreparedDoc {
  const pageStarts: number[] = [];
  const pageNumbers: number[] = [];
  let source = '';
  for (const p of doc.pages) {
    if (pageStarts.length > 0) source += '\n';
    pageStarts.push(source.length);
    pageNumbers.push(p.page);
    source += p.text;
  }
  const norm = normalizeText(source);
  const count = Math.max(0, norm.text.length - shingleSize + 1);
  const shingles = new Uint32Array(count);
  for (let i = 0; i < count; i++) shingles[i] = fnv1a32Utf16(norm.text, i, shingleSize);
  return { id: doc.id, source, pageStarts, pageNumbers, norm, shingles };
}

/** The page number a `source` index lies on. */
export function pageAt(doc: PreparedDoc, sourceIndex: number): number {
  let lo = 0;
  let hi = doc.pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.pageStarts[mid]! <= sourceIndex) lo = mid;
    else hi = mid - 1;
  }
  return doc.pageNumbers[lo] ?? FORM_PAGE;
}

/** Distinct shingle hashes, ascending (for exact Jaccard by merging). */
export function distinctSorted(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  }
  return sorted.slice(0, n);
}

/** |A ∩ B| of two ascending distinct arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Exact Jaccard |A ∩ B| / |A ∪ B| of two ascending distinct arrays; 0 when both are empty. */
export function jaccard(a: Uint32Array, b: Uint32Array): { value: number; shared: number } {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  return { value: union === 0 ? 0 : shared / union, shared };
}
