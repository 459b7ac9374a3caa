// MinHash signatures and LSH banding (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of
// Massive Datasets, ch. 3): two documents agree in a signature slot with probability equal to
// their Jaccard similarity, so cutting the signature into `bands` of `rows` slots and bucketing
// each band makes pairs above about (1/bands)^(1/rows) candidates without comparing every pair.
//
// The slots come from one-permutation hashing (Li, Owen & Zhang, NIPS 2012) with optimal
// densification (Shrivastava, ICML 2017): every shingle is hashed once and falls into one slot,
// each slot keeps its minimum, and an empty slot copies the slot a fixed probe sequence reaches
// first among the filled ones. Agreement per slot is still exactly the Jaccard similarity, at one
// hash per shingle instead of one per shingle and slot (128 of them): that loop was most of the
// pre-check's time.
import { fmix32 } from './hash';

/** Fixed, so signatures (and the pairs found) are the same on every machine and in every run. */
const SLOT_SEED = 0x5bd1e995;
const PROBE_SEED = 0x27d4eb2f;

/** The slot a (mixed) hash falls into: its top bits scaled to `slots`, so any count works. */
function slotOf(h: number, slots: number): number {
  return Math.floor((h / 4294967296) * slots);
}

/**
 * The signature of a non-empty shingle set: `slots` minima. Throws on an empty set (it has no
 * slot to copy from); the caller leaves such documents out.
 */
export function minhashSignature(shingles: Uint32Array, slots: number): Uint32Array {
  if (shingles.length === 0) throw new Error('minhashSignature of an empty set');
  const sig = new Uint32Array(slots).fill(0xffffffff);
  const filled = new Uint8Array(slots);
  for (let s = 0; s < shingles.length; s++) {
    const h = fmix32(shingles[s]! ^ SLOT_SEED);
    const slot = slotOf(h, slots);
    filled[slot] = 1;
    if (h < sig[slot]!) sig[slot] = h;
  }
  for (let i = 0; i < slots; i++) {
    if (filled[i]) continue;
    // The probe sequence depends only on the slot and the attempt, never on the document: two
    // documents copy from the same slot whenever their filled slots agree.
    for (let attempt = 1; ; attempt++) {
      const j = slotOf(
        fmix32(Math.imul(i + 1, PROBE_SEED) ^ Math.imul(attempt, 0x9e3779b9)),
        slots,
      );
      if (filled[j]) {
        sig[i] = sig[j]!;
        break;
      }
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
 * with an empty signature (no shingles) are left out: they resemble nothing. A band is bucketed
 * by a hash of its rows: two different bands hashing alike only add a candidate, which the exact
 * check then drops.
 */
export function lshCandidates(
  signatures: ReadonlyArray<Uint32Array | null>,
  { bands, rows }: LshOptions,
): Array<[number, number]> {
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = signatures.length;
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<number, number[]>();
    for (let d = 0; d < n; d++) {
      const sig = signatures[d];
      if (!sig) continue;
      let key = b;
      for (let r = 0; r < rows; r++) key = fmix32(Math.imul(key, 0x01000193) ^ sig[b * rows + r]!);
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
