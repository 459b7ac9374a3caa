// Small builders for policy tests: a valid basic class of 40 eligible graduates with 56 hours,
// two qualified lecturers and complete supervision records, changed by overrides.
import type {
  ClassSession,
  Lecturer,
  PackageFile,
  PackageRecords,
  ProgramCode,
  SessionMode,
  Trainee,
  TrainingClass,
} from '../../../src-shared/records/records';
import { emptyPackageRecords } from '../../../src-shared/records/records';
import {
  evaluatePackage,
  type ClassResult,
  type PackageEvaluation,
} from '../../../src-shared/policy/engine';
import type { Finding } from '../../../src-shared/policy/findings';
import type { PolicyInputs } from '../../../src-shared/policy/inputs';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import type { RuleId } from '../../../src-shared/policy/ruleIds';

export interface ClassSpec {
  id?: string;
  organizerId?: string;
  program?: ProgramCode;
  trainees?: number;
  marketTrainees?: number;
  startDate?: string;
  endDate?: string;
  district?: string;
  venue?: string;
  textbook?: string;
  /** Minutes per mode; default 56 hours = 20 live + 20 recorded + 16 offline. */
  minutes?: Partial<Record<SessionMode, number>>;
  planApprovedByDistrictAt?: string | null;
  planConfirmedByCityAt?: string | null;
  lecturers?: Partial<Lecturer>[];
  trainee?: (i: number) => Partial<Trainee>;
  session?: (s: ClassSession) => Partial<ClassSession>;
}

const H = 45;

export const DEFAULT_MINUTES: Record<SessionMode, number> = {
  live: 20 * H,
  recorded: 20 * H,
  offline: 16 * H,
};

const TEXTBOOK: Record<ProgramCode, string | undefined> = {
  basic: 'SYB创业培训教材',
  online: '网络创业培训教程（电商版）',
  'elite-launch': undefined,
  'elite-practice': undefined,
};

const LECTURER_CERT: Record<ProgramCode, Lecturer['certificates'][number]['type'] | undefined> = {
  basic: 'beijing-startup-teacher',
  online: 'online-startup-lecturer',
  'elite-launch': undefined,
  'elite-practice': undefined,
};

export function makeTrainee(id: string, over: Partial<Trainee> = {}): Trainee {
  return {
    id,
    name: `学员${id}`,
    gender: 'F',
    birthDate: '2002-05-01',
    idNumberMasked: '1101**********0012',
    targetGroup: 'graduate',
    graduate: {
      school: '北京某大学',
      schoolInBeijing: true,
      beijingOrigin: false,
      level: 'university',
      graduationDate: '2025-07-01',
      employed: false,
    },
    history: [],
    ...over,
  };
}

