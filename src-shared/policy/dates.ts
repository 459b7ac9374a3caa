// Calendar arithmetic on 'YYYY-MM-DD' strings (Asia/Shanghai calendar days). ISO dates compare
// correctly as strings, so no Date objects and no time-zone drift.

function parts(d: string): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Same day n months later; a day past the month's end clamps (08-31 + 6 → 02-28/29). */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = parts(d);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(day, daysInMonth(ny, nm)))}`;
}

export function addYears(d: string, n: number): string {
  return addMonths(d, 12 * n);
}

export function addDays(d: string, n: number): string {
  const [y, m, day] = parts(d);
  const t = new Date(Date.UTC(y, m - 1, day + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function yearOf(d: string): number {
  return Number(d.slice(0, 4));
}

/** Whole calendar months from a to b (a ≤ b), counting a month only once its day is reached. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  let months = (by - ay) * 12 + (bm - am);
  if (bd < ad && bd !== daysInMonth(by, bm)) months -= 1;
  return months;
}

export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

export function parseQuarter(s: string): Quarter | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(s);
  if (!m) return undefined;
  return { year: Number(m[1]), q: Number(m[2]) as Quarter['q'] };
}

export function quarterLabel(q: Quarter): string {
  return `${q.year}Q${q.q}`;
}

export function quarterZh(q: Quarter): string {
  return `${q.year}年第${'一二三四'[q.q - 1]}季度`;
}

export function quarterRange(q: Quarter): { from: string; to: string } {
  const lastMonth = q.q * 3;
  return {
    from: `${pad(q.year, 4)}-${pad(lastMonth - 2)}-01`,
    to: `${pad(q.year, 4)}-${pad(lastMonth)}-${pad(daysInMonth(q.year, lastMonth))}`,
  };
}

export function quarterOf(d: string): Quarter {
  const [y, m] = parts(d);
  return { year: y, q: (Math.floor((m - 1) / 3) + 1) as Quarter['q'] };
}

/** 「每季度末月 N 日前」: day N of the quarter's last month. */
export function quarterDeadline(q: Quarter, day: number): string {
  return `${pad(q.year, 4)}-${pad(q.q * 3)}-${pad(day)}`;
}
