// The workstation's calendar is Beijing's, whatever the laptop's clock zone says.
export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** '2025-03-01 14:05' in Beijing time. */
export function formatDateTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = Object.fromEntries(dateTimeFmt.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The Beijing calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return dateParts.format(d);
}

/** YYYY-MM-DD naming a day that exists (2025-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.toISOString().slice(0, 10) === text;
}

/**
 * A calendar date short enough for a list row, never cut: '7月15日' within the year of `today`,
 * '2026年1月5日' outside it (both YYYY-MM-DD, Beijing calendar). Anything else is returned as is.
 */
export function compactDate(isoDate: string, today: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const day = `${Number(m[2])}月${Number(m[3])}日`;
  return today.slice(0, 4) === m[1] ? day : `${m[1]}年${day}`;
}
