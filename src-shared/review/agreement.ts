// Krippendorff's alpha: how far the experts of a panel agree beyond what chance would give,
// with any number of raters, missing ratings, and the four levels of measurement. Computed
// through the coincidence matrix as in Krippendorff, "Computing Krippendorff's
// Alpha-Reliability" (2011): only units with at least two ratings are pairable, and each
// pair inside a unit of m ratings weighs 1/(m-1).

export const measurementLevels = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type MeasurementLevel = (typeof measurementLevels)[number];

/** raters × units; null where a rater did not rate that unit. */
export type Ratings = readonly (readonly (number | null)[])[];

interface Coincidences {
  values: number[];
  /** o[c][k] over the sorted distinct pairable values. */
  o: number[][];
  /** n_c: the marginal of each value. */
  n: number[];
  total: number;
}

function coincidences(ratings: Ratings): Coincidences {
  const units = Math.max(0, ...ratings.map((r) => r.length));
  const perUnit: number[][] = [];
  for (let u = 0; u < units; u += 1) {
    const vs: number[] = [];
    for (const rater of ratings) {
      const v = rater[u];
      if (v !== null && v !== undefined && Number.isFinite(v)) vs.push(v);
    }
    if (vs.length >= 2) perUnit.push(vs);
  }
  const values = [...new Set(perUnit.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => values.map(() => 0));
  for (const vs of perUnit) {
    const w = 1 / (vs.length - 1);
    for (let i = 0; i < vs.length; i += 1) {
      for (let j = 0; j < vs.length; j += 1) {
        if (i !== j) o[index.get(vs[i]!)!]![index.get(vs[j]!)!]! += w;
      }
    }
  }
  const n = o.map((row) => row.reduce((s, x) => s + x, 0));
  return { values, o, n, total: n.reduce((s, x) => s + x, 0) };
}

/** Squared difference δ² between the i-th and j-th distinct values at a level. */
function deltaFor(level: MeasurementLevel, values: number[], n: number[]) {
  // Ordinal distance counts how many pairable values lie between the two ranks.
  const cumulative: number[] = [];
  let running = 0;
  for (const x of n) {
    running += x;
    cumulative.push(running);
  }
  return (i: number, j: number): number => {
    if (i === j) return 0;
    const c = values[i]!;
    const k = values[j]!;
    switch (level) {
      case 'nominal':
        return 1;
      case 'interval':
        return (c - k) ** 2;
      case 'ratio':
        return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
      case 'ordinal': {
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        const between = cumulative[hi]! - (lo > 0 ? cumulative[lo - 1]! : 0);
        return (between - (n[i]! + n[j]!) / 2) ** 2;
      }
    }
  };
}

/**
 * α = 1 − D_o / D_e. Returns null when α is undefined: fewer than two pairable ratings, or no
 * variation at all among them (expected disagreement zero), as Krippendorff prescribes.
 */
export function krippendorffAlpha(ratings: Ratings, level: MeasurementLevel): number | null {
  const { values, o, n, total } = coincidences(ratings);
  if (total < 2) return null;
  const delta = deltaFor(level, values, n);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < values.length; i += 1) {
    for (let j = 0; j < values.length; j += 1) {
      const d = delta(i, j);
      observed += o[i]![j]! * d;
      expected += n[i]! * n[j]! * d;
    }
  }
  const dObserved = observed / total;
  const dExpected = expected / (total * (total - 1));
  if (dExpected === 0) return null;
  return 1 - dObserved / dExpected;
}
