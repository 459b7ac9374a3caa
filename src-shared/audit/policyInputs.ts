// The auditor's stored work turned into what the policy engine reads (src-shared/policy/inputs):
// watched minutes of the sampled sessions, measured durations, clip marks, course-package
// checklists, platform confirmations and exit observations. Pure; db/checkInput.ts feeds it.
import type { ClassSession, PackageRecords } from '../records/records';
import type { CoursePackageReview, ExitObservation, PolicyInputs } from '../policy/inputs';
import { CATEGORIES, type AuditFindingPayload } from './findings';
import { watchedSeconds, type Interval } from './ledger';
import { sampledSessionIds, type SamplingPlanPayload } from './sampling';
import { verdictKey, type AuditVerdictPayload, type ClassConclusionPayload } from './verdicts';

export interface FileLedger {
  fileId: string;
  intervals: Interval[];
  /** The file's duration as the player read it from the file. */
  durationSeconds?: number;
}

export interface AuditState {
  plans: readonly SamplingPlanPayload[];
  ledgers: readonly FileLedger[];
  findings: readonly AuditFindingPayload[];
  /** In the order recorded; a later verdict on the same subject replaces an earlier one. */
  verdicts: readonly AuditVerdictPayload[];
}

/** Seconds of a session watched: its files' ledgers, capped at the session's own length. */
export function sessionWatchedSeconds(
  session: ClassSession,
  ledgers: ReadonlyMap<string, FileLedger>,
): number {
  let sec = 0;
  for (const id of session.videoFileIds) {
    const l = ledgers.get(id);
    if (l) sec += watchedSeconds(l.intervals, l.durationSeconds ?? Infinity);
  }
  return Math.min(sec, session.minutes * 60);
}

/**
 * Watched seconds as minutes to one decimal. The ledger is measured in frames, so the seconds
 * are first rounded to whole seconds (a play-through may end a frame short of the file's end);
 * the minutes are then rounded down, so a claim of watching never grows by more than that.
 */
export function floorMinutes(seconds: number): number {
  return Math.floor((Math.round(seconds) / 60) * 10) / 10;
}

export function latestVerdicts(verdicts: readonly AuditVerdictPayload[]): AuditVerdictPayload[] {
  const byKey = new Map<string, AuditVerdictPayload>();
  for (const v of verdicts) byKey.set(verdictKey(v), v);
  return [...byKey.values()];
}

/** Watched minutes of a plan's sessions, by session id. */
export function watchedBySession(
  plan: SamplingPlanPayload,
  sessions: ReadonlyMap<string, ClassSession>,
  ledgers: ReadonlyMap<string, FileLedger>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of sampledSessionIds(plan)) {
    const s = sessions.get(id);
    out.set(id, s ? sessionWatchedSeconds(s, ledgers) / 60 : 0);
  }
  return out;
}

export function auditPolicyInputs(state: AuditState, records: PackageRecords): PolicyInputs {
  const sessions = new Map(records.sessions.map((s) => [s.id, s]));
  const ledgers = new Map(state.ledgers.map((l) => [l.fileId, l]));
  const inputs: PolicyInputs = {};

  const liveSampleMinutes = new Map<string, number>();
  for (const plan of state.plans) {
    const watched = [...watchedBySession(plan, sessions, ledgers).values()];
    liveSampleMinutes.set(plan.classId, floorMinutes(watched.reduce((a, m) => a + m * 60, 0)));
  }
  if (liveSampleMinutes.size) inputs.liveSampleMinutes = liveSampleMinutes;

  const measured = new Map<string, number>();
  for (const l of state.ledgers)
    if (l.durationSeconds !== undefined) measured.set(l.fileId, l.durationSeconds);
  if (measured.size) inputs.measuredSeconds = measured;

  const verdicts = latestVerdicts(state.verdicts);
  const clipChecks = new Map<string, boolean>();
  const coursePackages: CoursePackageReview[] = [];
  const conclusions: ClassConclusionPayload[] = [];
  for (const v of verdicts) {
    if (v.subject === 'clip') clipChecks.set(v.fileId, v.genuine);
    else if (v.subject === 'course-package')
      coursePackages.push({
        fileId: v.fileId,
        ...(v.measuredSeconds !== undefined ? { playMinutes: v.measuredSeconds / 60 } : {}),
        hasIntroduction: v.hasIntroduction,
        hasDirectory: v.hasDirectory,
        hasResources: v.hasResources,
        matchesPlan: v.matchesPlan,
        copyrightProof: v.copyrightProof,
        contentIssues: v.contentIssues,
        avIssues: v.avIssues,
      });
    else if (v.subject === 'class') conclusions.push(v);
  }
  if (clipChecks.size) inputs.clipChecks = clipChecks;
  if (coursePackages.length) inputs.coursePackages = coursePackages;

  const liveScreening = new Map<string, { screened: boolean; openAlerts: number }>();
  const recordedChecks = new Map<string, { spotChecks: number; transmitted: boolean }>();
  const videoRetention = new Map<string, boolean>();
  for (const c of conclusions) {
    if (c.liveScreening) liveScreening.set(c.classId, c.liveScreening);
    if (c.recordedChecks) recordedChecks.set(c.classId, c.recordedChecks);
    if (c.videoRetention !== undefined) videoRetention.set(c.classId, c.videoRetention);
  }
  if (liveScreening.size) inputs.liveScreening = liveScreening;
  if (recordedChecks.size) inputs.recordedChecks = recordedChecks;
  if (videoRetention.size) inputs.videoRetention = videoRetention;

  // An organizer counts as reviewed for exit grounds once the auditor concluded one of its
  // classes: the conclusion states that what was watched was looked at for every ground. What
  // was seen is each serious finding that names a ground.
  const organizerOf = new Map(records.classes.map((c) => [c.id, c.organizerId]));
  const exitReviews = new Map<string, ExitObservation[]>();
  for (const c of conclusions) {
    const org = organizerOf.get(c.classId);
    if (org && !exitReviews.has(org)) exitReviews.set(org, []);
  }
  for (const f of state.findings) {
    if (f.exitGround === undefined) continue;
    const org = organizerOf.get(f.classId) ?? f.organizerId;
    const list = exitReviews.get(org) ?? [];
    const session = sessions.get(f.sessionId);
    list.push({
      ground: f.exitGround,
      note: f.note || CATEGORIES[f.category].label,
      classId: f.classId,
      ...(session ? { observedOn: session.date } : {}),
    });
    exitReviews.set(org, list);
  }
  if (exitReviews.size) inputs.exitReviews = exitReviews;
  return inputs;
}

/** Two input sets as one: the audit's fields fill in what the other (panel decisions) lacks. */
export function mergeInputs(a: PolicyInputs, b: PolicyInputs): PolicyInputs {
  const out: PolicyInputs = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof PolicyInputs, unknown][])
    if (v !== undefined && out[k] === undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
