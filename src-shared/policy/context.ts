// Lookups built once per package so every rule is O(its own records): the engine must handle
// 2,000 classes × 40 trainees in about the time it takes to parse them.
import { recordedPackages } from './rules/coursePackage';
import { missingSignIns } from './signIns';
import { clipsByHour } from '../records/clipHours';
import { submissionKinds } from '../records/records';
import type {
  CertificateNumber,
  ClassSession,
  Lecturer,
  Organizer,
  PackageFile,
  PackageRecords,
  ProgramCode,
  Trainee,
  TrainingClass,
} from '../records/records';
import type { Finding, FindingStatus, OutcomeSource, Severity } from './findings';
import type { CoursePackageReview, PanelOutcomeDecision, PolicyInputs } from './inputs';
import { ruleText, type PolicyPack, type ProgramParams } from './pack';
import type { RuleId } from './ruleIds';

type SubmissionKind = (typeof submissionKinds)[number];

export interface PackageIndex {
  organizers: Map<string, Organizer>;
  trainees: Map<string, Trainee>;
  lecturers: Map<string, Lecturer>;
  sessionsByClass: Map<string, ClassSession[]>;
  /** Only trainees enrolled in two or more classes of the package. */
  multiClassTrainees: Map<string, TrainingClass[]>;
  /** classId → traineeId → …; nested rather than concatenated keys, which cost a string each. */
  certNumbers: Map<string, Map<string, CertificateNumber>>;
  /** Certificate numbers held by more than one trainee. */
  duplicateCertNumbers: Set<string>;
  /** Submitted deliverable kinds as a bit mask (bit i = submissionKinds[i]). */
  submissions: Map<string, Map<string, number>>;
  files: Map<string, PackageFile>;
  coursePackages: Map<string, CoursePackageReview>;
  /** classId → traineeId → the latest local panel decision. */
  panelDecisions: Map<string, Map<string, PanelOutcomeDecision>>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export const KIND_BIT: Record<SubmissionKind, number> = Object.fromEntries(
  submissionKinds.map((k, i) => [k, 1 << i]),
) as Record<SubmissionKind, number>;

function inner<V>(m: Map<string, Map<string, V>>, k: string): Map<string, V> {
  let v = m.get(k);
  if (!v) {
    v = new Map();
    m.set(k, v);
  }
  return v;
}

export function buildIndex(
  records: PackageRecords,
  inputs: PolicyInputs,
  files: readonly PackageFile[] = [],
): PackageIndex {
  const idx: PackageIndex = {
    organizers: new Map(),
    trainees: new Map(),
    lecturers: new Map(),
    sessionsByClass: new Map(),
    multiClassTrainees: new Map(),
    certNumbers: new Map(),
    duplicateCertNumbers: new Set(),
    submissions: new Map(),
    files: new Map(files.map((f) => [f.id, f])),
    coursePackages: new Map((inputs.coursePackages ?? []).map((c) => [c.fileId, c])),
    panelDecisions: new Map(),
  };
  for (const d of inputs.panelDecisions ?? []) {
    const byTrainee = inner(idx.panelDecisions, d.classId);
    const before = byTrainee.get(d.traineeId);
    // A change is a new record: the later one stands (on a tie, the later in the list).
    if (!before || Date.parse(d.decidedAt) >= Date.parse(before.decidedAt))
      byTrainee.set(d.traineeId, d);
  }
  for (const o of records.organizers) idx.organizers.set(o.id, o);
  for (const t of records.trainees) idx.trainees.set(t.id, t);
  for (const l of records.lecturers) idx.lecturers.set(l.id, l);
  for (const s of records.sessions) push(idx.sessionsByClass, s.classId, s);
  const firstClass = new Map<string, TrainingClass>();
  for (const c of records.classes) {
    for (const t of c.traineeIds) {
      const first = firstClass.get(t);
      if (!first) firstClass.set(t, c);
      else {
        const list = idx.multiClassTrainees.get(t);
        if (list) list.push(c);
        else idx.multiClassTrainees.set(t, [first, c]);
      }
    }
  }
  const seenNumbers = new Set<string>();
  let certClass = '';
  let certs = new Map<string, CertificateNumber>();
  for (const n of records.certificateNumbers) {
    if (n.classId !== certClass) {
      certClass = n.classId;
      certs = inner(idx.certNumbers, n.classId);
    }
    certs.set(n.traineeId, n);
    if (seenNumbers.has(n.number)) idx.duplicateCertNumbers.add(n.number);
    else seenNumbers.add(n.number);
  }
  let subsClass = '';
  let subs = new Map<string, number>();
  for (const s of records.submissions) {
    // Submissions usually come grouped by class; skip the outer lookup while the class repeats.
    if (s.classId !== subsClass) {
      subsClass = s.classId;
      subs = inner(idx.submissions, s.classId);
    }
    subs.set(s.traineeId, (subs.get(s.traineeId) ?? 0) | KIND_BIT[s.kind]);
  }
  return idx;
}

export interface Minutes {
  total: number;
  recorded: number;
  live: number;
  offline: number;
}

/** A local result that contradicts the platform's certificate number: shown, never resolved here. */
export interface OutcomeConflict {
  local: Exclude<OutcomeSource, 'platform'>;
  decision?: PanelOutcomeDecision;
}

export interface TraineeState {
  id: string;
  trainee: Trainee | undefined;
  /** The outcome the rules read; undefined = not reviewed yet, or in conflict. */
  outcome: boolean | undefined;
  /** Where `outcome` came from. */
  source: OutcomeSource | undefined;
  conflict: OutcomeConflict | undefined;
  /** Counted class minutes plus the outcome hours once the outcome passed. */
  creditedMinutes: number;
}

export function emptyTraineeState(): TraineeState {
  return {
    id: '',
    trainee: undefined,
    outcome: undefined,
    source: undefined,
    conflict: undefined,
    creditedMinutes: 0,
  };
}

/** An offline class hour whose 10-second clip is missing or failed the auditor's check. */
export interface UnprovenHour {
  sessionId: string;
  date: string;
  startTime: string;
  /** 1-based class hour within the session. */
  hour: number;
  reason: 'missing' | 'failed';
  fileId?: string;
}

/** What the subsidy rules know when they run: everything that blocks or is still open. */
export interface TraineeVerdict {
  blocking: readonly Finding[];
  pending: readonly Finding[];
}

/**
 * Offline hours with no clip, or whose clips the auditor all failed. Which hour a clip proves
 * comes from its capture time (manifest version 3) or, without one, its filing order
 * (src-shared/records/clipHours.ts); one clip is due per completed class hour (90 minutes → 2,
 * 100 minutes → 2).
 */
function unprovenHours(
  sessions: readonly ClassSession[],
  files: ReadonlyMap<string, PackageFile>,
  perHour: number,
  checks: ReadonlyMap<string, boolean> | undefined,
): UnprovenHour[] {
  const out: UnprovenHour[] = [];
  const fileById = (id: string) => files.get(id);
  for (const s of sessions) {
    if (s.mode !== 'offline') continue;
    const { hours } = clipsByHour(s, fileById, perHour);
    for (let i = 0; i < hours.length; i++) {
      const clips = hours[i]!;
      const hour = i + 1;
      if (clips.length === 0) {
        out.push({
          sessionId: s.id,
          date: s.date,
          startTime: s.startTime,
          hour,
          reason: 'missing',
        });
        continue;
      }
      if (!checks) continue;
      let failed: string | undefined;
      let allFailed = true;
      for (const id of clips) {
        if (checks.get(id) === false) failed ??= id;
        else allFailed = false;
      }
      if (allFailed)
        out.push({
          sessionId: s.id,
          date: s.date,
          startTime: s.startTime,
          hour,
          reason: 'failed',
          fileId: failed!,
        });
    }
  }
  return out;
}

/** A cache key: a number, or a string / object whose identity the records or a slot fix. */
export type MemoKey = string | number | object;

/** One rule's cache of shared values; see ClassContext.memo. */
export interface MemoSlot<A, B, T> {
  readonly ruleId: RuleId;
  readonly index: number;
  readonly make: (ctx: ClassContext, a: A, b: B) => T;
}

let slotCount = 0;
const UNSET = Symbol('unset');

/**
 * Declares a cache for rule `ruleId`, once, at module level: `make` gets the context and the
 * two arguments the caller passes to memo (instead of a closure made per call).
 */
export function memoSlot<A = undefined, B = undefined, T = Finding>(
  ruleId: RuleId,
  make: (ctx: ClassContext, a: A, b: B) => T,
): MemoSlot<A, B, T> {
  return { ruleId, index: slotCount++, make };
}

export class ClassContext {
  readonly params: ProgramParams;
  readonly sessions: ClassSession[];
  /** Minutes as filed. */
  readonly minutes: Minutes;
  /** Offline hours without a proving clip: they do not count towards the class's hours. */
  readonly unprovenHours: UnprovenHour[];
  /** Filed minutes less the unproven hours: what R-HOURS-MIN and the credited hours read. */
  readonly countedMinutes: number;
  private readonly decisions: Map<string, PanelOutcomeDecision> | undefined;
  private readonly passed: Map<string, boolean> | undefined;
  private readonly passedHere: Map<string, boolean> | undefined;
  private readonly outcomeMinutes: number;
  /** This class's slice of the package index, by traineeId. */
  readonly certNumbers: Map<string, CertificateNumber>;
  readonly submissions: Map<string, number>;
  private signInGaps: Map<string, number> | undefined;
  private packages: Map<string, string> | undefined;
  private readonly texts = new Map<RuleId, { title: string; clause: string; quote: string }>();
  /** By MemoSlot.index: that slot's values for this class. */
  private readonly cache: (Map<MemoKey, unknown> | undefined)[] = [];
  /** By MemoSlot.index: the values of slots read through `once`. */
  private readonly single: unknown[] = new Array<unknown>(slotCount).fill(UNSET);
  /** Calendar year of the class's end, the year R-ONE-PER-YEAR counts in. */
  readonly endYear: number;
  /** One bit mask per required deliverable (alternatives OR-ed). */
  readonly outcomeMasks: number[];

