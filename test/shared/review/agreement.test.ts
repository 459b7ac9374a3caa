import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  krippendorffAlpha,
  measurementLevels,
  type MeasurementLevel,
  type Ratings,
} from '../../../src-shared/review/agreement';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
// observers, twelve units, values 1–5, with missing ratings (null).
const _ = null;
const worked: Ratings = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/**
 * A second, independent computation: no coincidence matrix, just every ordered pair of
 * pairable values. D_o sums pairs inside a unit (weight 1/(m−1)); D_e sums every pair of
 * pairable values in the whole pool; the ordinal distance counts ranks in the pool directly.
 */
function bruteForceAlpha(ratings: Ratings, level: MeasurementLevel): number | null {
  const units: number[][] = [];
  const width = Math.max(0, ...ratings.map((r) => r.length));
  for (let u = 0; u < width; u += 1) {
    const vs = ratings.map((r) => r[u]).filter((v): v is number => v !== null && v !== undefined);
    if (vs.length >= 2) units.push(vs);
  }
  const pool = units.flat();
  const n = pool.length;
  if (n < 2) return null;
  const count = (v: number) => pool.filter((x) => x === v).length;
  const d2 = (a: number, b: number): number => {
    if (a === b) return 0;
    if (level === 'nominal') return 1;
    if (level === 'interval') return (a - b) ** 2;
    if (level === 'ratio') return ((a - b) / (a + b)) ** 2;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const inRange = pool.filter((x) => x >= lo && x <= hi).length;
    return (inRange - (count(a) + count(b)) / 2) ** 2;
  };
  let observed = 0;
  for (const vs of units) {
    for (let i = 0; i < vs.length; i += 1) {
      for (let j = 0; j < vs.length; j += 1) {
        if (i !== j) observed += d2(vs[i]!, vs[j]!) / (vs.length - 1);
      }
    }
  }
  let expected = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) if (i !== j) expected += d2(pool[i]!, pool[j]!);
  }
  if (expected === 0) return null;
  return 1 - observed / n / (expected / (n * (n - 1)));
}

describe('krippendorffAlpha', () => {
  it('matches the nominal alpha of the worked example in Krippendorff (2011): 0.743', () => {
    expect(krippendorffAlpha(worked, 'nominal')).toBeCloseTo(0.743, 3);
  });

  it('matches the interval alpha of the worked example in Krippendorff (2011): 0.849', () => {
    expect(krippendorffAlpha(worked, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('matches the ordinal (0.815) and ratio (0.797) alphas the paper reports', () => {
    expect(krippendorffAlpha(worked, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(worked, 'ratio')).toBeCloseTo(0.797, 3);
  });

  it('gives 1 for perfect agreement and ignores units only one rater scored', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 2, 3, 9],
          [1, 2, 3, _],
        ],
        'interval',
      ),
    ).toBe(1);
  });

  it('is undefined (null) without variation or without two pairable ratings', () => {
    expect(
      krippendorffAlpha(
        [
          [4, 4],
          [4, 4],
        ],
        'nominal',
      ),
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
        ],
        'interval',
      ),
    ).toBeNull();
    expect(krippendorffAlpha([], 'interval')).toBeNull();
  });

  it('goes below zero when raters systematically disagree', () => {
    const alpha = krippendorffAlpha(
      [
        [1, 2, 1, 2],
        [2, 1, 2, 1],
      ],
      'nominal',
    );
    expect(alpha).not.toBeNull();
    expect(alpha!).toBeLessThan(0);
  });

  it('agrees with a brute-force pairable-values computation on random panels', () => {
    const cell = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null, freq: 4 });
    const panel = fc
      .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 12 }))
      .chain(([raters, units]) =>
        fc.array(fc.array(cell, { minLength: units, maxLength: units }), {
          minLength: raters,
          maxLength: raters,
        }),
      );
    fc.assert(
      fc.property(panel, fc.constantFrom(...measurementLevels), (ratings, level) => {
        const fast = krippendorffAlpha(ratings, level);
        const slow = bruteForceAlpha(ratings, level);
        if (slow === null) expect(fast).toBeNull();
        else expect(fast).toBeCloseTo(slow, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the brute-force computation on the worked example at every level', () => {
    for (const level of measurementLevels) {
      expect(krippendorffAlpha(worked, level)).toBeCloseTo(bruteForceAlpha(worked, level)!, 12);
    }
  });
});
