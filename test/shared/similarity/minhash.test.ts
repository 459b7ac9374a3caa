import { describe, expect, it } from 'vitest';
import { distinctSorted, jaccard } from '../../../src-shared/similarity/document';
import { fmix32 } from '../../../src-shared/similarity/hash';
import { lshCandidates, minhashSignature } from '../../../src-shared/similarity/minhash';
import { DEFAULT_PRECHECK_OPTIONS } from '../../../src-shared/similarity/precheck';

const { bands, rows } = DEFAULT_PRECHECK_OPTIONS;
const SLOTS = bands * rows;

/** Distinct pseudo-random shingle hashes: `count` of them from position `from` of stream `seed`. */
function hashes(seed: number, from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => fmix32(Math.imul(seed, 0x9e3779b9) ^ (from + i)));
}

const set = (...parts: number[][]) => distinctSorted(Uint32Array.from(parts.flat()));

/** Two sets sharing `shared` shingles, each with `own` of its own: Jaccard shared/(shared+2·own). */
function pairAt(seed: number, shared: number, own: number): [Uint32Array, Uint32Array] {
  const common = hashes(seed, 0, shared);
  return [set(common, hashes(seed, 1_000_000, own)), set(common, hashes(seed, 2_000_000, own))];
}

const agreement = (x: Uint32Array, y: Uint32Array) => x.filter((v, i) => v === y[i]).length;

describe('minhashSignature', () => {
  it('gives identical sets identical signatures, whatever their order or size', () => {
    for (const n of [1, 3, 40, 5000]) {
      const values = hashes(7, 0, n);
      const forward = minhashSignature(set(values), SLOTS);
      const backward = minhashSignature(Uint32Array.from([...values].reverse()), SLOTS);
      expect([...backward]).toEqual([...forward]);
    }
  });

  it('refuses an empty set (it has nothing to fill a slot with)', () => {
    expect(() => minhashSignature(new Uint32Array(0), SLOTS)).toThrow();
  });

  it('fills every slot, sparse sets included', () => {
    const sig = minhashSignature(set(hashes(3, 0, 5)), SLOTS);
    expect(sig.every((v) => v !== 0xffffffff)).toBe(true);
  });

  it('agrees in a share of slots that estimates the Jaccard similarity, small sets included', () => {
    for (const [shared, own] of [
      [300, 350], // 0.3
      [500, 250], // 0.5
      [900, 50], // 0.9
      [30, 35], // 0.3 over a set smaller than the signature
    ] as const) {
      let slots = 0;
      let exact = 0;
      const trials = 60;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pairAt(t + 1, shared, own);
        exact += jaccard(a, b).value;
        slots += agreement(minhashSignature(a, SLOTS), minhashSignature(b, SLOTS)) / SLOTS;
      }
      expect(Math.abs(slots / trials - exact / trials)).toBeLessThan(0.03);
    }
  });
});

describe('lshCandidates with the default banding', () => {
  it('finds pairs at the reporting threshold (0.3) and all pairs at 0.5, among unrelated sets', () => {
    const signatures: Uint32Array[] = [];
    const at30: Array<[number, number]> = [];
    const at50: Array<[number, number]> = [];
    for (let t = 0; t < 100; t++) {
      for (const [list, shared, own] of [
        [at30, 600, 700],
        [at50, 1000, 500],
      ] as const) {
        const [a, b] = pairAt(1000 + 2 * t + (list === at30 ? 0 : 1), shared, own);
        list.push([signatures.length, signatures.length + 1]);
        signatures.push(minhashSignature(a, SLOTS), minhashSignature(b, SLOTS));
      }
    }
    for (let t = 0; t < 200; t++)
      signatures.push(minhashSignature(set(hashes(5000 + t, 0, 2000)), SLOTS));
    const found = new Set(lshCandidates(signatures, { bands, rows }).map(([i, j]) => `${i},${j}`));
    const hits = (list: Array<[number, number]>) => list.filter(([i, j]) => found.has(`${i},${j}`));
    // Independent slots would miss a 0.3 pair with probability (1 − 0.3²)^64 ≈ 0.24 %.
    expect(hits(at30).length).toBeGreaterThanOrEqual(98);
    expect(hits(at50)).toHaveLength(100);
    // Unrelated sets (Jaccard 0) meet only through a hash collision of a whole band.
    expect(found.size).toBeLessThan(210);
  });

  it('leaves documents without a signature out', () => {
    const sig = minhashSignature(set(hashes(1, 0, 50)), SLOTS);
    expect(lshCandidates([sig, null, sig], { bands, rows })).toEqual([[0, 2]]);
  });
});