  constructor(
    readonly cls: TrainingClass,
    readonly pack: PolicyPack,
    readonly packInForce: boolean,
    readonly index: PackageIndex,
    readonly inputs: PolicyInputs,
    readonly asOf: string,
  ) {
    this.params = pack.programs[cls.program];
    this.sessions = index.sessionsByClass.get(cls.id) ?? [];
    const m: Minutes = { total: 0, recorded: 0, live: 0, offline: 0 };
    for (const s of this.sessions) {
      m.total += s.minutes;
      m[s.mode] += s.minutes;
    }
    this.minutes = m;
    this.unprovenHours = unprovenHours(
      this.sessions,
      index.files,
      pack.minutesPerHour,
      inputs.clipChecks,
    );
    this.countedMinutes = m.total - this.unprovenHours.length * pack.minutesPerHour;
    this.endYear = Number(cls.endDate.slice(0, 4));
    this.outcomeMasks = this.params.outcomeKinds.map((alts) =>
      alts.reduce((acc, k) => acc | KIND_BIT[k], 0),
    );
    this.certNumbers = index.certNumbers.get(cls.id) ?? new Map();
    this.submissions = index.submissions.get(cls.id) ?? new Map();
    this.passed = inputs.outcomePassed;
    this.passedHere = inputs.outcomePassedByClass?.get(cls.id);
    this.decisions = index.panelDecisions.get(cls.id);
    this.outcomeMinutes = this.params.outcomeHours * pack.minutesPerHour;
  }

