// MinHash signatures and LSH banding (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of
// Massive Datasets, ch. 3): each signature slot is the minimum of one hash permutation over a
// document's shingles, so two documents agree in a slot with probability equal to their Jaccard
// similarity. Cutting the signature into `bands` of `rows` slots and bucketing each band makes
// pairs above about (1/bands)^(1/rows) candidates without comparing every pair.
import { fmix32 } from './hash';

export function minhashSignature(shingles: Uint32Array, seeds: Uint32Array): Uint32Array {
  const sig = new Uint32Array(seeds.length).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < seeds.length; i++) {
      const h = fmix32(x ^ seeds[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export interface LshOptions {
  bands: number;
  rows: number;
}

/** The similarity at which a pair becomes a candidate with probability about one half. */
export function lshThreshold({ bands, rows }: LshOptions): number {
  return Math.pow(1 / bands, 1 / rows);
}

/**
 * Candidate pairs [i, j] (i < j) of documents that share at least one whole band. Documents
 * with an empty signature (no shingles) are left out: they resemble nothing.
 */
export function lshCandidates(
  signatures: ReadonlyArray<Uint32Array | null>,
  { bands, rows }: LshOptions,
): Array<[number, number]> {
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = signatures.length;
  const keyText = new Array<string>(rows);
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<string, number[]>();
    for (let d = 0; d < n; d++) {
      const sig = signatures[d];
      if (!sig) continue;
      for (let r = 0; r < rows; r++) keyText[r] = sig[b * rows + r]!.toString(36);
      const key = keyText.join(',');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(d);
      else buckets.set(key, [d]);
    }
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x]!;
          const j = bucket[y]!;
          const id = i * n + j;
          if (seen.has(id)) continue;
          seen.add(id);
          pairs.push([i, j]);
        }
      }
    }
  }
  return pairs;
}
