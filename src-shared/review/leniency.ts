// Which experts score systematically above or below their panel. For every submission that
// at least two experts scored, each expert's deviation is their total minus that
// submission's mean. An expert's leniency is the mean of their deviations; the z-score puts
// it on the scale of the panel's deviations (their population standard deviation), so a
// harsh expert reads negative and a lenient one positive whatever the rubric's range.
import { mean } from './aggregate';

export interface ExpertTotal {
  expertId: string;
  submissionId: string;
  total: number;
}

export interface Leniency {
  expertId: string;
  /** Submissions of this expert that had at least one other score to compare with. */
  compared: number;
  meanDeviation: number | null;
  zScore: number | null;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function expertLeniency(totals: readonly ExpertTotal[]): Leniency[] {
  const bySubmission = new Map<string, ExpertTotal[]>();
  for (const t of totals) {
    const list = bySubmission.get(t.submissionId) ?? [];
    list.push(t);
    bySubmission.set(t.submissionId, list);
  }
  const deviations = new Map<string, number[]>();
  const all: number[] = [];
  for (const list of bySubmission.values()) {
    if (list.length < 2) continue;
    const m = mean(list.map((t) => t.total))!;
    for (const t of list) {
      const d = t.total - m;
      const list = deviations.get(t.expertId);
      if (list) list.push(d);
      else deviations.set(t.expertId, [d]);
      all.push(d);
    }
  }
  // Deviations from each submission's own mean average to zero over the panel by construction.
  const sd = all.length === 0 ? 0 : Math.sqrt(all.reduce((s, d) => s + d * d, 0) / all.length);
  const experts = [...new Set(totals.map((t) => t.expertId))].sort();
  return experts.map((expertId) => {
    const ds = deviations.get(expertId) ?? [];
    const md = mean(ds);
    return {
      expertId,
      compared: ds.length,
      meanDeviation: md === null ? null : round3(md),
      zScore: md === null || sd === 0 ? null : round3(md / sd),
    };
  });
}