  /**
   * Loads trainee `id` into `t`. The engine reuses one TraineeState per class because rules
   * read it during the call and never keep it; 80,000 trainees then cost no extra objects.
   */
  loadTrainee(t: TraineeState, id: string): TraineeState {
    const decision = this.decisions?.get(id);
    const local = decision ? decision.passed : (this.passedHere?.get(id) ?? this.passed?.get(id));
    const localSource = decision ? 'panel' : 'input';
    t.id = id;
    t.trainee = this.index.trainees.get(id);
    t.conflict = undefined;
    // A number the platform assigned means the platform recorded a pass (docs/policy-rules.md,
    // reading 4); a local fail against it is a conflict for a person to resolve.
    if (this.certNumbers.has(id)) {
      if (local === false) {
        t.outcome = undefined;
        t.source = undefined;
        t.conflict = decision ? { local: 'panel', decision } : { local: 'input' };
      } else {
        t.outcome = true;
        t.source = 'platform';
      }
    } else {
      t.outcome = local;
      t.source = local === undefined ? undefined : localSource;
    }
    t.creditedMinutes = this.countedMinutes + (t.outcome === true ? this.outcomeMinutes : 0);
    return t;
  }

  /**
   * Offline sessions each enrolled trainee has no face + location sign-in for, by traineeId.
   * Derived here, not handed from one rule to another, so rule order cannot change it.
   */
  get missingSignIns(): ReadonlyMap<string, number> {
    this.signInGaps ??= missingSignIns(this.sessions, this.cls.traineeIds);
    return this.signInGaps;
  }

