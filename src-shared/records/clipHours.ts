// Which class hour of an offline session each on-site clip proves (R-OFFLINE-CLIP: one ~10 s
// clip per class hour). A clip with a capture time (manifest version 3) proves the hour its
// instant falls in, counted in whole class hours from the session's start; a clip without one
// (versions 1 and 2) fills the first hour still without a clip, in filing order, which is the
// old "clip i proves hour i + 1" reading. So a missing clip is named by its hour.
import type { ClassSession, PackageFile } from './records';

export interface ClipHour {
  /** 1-based class hour within the session. */
  hour: number;
  /** The hour's window in Beijing time, ISO-8601 with +08:00. */
  startsAt: string;
  endsAt: string;
  /** Clips that fall in this hour, in filing order (usually one). */
  clipFileIds: string[];
}

export interface SessionClipHours {
  hours: ClipHour[];
  /** Clips whose capture time falls outside every hour of the session (before, after, bad). */
  outside: string[];
}

const MINUTE_MS = 60_000;

/** The session's start as epoch milliseconds; sessions are dated in Beijing time. */
export function sessionStartMs(session: Pick<ClassSession, 'date' | 'startTime'>): number {
  return Date.parse(`${session.date}T${session.startTime}:00+08:00`);
}

/** An instant as Beijing wall-clock ISO text ('2025-03-10T09:45:00+08:00'). */
function beijingIso(ms: number): string {
  return `${new Date(ms + 8 * 60 * MINUTE_MS).toISOString().slice(0, 19)}+08:00`;
}

export function clipHours(
  session: Pick<ClassSession, 'date' | 'startTime' | 'minutes' | 'clipFileIds'>,
  fileById: (id: string) => Pick<PackageFile, 'capturedAt'> | undefined,
  minutesPerHour: number,
): SessionClipHours {
  const start = sessionStartMs(session);
  const need = Math.floor(session.minutes / minutesPerHour);
  const hourMs = minutesPerHour * MINUTE_MS;
  const hours: ClipHour[] = Array.from({ length: need }, (_, i) => ({
    hour: i + 1,
    startsAt: beijingIso(start + i * hourMs),
    endsAt: beijingIso(start + (i + 1) * hourMs),
    clipFileIds: [],
  }));
  const outside: string[] = [];
  const untimed: string[] = [];
  for (const id of session.clipFileIds) {
    const at = fileById(id)?.capturedAt;
    if (at === undefined) {
      untimed.push(id);
      continue;
    }
    const offset = Date.parse(at) - start;
    const index = Math.floor(offset / hourMs);
    const slot = Number.isFinite(offset) && offset >= 0 ? hours[index] : undefined;
    if (slot) slot.clipFileIds.push(id);
    else outside.push(id);
  }
  for (const id of untimed) {
    const free = hours.find((h) => h.clipFileIds.length === 0);
    if (free) free.clipFileIds.push(id);
    else outside.push(id);
  }
  return { hours, outside };
}
