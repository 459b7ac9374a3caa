// Date helpers on plain 'YYYY-MM-DD' calendar dates (Asia/Shanghai wall dates). UTC arithmetic
// keeps them free of the machine's time zone.
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function weekdaysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(d);
  }
  return out;
}

/** n dates spread evenly over the weekdays of [start, end], first and last included. */
export function spreadDates(start: string, end: string, n: number): string[] {
  const days = weekdaysBetween(start, end);
  if (n <= 1) return [days[0] ?? start];
  return Array.from(
    { length: n },
    (_, i) => days[Math.round((i * (days.length - 1)) / (n - 1))] ?? start,
  );
}

export function zhDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function instant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}
