// Policy engine throughput: 2,000 classes × 40 trainees. The baseline only loads the records
// (JSON.parse + building id maps, as any consumer must); ours loads and evaluates every rule.
// Goal: evaluation at most doubles the load time.
import type {
  ClassSession,
  PackageRecords,
  Trainee,
  TrainingClass,
} from '../src-shared/records/records';
import { emptyPackageRecords } from '../src-shared/records/records';
import { evaluatePackage } from '../src-shared/policy/engine';
import type { PolicyInputs } from '../src-shared/policy/inputs';
import { compare, resultOf } from './lib/measure';
import type { BenchResult } from './lib/types';

const CLASSES = 2000;
const PER_CLASS = 40;

function day(base: string, n: number): string {
  const t = new Date(`${base}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function generate(): PackageRecords {
  const r: PackageRecords = emptyPackageRecords();
  for (let o = 0; o < 50; o++)
    r.organizers.push({ id: `O${o}`, name: `培训学校${o}`, district: '朝阳区' });
  for (let c = 0; c < CLASSES; c++) {
    const id = `C${c}`;
    const program = (['basic', 'online', 'elite-launch', 'elite-practice'] as const)[c % 4]!;
    const start = day('2024-03-01', c % 500);
    const traineeIds: string[] = [];
    for (let t = 0; t < PER_CLASS; t++) {
      const tid = `${id}T${t}`;
      traineeIds.push(tid);
      const tr: Trainee = {
        id: tid,
        name: `学员${tid}`,
        gender: t % 2 ? 'F' : 'M',
        birthDate: '2001-01-01',
        idNumberMasked: '1101**********0012',
        targetGroup: t % 5 === 0 ? 'registered-unemployed' : 'graduate',
        graduate: {
          school: '北京某大学',
          schoolInBeijing: true,
          beijingOrigin: false,
          level: 'university',
          graduationDate: day(start, -200),
          employed: false,
        },
        unemployedRegisteredAt: day(start, -30),
        business: {
          kind: 'company',
          name: '某公司',
          role: 'legal-rep',
          registeredAt: day(start, -100),
          inBeijing: true,
          smallOrMicro: true,
        },
        history:
          program === 'elite-launch'
            ? [
                {
                  program: 'basic',
                  classId: `H${tid}`,
                  completedAt: day(start, -400),
                  subsidised: true,
                  certificateNumber: `ZS${tid}`,
                },
              ]
            : [],
        practice:
          t % 7 === 0
            ? { licenceIssuedAt: day(start, 60), monthlySales: [], evidenceFileIds: ['E1'] }
            : undefined,
      };
      r.trainees.push(tr);
      if (t % 10 !== 9)
        r.certificateNumbers.push({ traineeId: tid, classId: id, program, number: `N${tid}` });
      r.submissions.push({
        id: `S${tid}`,
        traineeId: tid,
        classId: id,
        kind:
          program === 'basic'
            ? 'business-plan'
            : program === 'online'
              ? 'online-plan'
              : 'commercial-plan',
        title: '计划书',
        fileId: `F${tid}`,
        submittedAt: `${start}T10:00:00+08:00`,
      });
    }
    r.lecturers.push(
      {
        id: `${id}L1`,
        name: '讲师甲',
        certificates: [
          { type: 'beijing-startup-teacher', number: 'A1' },
          { type: 'online-startup-lecturer', number: 'A2' },
        ],
        fullTime: true,
      },
      {
        id: `${id}L2`,
        name: '讲师乙',
        certificates: [
          { type: 'startup-lecturer-training', number: 'B1' },
          { type: 'online-startup-lecturer', number: 'B2' },
        ],
        fullTime: true,
      },
    );
    const cls: TrainingClass = {
      id,
      organizerId: `O${c % 50}`,
      program,
      name: `班级${c}`,
      district: '朝阳区',
      venue: '创业大厦301',
      textbook: program === 'online' ? '网络创业培训教程（电商版）' : 'SYB创业培训教材',
      startDate: start,
      endDate: day(start, 30),
      planApprovedByDistrictAt: day(start, -10),
      planConfirmedByCityAt: day(start, -5),
      lecturerIds: [`${id}L1`, `${id}L2`],
      traineeIds,
      marketTraineeCount: 0,
    };
    r.classes.push(cls);
    for (let s = 0; s < 14; s++) {
      const mode = (['live', 'recorded', 'offline'] as const)[s % 3]!;
      const session: ClassSession = {
        id: `${id}S${s}`,
        classId: id,
        date: day(start, s),
        startTime: '09:00',
        mode,
        minutes: 180,
        title: `第${s + 1}讲`,
        lecturerIds: mode === 'recorded' ? [] : [`${id}L1`, `${id}L2`],
        venue: mode === 'offline' ? '创业大厦301' : undefined,
        videoFileIds: [`${id}V${s}`],
        clipFileIds:
          mode === 'offline' ? [`${id}K${s}a`, `${id}K${s}b`, `${id}K${s}c`, `${id}K${s}d`] : [],
        signIns:
          mode === 'offline'
            ? traineeIds.map((tid) => ({
                traineeId: tid,
                at: `${day(start, s)}T08:55:00+08:00`,
                face: true,
                located: tid.length % 2 === 0,
              }))
            : [],
        videoHeight: mode === 'live' ? 720 : undefined,
      };
      r.sessions.push(session);
    }
  }
  return r;
}

function inputsFor(r: PackageRecords): PolicyInputs {
  const outcomePassed = new Map<string, boolean>();
  for (const t of r.trainees) outcomePassed.set(t.id, t.id.length % 3 !== 0);
  return { outcomePassed, liveSampleMinutes: new Map(r.classes.map((c) => [c.id, 60])) };
}

/**
 * What every consumer of a package pays before doing anything: parse it and index each record
 * kind by id (certificate numbers by trainee), without validation.
 */
export function load(json: string): PackageRecords {
  const r = JSON.parse(json) as PackageRecords;
  const byId = <T extends { id: string }>(list: T[]): Map<string, T> => {
    const m = new Map<string, T>();
    for (const x of list) m.set(x.id, x);
    return m;
  };
  byId(r.organizers);
  byId(r.classes);
  byId(r.sessions);
  byId(r.lecturers);
  byId(r.trainees);
  byId(r.submissions);
  const certs = new Map<string, unknown>();
  for (const c of r.certificateNumbers) certs.set(c.traineeId, c);
  return r;
}

export function prepare(): { json: string; inputs: PolicyInputs } {
  const records = generate();
  return { json: JSON.stringify(records), inputs: inputsFor(records) };
}

export default {
  name: 'policy',
  goal: 2,
  async run(): Promise<BenchResult> {
    // Only the serialized form and the inputs stay alive, so both paths start from the same heap.
    const { json, inputs } = prepare();
    let findings = 0;
    let yuan = 0;
    const result = await compare(
      () => {
        const res = evaluatePackage(load(json), { asOf: '2025-12-01', inputs });
        findings = res.classes.reduce(
          (s, c) =>
            s +
            c.trainees.reduce((a, t) => a + t.reasons.length, 0) +
            Object.values(c.findings).flat().length,
          0,
        );
        yuan = res.totals.totalYuan;
      },
      () => load(json),
    );
    const trainees = CLASSES * PER_CLASS;
    return {
      ...resultOf(result),
      details: {
        classes: CLASSES,
        trainees,
        jsonMB: Math.round(json.length / 1e5) / 10,
        findings,
        totalYuan: yuan,
        'load trainees/s': Math.round(trainees / (result.baseline.median / 1000)),
        'load+evaluate trainees/s': Math.round(trainees / (result.ours.median / 1000)),
      },
    };
  },
};