/** A package holding one class (and everything it references). */
export function makeClass(spec: ClassSpec = {}): PackageRecords & { files: PackageFile[] } {
  const program = spec.program ?? 'basic';
  const id = spec.id ?? 'C1';
  const n = spec.trainees ?? 40;
  const startDate = spec.startDate ?? '2025-10-10';
  const endDate = spec.endDate ?? '2025-11-20';
  const venue = spec.venue ?? '朝阳区创业大厦 301';
  const traineeIds = Array.from({ length: n }, (_, i) => `${id}-T${i + 1}`);
  const cert = LECTURER_CERT[program];
  const lecturers: Lecturer[] = (spec.lecturers ?? [{}, {}]).map((l, i) => ({
    id: `${id}-L${i + 1}`,
    name: `讲师${i + 1}`,
    certificates: cert ? [{ type: cert, number: `JS-${i + 1}` }] : [],
    fullTime: true,
    ...l,
  }));
  const minutes = {
    ...DEFAULT_MINUTES,
    ...(program.startsWith('elite') && !spec.minutes
      ? { live: 14 * H, recorded: 14 * H, offline: 12 * H }
      : {}),
    ...spec.minutes,
  };
  const sessions: ClassSession[] = [];
  const files: PackageFile[] = [];
  const file = (fid: string, kind: PackageFile['kind'], durationSeconds: number): string => {
    files.push({
      id: fid,
      path: `media/${fid}`,
      size: 1,
      sha256: '0'.repeat(64),
      mediaType: 'video/mp4',
      kind,
      external: true,
      durationSeconds,
    });
    return fid;
  };
  let day = 0;
  for (const mode of ['live', 'recorded', 'offline'] as const) {
    let left = minutes[mode];
    let k = 0;
    while (left > 0) {
      const m = Math.min(left, 4 * H);
      left -= m;
      k++;
      const sid = `${id}-${mode}-${k}`;
      const date = addDaysSimple(startDate, day++);
      const s: ClassSession = {
        id: sid,
        classId: id,
        date,
        startTime: '09:00',
        mode,
        minutes: m,
        title: `${mode} ${k}`,
        lecturerIds: mode === 'recorded' ? [] : lecturers.map((l) => l.id),
        videoFileIds: [file(`${sid}-v`, mode === 'recorded' ? 'course-package' : 'video', m * 60)],
        clipFileIds:
          mode === 'offline'
            ? Array.from({ length: Math.floor(m / H) }, (_, c) =>
                file(`${sid}-c${c + 1}`, 'clip', 10),
              )
            : [],
        signIns:
          mode === 'offline'
            ? traineeIds.map((t) => ({
                traineeId: t,
                at: `${date}T08:55:00+08:00`,
                face: true,
                located: true,
              }))
            : [],
        ...(mode === 'live' ? { videoHeight: 720 } : {}),
        ...(mode === 'offline' ? { venue } : {}),
      };
      sessions.push({ ...s, ...spec.session?.(s) });
    }
  }
  const cls: TrainingClass = {
    id,
    organizerId: spec.organizerId ?? 'ORG1',
    program,
    name: `${id} 班`,
    district: spec.district ?? '朝阳区',
    venue,
    textbook: spec.textbook ?? TEXTBOOK[program],
    startDate,
    endDate,
    planApprovedByDistrictAt:
      spec.planApprovedByDistrictAt === null
        ? undefined
        : (spec.planApprovedByDistrictAt ?? addDaysSimple(startDate, -10)),
    planConfirmedByCityAt:
      spec.planConfirmedByCityAt === null
        ? undefined
        : (spec.planConfirmedByCityAt ?? addDaysSimple(startDate, -5)),
    lecturerIds: lecturers.map((l) => l.id),
    traineeIds,
    marketTraineeCount: spec.marketTrainees ?? 0,
  };
  return {
    organizers: [{ id: cls.organizerId, name: '某培训学校', district: cls.district }],
    classes: [cls],
    sessions,
    lecturers,
    trainees: traineeIds.map((t, i) => makeTrainee(t, spec.trainee?.(i))),
    submissions: [],
    experts: [],
    panels: [],
    assignments: [],
    rubrics: [],
    certificateNumbers: [],
    files,
  };
}

/** Several one-class packages as one package. */
export function merge(
  ...parts: (PackageRecords & { files: PackageFile[] })[]
): PackageRecords & { files: PackageFile[] } {
  const out = makeEmpty();
  for (const p of parts) {
    for (const k of Object.keys(out) as (keyof typeof out)[])
      (out[k] as unknown[]).push(...(p[k] as unknown[]));
  }
  out.organizers = [...new Map(out.organizers.map((o) => [o.id, o])).values()];
  return out;
}

function makeEmpty(): PackageRecords & { files: PackageFile[] } {
  return { ...emptyPackageRecords(), files: [] };
}

