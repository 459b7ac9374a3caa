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

export interface SessionClips {
  /** hours[i]: the clips that prove class hour i + 1, in filing order. */
  hours: string[][];
  outside: string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The assignment alone, without the hours' clock windows: what the policy engine reads for
 * every offline session of a package (28,000 in bench/policy.bench.ts), where formatting two
 * instants per hour cost more than the rest of the assignment.
 */
export function clipsByHour(
  session: Pick<ClassSession, 'date' | 'startTime' | 'minutes' | 'clipFileIds'>,
  fileById: (id: string) => Pick<PackageFile, 'capturedAt'> | undefined,
  minutesPerHour: number,
): SessionClips {
  // Parsed at the first timed clip: older packages have none.
  let start = NaN;
  const need = Math.floor(session.minutes / minutesPerHour);
  const hourMs = minutesPerHour * MINUTE_MS;
  const hours: string[][] = [];
  for (let i = 0; i < need; i++) hours.push([]);
  const outside: string[] = [];
  let untimed: string[] | readonly string[] = NONE;
  for (const id of session.clipFileIds) {
    const at = fileById(id)?.capturedAt;
    if (at === undefined) {
      if (untimed === NONE) untimed = [];
      (untimed as string[]).push(id);
      continue;
    }
    if (Number.isNaN(start)) start = sessionStartMs(session);
    const offset = Date.parse(at) - start;
    const index = Math.floor(offset / hourMs);
    const slot = Number.isFinite(offset) && offset >= 0 ? hours[index] : undefined;
    if (!slot) outside.push(id);
    // Usually one clip an hour: an array of one, not an empty one grown by push.
    else if (slot.length === 0) hours[index] = [id];
    else slot.push(id);
  }
  // Untimed clips fill the hours still without a clip, first to last; filled hours stay filled,
  // so the search resumes where the last one stopped.
  let free = 0;
  for (const id of untimed) {
    while (free < need && hours[free]!.length > 0) free++;
    if (free < need) hours[free] = [id];
    else outside.push(id);
  }
  return { hours, outside };
}

export function clipHours(
  session: Pick<ClassSession, 'date' | 'startTime' | 'minutes' | 'clipFileIds'>,
  fileById: (id: string) => Pick<PackageFile, 'capturedAt'> | undefined,
  minutesPerHour: number,
): SessionClipHours {
  const start = sessionStartMs(session);
  const hourMs = minutesPerHour * MINUTE_MS;
  const { hours, outside } = clipsByHour(session, fileById, minutesPerHour);
  return {
    hours: hours.map((clipFileIds, i) => ({
      hour: i + 1,
      startsAt: beijingIso(start + i * hourMs),
      endsAt: beijingIso(start + (i + 1) * hourMs),
      clipFileIds,
    })),
    outside,
  };
}
