import { describe, expect, it } from 'vitest';
import { submissionStats, trimmedMean } from '../../../src-shared/review/aggregate';
import { expertLeniency } from '../../../src-shared/review/leniency';
import type { Verdict } from '../../../src-shared/review/schema';

const r = (total: number, verdict: Verdict = total >= 60 ? 'pass' : 'fail') => ({ total, verdict });

describe('submissionStats', () => {
  it('computes mean, sample deviation and spread of three totals by hand', () => {
    // mean 217/3 = 72.333…; deviations 7.667, −0.333, −7.333 → Σ² 112.667 / 2 → sd 7.5056
    const s = submissionStats([r(80), r(72), r(65, 'fail')]);
    expect(s.mean).toBe(72.33);
    expect(s.standardDeviation).toBe(7.51);
    expect(s.spread).toBe(15);
    expect(s.trimmedMean).toBeNull();
    expect(s.majority).toBe('pass');
    // A spread of exactly 15 does not pass the threshold; the split verdicts do flag it.
    expect(s.disagreement).toEqual(['verdicts-differ']);
  });

  it('flags a spread above the threshold even when every verdict agrees', () => {
    expect(submissionStats([r(61), r(77)]).disagreement).toEqual(['spread']);
    expect(submissionStats([r(61), r(77)], 20).disagreement).toEqual([]);
  });

  it('trims the single highest and lowest total from five experts up', () => {
    // [60, 70, 75, 85, 90] → (70 + 75 + 85) / 3 = 76.67; plain mean 76
    const s = submissionStats([r(90), r(60), r(70), r(75), r(85)]);
    expect(s.trimmedMean).toBe(76.67);
    expect(s.mean).toBe(76);
    expect(trimmedMean([90, 60, 70, 75])).toBeNull();
    expect(trimmedMean([50, 50, 50, 50, 100, 100])).toBe(62.5);
  });

  it('has no majority on a tie and no deviation for a single review', () => {
    expect(submissionStats([r(70), r(50)]).majority).toBeNull();
    const one = submissionStats([r(70)]);
    expect(one.standardDeviation).toBeNull();
    expect(one.spread).toBe(0);
    expect(submissionStats([]).mean).toBeNull();
  });
});

describe('expertLeniency', () => {
  it('gives each expert the mean deviation from the submission mean and its z-score', () => {
    // S1 mean 70: A +10, B 0, C −10 · S2 mean 80: A +10, B +5, C −15 · S3 mean 65: A +5, B −5
    // A 25/3 = 8.333, B 0, C −12.5; panel deviations Σ² 600 / 8 = 75 → sd 8.660
    const totals = [
      { expertId: 'A', submissionId: 'S1', total: 80 },
      { expertId: 'B', submissionId: 'S1', total: 70 },
      { expertId: 'C', submissionId: 'S1', total: 60 },
      { expertId: 'A', submissionId: 'S2', total: 90 },
      { expertId: 'B', submissionId: 'S2', total: 85 },
      { expertId: 'C', submissionId: 'S2', total: 65 },
      { expertId: 'A', submissionId: 'S3', total: 70 },
      { expertId: 'B', submissionId: 'S3', total: 60 },
      { expertId: 'D', submissionId: 'S4', total: 99 },
    ];
    expect(expertLeniency(totals)).toEqual([
      { expertId: 'A', compared: 3, meanDeviation: 8.333, zScore: 0.962 },
      { expertId: 'B', compared: 3, meanDeviation: 0, zScore: 0 },
      { expertId: 'C', compared: 2, meanDeviation: -12.5, zScore: -1.443 },
      { expertId: 'D', compared: 0, meanDeviation: null, zScore: null },
    ]);
  });

  it('has no z-score when every expert gave the same totals', () => {
    const same = expertLeniency([
      { expertId: 'A', submissionId: 'S1', total: 70 },
      { expertId: 'B', submissionId: 'S1', total: 70 },
    ]);
    expect(same.map((l) => [l.meanDeviation, l.zScore])).toEqual([
      [0, null],
      [0, null],
    ]);
  });
});