function addDaysSimple(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Review results, submissions and certificate numbers as if every trainee passed. */
export function withOutcomes(
  records: PackageRecords,
  passed: boolean | ((traineeId: string) => boolean | undefined) = true,
  numbers = true,
): PolicyInputs['outcomePassed'] {
  const m = new Map<string, boolean>();
  for (const c of records.classes) {
    const kinds = KINDS[c.program];
    for (const t of c.traineeIds) {
      const v = typeof passed === 'function' ? passed(t) : passed;
      if (v === undefined) continue;
      m.set(t, v);
      for (const kind of kinds) {
        records.submissions.push({
          id: `${t}-${kind}`,
          traineeId: t,
          classId: c.id,
          kind,
          title: kind,
          fileId: `${t}-${kind}-f`,
          submittedAt: `${c.endDate}T10:00:00+08:00`,
        });
      }
      if (v && numbers)
        records.certificateNumbers.push({
          traineeId: t,
          classId: c.id,
          program: c.program,
          number: `ZS-${c.id}-${t}`,
        });
    }
  }
  return m;
}

const KINDS: Record<
  ProgramCode,
  ('business-plan' | 'online-portfolio' | 'online-plan' | 'commercial-plan')[]
> = {
  basic: ['business-plan'],
  online: ['online-portfolio', 'online-plan'],
  'elite-launch': ['commercial-plan'],
  'elite-practice': ['commercial-plan'],
};

/** Auditor inputs with every supervision check done and clean. */
export function cleanAudit(
  records: PackageRecords & { files: PackageFile[] },
  outcomePassed = withOutcomes(records),
): PolicyInputs {
  const byClass = <V>(v: V) => new Map(records.classes.map((c) => [c.id, v]));
  const live = new Map(
    records.classes.map((c) => [
      c.id,
      records.sessions
        .filter((s) => s.classId === c.id && s.mode === 'live')
        .reduce((a, s) => a + s.minutes, 0),
    ]),
  );
  return {
    outcomePassed,
    liveSampleMinutes: new Map([...live].map(([k, v]) => [k, Math.ceil(v * 0.1)])),
    liveScreening: byClass({ screened: true, openAlerts: 0 }),
    recordedChecks: byClass({ spotChecks: 5, transmitted: true }),
    clipChecks: new Map(records.files.filter((f) => f.kind === 'clip').map((f) => [f.id, true])),
    videoRetention: byClass(true),
    exitReviews: new Map(records.organizers.map((o) => [o.id, []])),
    // Every file attached and its duration measured; the factory's files play what they state.
    measuredSeconds: new Map(
      records.files.flatMap((f) =>
        f.durationSeconds === undefined ? [] : [[f.id, f.durationSeconds] as [string, number]],
      ),
    ),
    coursePackages: records.files
      .filter((f) => f.kind === 'course-package')
      .map((f) => ({
        fileId: f.id,
        hasIntroduction: true,
        hasDirectory: true,
        hasResources: true,
        matchesPlan: true,
        copyrightProof: true,
        contentIssues: [],
        avIssues: [],
      })),
  };
}

export const AS_OF = '2025-12-01';

export function evaluate(
  records: PackageRecords & { files?: PackageFile[] },
  inputs: PolicyInputs = {},
  asOf = AS_OF,
): PackageEvaluation {
  return evaluatePackage(records, { asOf, inputs, files: records.files });
}

export function evaluateOne(
  records: PackageRecords & { files?: PackageFile[] },
  inputs: PolicyInputs = {},
  asOf = AS_OF,
): ClassResult {
  return evaluate(records, inputs, asOf).classes[0]!;
}

/** Class-level findings of one rule. */
export function classFindings(r: ClassResult, id: RuleId): Finding[] {
  return Object.values(r.findings)
    .flat()
    .filter((f) => f.ruleId === id);
}

/** The single class-level finding of a rule that yields exactly one. */
export function classFinding(r: ClassResult, id: RuleId): Finding {
  const list = classFindings(r, id);
  if (list.length !== 1) throw new Error(`expected one ${id} finding, got ${list.length}`);
  return list[0]!;
}

export function traineeFinding(r: ClassResult, id: RuleId, index = 0): Finding | undefined {
  return r.trainees[index]!.reasons.find((f) => f.ruleId === id);
}

/** One class judged with an explicit list of policy packs. */
export function evaluatePackageWith(
  records: PackageRecords & { files: PackageFile[] },
  packs: PolicyPack[],
): ClassResult {
  return evaluatePackage(records, { asOf: AS_OF, packs, files: records.files }).classes[0]!;
}
