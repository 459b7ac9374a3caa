// Panel statistics for 5,000 submissions × 3 experts: per-submission statistics and flags,
// leniency, and Krippendorff's alpha per panel and per rubric (summarizePanel), on top of
// loading the panel's records from IndexedDB (loadPanelInput). The baseline only loads the
// same records. Goal: the statistics at most double the load. IndexedDB is fake-indexeddb in
// Node here, slower than Chromium's, so the ratio is a floor-ish estimate, not the UI's.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { WorkstationDb } from '../src-renderer/db/db';
import { loadPanelInput } from '../src-renderer/features/panel/panelStore';
import { summarizePanel } from '../src-shared/panel/summary';
import { compare, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const SUBMISSIONS = Number(process.env.PANEL_BENCH_SUBMISSIONS ?? 5000);
const EXPERTS = 3;
const RUNS = Number(process.env.PANEL_BENCH_RUNS ?? 15);
const PKG = 'bench-pkg';

export async function seedForBench(db: WorkstationDb): Promise<void> {
  const criteria = ['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, label: id, maxScore: 25 }));
  await db.rubrics.add({
    packageId: PKG,
    id: 'rub',
    program: 'basic',
    submissionKind: 'business-plan',
    title: '创业计划书评审标准',
    passScore: 60,
    criteria,
  });
  await db.classes.add({
    packageId: PKG,
    id: 'C',
    organizerId: 'O',
    program: 'basic',
    name: '班',
    district: '海淀区',
    venue: '海淀',
    startDate: '2025-03-01',
    endDate: '2025-03-20',
    lecturerIds: [],
    traineeIds: [],
    marketTraineeCount: 0,
  });
  const experts = Array.from({ length: EXPERTS + 1 }, (_, e) => ({
    packageId: PKG,
    id: `exp-${e}`,
    name: `专家${e}`,
  }));
  await db.experts.bulkAdd(experts);
  await db.panels.add({
    packageId: PKG,
    id: 'panel',
    name: '评审组',
    chairId: 'exp-0',
    expertIds: experts.map((e) => e.id),
  });
  const subs = [];
  const assignments = [];
  const records = [];
  for (let s = 0; s < SUBMISSIONS; s++) {
    const sid = `sub-${s}`;
    subs.push({
      packageId: PKG,
      id: sid,
      traineeId: `t-${s}`,
      classId: 'C',
      kind: 'business-plan' as const,
      title: `计划书 ${s}`,
      fileId: `f-${s}`,
      submittedAt: '2025-03-21T10:00:00+08:00',
    });
    for (let e = 1; e <= EXPERTS; e++) {
      const aid = `asg-${s}-${e}`;
      assignments.push({
        packageId: PKG,
        id: aid,
        submissionId: sid,
        panelId: 'panel',
        expertId: `exp-${e}`,
      });
      // Experts mostly agree (a few points apart); every 20th submission splits widely.
      const base =
        52 + ((s * 7919) % 40) + ((s * 31 + e * 17) % 7) + (s % 20 === 0 && e === 1 ? 20 : 0);
      const scores = criteria.map((c, i) => ({
        criterionId: c.id,
        score: Math.min(25, Math.round((base / 4 + i - 1.5) * 2) / 2),
      }));
      const total = scores.reduce((x, y) => x + y.score, 0);
      records.push({
        id: `rv-${s}-${e}`,
        kind: 'review' as const,
        assignmentId: aid,
        submissionId: sid,
        expertId: `exp-${e}`,
        bundleId: `b-${e}`,
        bundleHash: 'a'.repeat(64),
        importedAt: '2025-07-01T00:00:00Z',
        record: {
          id: `rv-${s}-${e}`,
          assignmentId: aid,
          submissionId: sid,
          expertId: `exp-${e}`,
          profileId: `p-${e}`,
          rubricId: 'rub',
          scores,
          total,
          verdict: total >= 60 ? 'pass' : 'fail',
          comment: '评审意见内容',
          noConflict: true,
          createdAt: '2025-07-01T10:00:00+08:00',
        },
      });
    }
  }
  await db.submissions.bulkAdd(subs);
  await db.assignments.bulkAdd(assignments);
  await db.panelRecords.bulkAdd(records);
}

const bench: Benchmark = {
  name: 'panel',
  goal: 2,
  async run() {
    const db = new WorkstationDb('bench-panel');
    await db.open();
    try {
      await seedForBench(db);
      const panel = (await db.panels.get('panel'))!;
      let flagged = 0;
      let alpha: number | null = null;
      const r = await compare(
        async () => {
          const summary = summarizePanel(await loadPanelInput(db, panel));
          flagged = summary.submissions.filter((s) => s.stats.disagreement.length > 0).length;
          alpha = summary.alpha.interval;
        },
        () => loadPanelInput(db, panel),
        { runs: RUNS, warmup: 1 },
      );
      return {
        ...resultOf(r),
        details: {
          submissions: SUBMISSIONS,
          reviews: SUBMISSIONS * EXPERTS,
          flagged,
          'alpha (interval)': alpha === null ? 'undefined' : (alpha as number).toFixed(3),
        },
      };
    } finally {
      db.close();
      await Dexie.delete('bench-panel');
    }
  },
};

export default bench;
