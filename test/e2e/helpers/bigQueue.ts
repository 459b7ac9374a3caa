// A signed work package (demo key) whose one expert, 队列专家, has `n` assignments: the queue at
// panel scale, for the queue benchmark (bench/queue.bench.ts). Trainees sit in classes of 50
// across several organizers and the three programs, names are drawn from common surnames and
// given names (so a one-character search keeps a few percent), due dates spread over a month.
// Every submission points at the factory's one small file: what such a package makes big is its
// records, and a package may hold at most 20,000 entries. `queueExpected` gives the rows the
// screen must show for a view, from the same records through the plain reference viewQueue.
import type { ProgramCode, WorkPackageManifest } from '../../../src-shared/records/records';
import {
  viewQueue,
  type QueueItem,
  type QueueView,
} from '../../../src-renderer/features/review/queue';
import { writeSignedPackage } from './packages';

export const QUEUE_EXPERT = '队列专家';
const EXPERT_ID = 'EXP-QUEUE';
const CLASS_SIZE = 50;
const ORGANIZERS = 13;
const PROGRAMS: ProgramCode[] = ['basic', 'basic', 'online', 'elite-launch'];
const KIND = {
  basic: 'business-plan',
  online: 'online-plan',
  'elite-launch': 'commercial-plan',
  'elite-practice': 'strategy-plan',
} as const;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '嘉芳一瑶翼辉春晓帅勇振明涛丽萍秀英华';

const pad = (i: number) => String(i).padStart(6, '0');

function fill(m: WorkPackageManifest, n: number): void {
  const r = m.records;
  const template = r.classes[0];
  const file = r.submissions[0]?.fileId;
  if (!template || !file) throw new Error('the factory manifest has no class or file to copy');
  m.files = m.files.filter((f) => f.id === file);
  r.organizers = Array.from({ length: ORGANIZERS }, (_, o) => ({
    id: `ORG-Q${o + 1}`,
    name: `启航培训机构第${o + 1}分校`,
    district: '海淀区',
  }));
  r.experts = [{ id: EXPERT_ID, name: QUEUE_EXPERT }];
  r.panels = [{ id: 'PNL-Q', name: '队列评审组', chairId: EXPERT_ID, expertIds: [EXPERT_ID] }];
  r.classes = [];
  r.trainees = [];
  r.submissions = [];
  r.assignments = [];
  for (let c = 0; c * CLASS_SIZE < n; c++) {
    const program = PROGRAMS[c % PROGRAMS.length]!;
    const classId = `CLS-Q${pad(c)}`;
    const traineeIds: string[] = [];
    for (let i = c * CLASS_SIZE; i < Math.min(n, (c + 1) * CLASS_SIZE); i++) {
      const traineeId = `TRN-Q${pad(i)}`;
      traineeIds.push(traineeId);
      r.trainees.push({
        id: traineeId,
        name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
        gender: i % 2 ? 'F' : 'M',
        birthDate: '1998-05-01',
        idNumberMasked: '1101********0011',
        targetGroup: 'graduate',
        history: [],
      });
      r.submissions.push({
        id: `SUB-Q${pad(i)}`,
        traineeId,
        classId,
        kind: KIND[program],
        title: `创业计划书第${i}号`,
        fileId: file,
        submittedAt: '2026-02-20T18:00:00+08:00',
      });
      r.assignments.push({
        id: `ASG-Q${pad(i)}`,
        submissionId: `SUB-Q${pad(i)}`,
        panelId: 'PNL-Q',
        expertId: EXPERT_ID,
        dueAt: `2026-04-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
      });
    }
    r.classes.push({
      ...template,
      id: classId,
      organizerId: `ORG-Q${(c % ORGANIZERS) + 1}`,
      program,
      name: `创业启航${program === 'basic' ? '基础' : program === 'online' ? '网络' : '精英'}班第${c + 1}期`,
      traineeIds,
    });
  }
}

export interface QueuePackage {
  path: string;
  manifest: WorkPackageManifest;
}

/** Writes the package of `n` assignments to `outPath`. */
export async function writeQueuePackage(
  outPath: string,
  n: number,
  packageId = `PKG-2026-QUEUE-${n}`,
): Promise<QueuePackage> {
  const fixture = await writeSignedPackage(
    outPath,
    { classes: 1, traineesPerClass: 1, packageId },
    undefined,
    (m) => fill(m, n),
  );
  return { path: outPath, manifest: fixture.manifest };
}

/** The queue's items as the screen builds them (loadQueue) for a fresh profile: all 待评审. */
export function queueItemsOf(m: WorkPackageManifest): QueueItem[] {
  const r = m.records;
  const submissions = new Map(r.submissions.map((s) => [s.id, s]));
  const trainees = new Map(r.trainees.map((t) => [t.id, t]));
  const classes = new Map(r.classes.map((c) => [c.id, c]));
  const organizers = new Map(r.organizers.map((o) => [o.id, o]));
  return r.assignments.map((a): QueueItem => {
    const s = submissions.get(a.submissionId)!;
    const k = classes.get(s.classId)!;
    return {
      assignment: { ...a, packageId: m.packageId },
      submission: { ...s, packageId: m.packageId },
      traineeName: trainees.get(s.traineeId)!.name,
      className: k.name,
      program: k.program,
      organizerId: k.organizerId,
      organizerName: organizers.get(k.organizerId)!.name,
      traineeId: s.traineeId,
      state: 'todo',
      hasDraft: false,
      latest: null,
      versions: 0,
    };
  });
}

/** What the list must show for a view: its row count and the ids of its first `first` rows. */
export function queueExpected(
  items: readonly QueueItem[],
  view: QueueView,
  first = 60,
): { count: number; ids: string[] } {
  const rows = viewQueue(items, view);
  return { count: rows.length, ids: rows.slice(0, first).map((i) => i.assignment.id) };
}