  /** The class's course-package files by id, with their labels (rules/coursePackage.ts). */
  get recordedPackages(): ReadonlyMap<string, string> {
    this.packages ??= recordedPackages(this);
    return this.packages;
  }

  get program(): ProgramCode {
    return this.cls.program;
  }

  /** Minutes needed for the program's minimum hours. */
  get minMinutes(): number {
    return this.params.minHours * this.pack.minutesPerHour;
  }

  text(id: RuleId): { title: string; clause: string; quote: string } {
    let t = this.texts.get(id);
    if (!t) {
      t = ruleText(this.pack, id, this.cls.program);
      this.texts.set(id, t);
    }
    return t;
  }

  /**
   * Per-class cache of one rule's findings and texts. Trainees that read the same way share one
   * value (a finding without a traineeId sits in each trainee's `reasons`), so `slot.make` runs
   * once per distinct key. Each slot belongs to one rule and has its own map, so two rules (or
   * two kinds of one rule) can never read each other's values. Values are never mutated after
   * `make` returns. The slot's `make` is a module-level function and the key a number, a
   * constant or a string the records already hold: a hit allocates nothing (80,000 trainees ×
   * a dozen calls, see bench/policy.bench.ts).
   */
  memo<A, B, T>(slot: MemoSlot<A, B, T>, key: MemoKey, a: A, b: B): T {
    let byKey = this.cache[slot.index] as Map<MemoKey, T> | undefined;
    if (!byKey) {
      byKey = new Map();
      this.cache[slot.index] = byKey;
    }
    const hit = byKey.get(key);
    if (hit !== undefined || byKey.has(key)) return hit as T;
    const value = slot.make(this, a, b);
    byKey.set(key, value);
    return value;
  }

  /** memo for a slot that holds one value per class: kept without a map. */
  once<T>(slot: MemoSlot<undefined, undefined, T>): T {
    const i = slot.index;
    const single = this.single;
    if (i < single.length && single[i] !== UNSET) return single[i] as T;
    const value = slot.make(this, undefined, undefined);
    // A slot declared after this context was made (tests) grows the list.
    while (single.length <= i) single.push(UNSET);
    single[i] = value;
    return value;
  }

  finding(
    ruleId: RuleId,
    severity: Severity,
    status: FindingStatus,
    message: string,
    facts: string,
    traineeId?: string,
  ): Finding {
    const t = this.text(ruleId);
    const f: Finding = {
      ruleId,
      title: t.title,
      clause: t.clause,
      quote: t.quote,
      severity,
      status,
      message,
      facts,
      classId: this.cls.id,
    };
    if (traineeId !== undefined) f.traineeId = traineeId;
    return f;
  }

  pass(ruleId: RuleId, message: string, facts: string, traineeId?: string): Finding {
    return this.finding(ruleId, 'info', 'pass', message, facts, traineeId);
  }

  pending(ruleId: RuleId, message: string, facts: string, traineeId?: string): Finding {
    return this.finding(ruleId, 'info', 'pending', `待核查：${message}`, facts, traineeId);
  }

  notApplicable(ruleId: RuleId, facts: string): Finding {
    return this.finding(ruleId, 'info', 'not-applicable', '不适用', facts);
  }
}

export interface OrganizerContext {
  organizerId: string;
  pack: PolicyPack;
  classFindings: Finding[];
  inputs: PolicyInputs;
}
