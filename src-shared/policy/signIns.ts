// Who signed in to an offline session (R-OFFLINE-SIGNIN: face recognition and location, 通知
// 四（三）), read against the class roster. One reading for the policy context (missing sign-ins
// per trainee) and the auditor's screen (who signed, who did not, per session).
import type { ClassSession } from '../records/records';

export interface SessionSignIns {
  /** Roster trainees with a sign-in that passed both face and location. */
  signed: string[];
  /** Roster trainees whose only sign-ins lack the face match or the location. */
  incomplete: string[];
  /** Roster trainees with no sign-in at all. */
  absent: string[];
  /** Sign-ins by someone not on the roster (never counted). */
  offRoster: string[];
}

/** A sign-in counts only with both the face match and the location. */
function counts(si: ClassSession['signIns'][number]): boolean {
  return si.face && si.located;
}

export function sessionSignIns(
  session: Pick<ClassSession, 'signIns'>,
  roster: readonly string[],
): SessionSignIns {
  const ok = new Set<string>();
  const any = new Set<string>();
  for (const si of session.signIns) {
    any.add(si.traineeId);
    if (counts(si)) ok.add(si.traineeId);
  }
  const onRoster = new Set(roster);
  return {
    signed: roster.filter((id) => ok.has(id)),
    incomplete: roster.filter((id) => any.has(id) && !ok.has(id)),
    absent: roster.filter((id) => !any.has(id)),
    offRoster: [...any].filter((id) => !onRoster.has(id)),
  };
}

/**
 * Offline sessions each roster trainee has no counting sign-in for, by traineeId (only those
 * missing one or more; a trainee listed twice on the roster is counted twice, as the per-session
 * reading above lists them twice). The policy context reads this for every class of a package,
 * so it counts without building the per-session lists.
 */
export function missingSignIns(
  sessions: readonly Pick<ClassSession, 'mode' | 'signIns'>[],
  roster: readonly string[],
): Map<string, number> {
  const missing = new Map<string, number>();
  let offline = 0;
  // traineeId → the last offline session (1-based) it signed in to, and how many it signed.
  const lastSigned = new Map<string, number>();
  const signed = new Map<string, number>();
  for (const s of sessions) {
    if (s.mode !== 'offline') continue;
    offline++;
    for (const si of s.signIns) {
      if (!counts(si) || lastSigned.get(si.traineeId) === offline) continue;
      lastSigned.set(si.traineeId, offline);
      signed.set(si.traineeId, (signed.get(si.traineeId) ?? 0) + 1);
    }
  }
  if (offline === 0) return missing;
  for (const id of roster) {
    const n = offline - (signed.get(id) ?? 0);
    if (n > 0) missing.set(id, (missing.get(id) ?? 0) + n);
  }
  return missing;
}
