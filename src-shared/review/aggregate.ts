// Per-submission statistics over the experts' totals, and the disagreement flag the panel
// chair arbitrates. Pure: the screen, the meeting record and the benchmark all call these.
import { effectiveVerdict, type Verdict } from './schema';

/** Spread (highest − lowest total) above which a submission is flagged, unless the package says otherwise. */
export const DEFAULT_DISAGREEMENT_THRESHOLD = 15;
/** Below this many experts a trimmed mean would drop too much: it is only given from five up. */
export const TRIMMED_MEAN_MIN_EXPERTS = 5;

export interface ScoredVerdict {
  total: number;
  verdict: Verdict;
  /** Hard-fail checks raised (抄袭, 代写, …): any one counts the review as a fail. */
  hardFails?: readonly unknown[] | undefined;
}

export type DisagreementReason = 'verdicts-differ' | 'spread';

export interface SubmissionStats {
  count: number;
  mean: number | null;
  /** Mean without the single highest and single lowest total; null under five experts. */
  trimmedMean: number | null;
  /** Sample standard deviation (n − 1); null under two experts. */
  standardDeviation: number | null;
  /** Highest total − lowest total; null without totals. */
  spread: number | null;
  passCount: number;
  failCount: number;
  /** Reviews that raised a hard-fail check (counted in failCount whatever their verdict). */
  hardFailCount: number;
  /** The verdict more than half of the experts gave; null on a tie or without reviews. */
  majority: Verdict | null;
  disagreement: DisagreementReason[];
}

// Totals are sums of half points: round statistics to 2 decimals so equal sums compare equal.
const round2 = (x: number) => Math.round(x * 100) / 100;

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function sampleStandardDeviation(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

export function trimmedMean(xs: readonly number[]): number | null {
  if (xs.length < TRIMMED_MEAN_MIN_EXPERTS) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return mean(sorted.slice(1, -1));
}

export function submissionStats(
  reviews: readonly ScoredVerdict[],
  threshold: number = DEFAULT_DISAGREEMENT_THRESHOLD,
): SubmissionStats {
  const totals = reviews.map((r) => r.total);
  const passCount = reviews.filter((r) => effectiveVerdict(r) === 'pass').length;
  const hardFailCount = reviews.filter((r) => (r.hardFails?.length ?? 0) > 0).length;
  const failCount = reviews.length - passCount;
  const spread = totals.length === 0 ? null : round2(Math.max(...totals) - Math.min(...totals));
  const disagreement: DisagreementReason[] = [];
  if (passCount > 0 && failCount > 0) disagreement.push('verdicts-differ');
  if (spread !== null && spread > threshold) disagreement.push('spread');
  const m = mean(totals);
  const t = trimmedMean(totals);
  const sd = sampleStandardDeviation(totals);
  return {
    count: reviews.length,
    mean: m === null ? null : round2(m),
    trimmedMean: t === null ? null : round2(t),
    standardDeviation: sd === null ? null : round2(sd),
    spread,
    passCount,
    failCount,
    hardFailCount,
    majority: passCount > failCount ? 'pass' : failCount > passCount ? 'fail' : null,
    disagreement,
  };
}
