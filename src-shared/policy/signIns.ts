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

export function sessionSignIns(
  session: Pick<ClassSession, 'signIns'>,
  roster: readonly string[],
): SessionSignIns {
  const ok = new Set<string>();
  const any = new Set<string>();
  for (const si of session.signIns) {
    any.add(si.traineeId);
    if (si.face && si.located) ok.add(si.traineeId);
  }
  const onRoster = new Set(roster);
  return {
    signed: roster.filter((id) => ok.has(id)),
    incomplete: roster.filter((id) => any.has(id) && !ok.has(id)),
    absent: roster.filter((id) => !any.has(id)),
    offRoster: [...any].filter((id) => !onRoster.has(id)),
  };
}
