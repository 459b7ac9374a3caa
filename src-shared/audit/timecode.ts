// Times the auditor reads: media time as HH:MM:SS.mmm, and the wall-clock moment in the session
// it shows (the session's filed start in Beijing time + media time).

/** 3725.5 → '01:02:05.500'. Negative or non-finite times read as zero. */
export function formatTimecode(seconds: number): string {
  const ms = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** The instant of a media time in a session that started at `date` `startTime` (Asia/Shanghai). */
export function sessionInstant(date: string, startTime: string, seconds: number): Date {
  const start = Date.parse(`${date}T${startTime}:00+08:00`);
  return new Date(start + Math.max(0, seconds) * 1000);
}

/** ISO-8601 with +08:00, to the millisecond: '2025-10-10T09:40:05.500+08:00'. */
export function shanghaiIso(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 23)}+08:00`;
}

/** 'HH:MM:SS' of the session's wall clock at a media time. */
export function sessionClock(date: string, startTime: string, seconds: number): string {
  return shanghaiIso(sessionInstant(date, startTime, seconds)).slice(11, 19);
}
