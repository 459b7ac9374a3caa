// The panel decisions stored on this workstation, as the engine's panel-decision input
// (R-OUTCOME-HOURS, R-CERT-PASSED): without a decision a trainee's outcome stays 待核查, and a
// decision that disagrees with a platform certificate number is shown as a conflict.
import type { PackageRecords } from '../../src-shared/records/records';
import { decisionsInForce, type PanelDecision } from '../../src-shared/panel/decision';
import { outcomesFromDecisions } from '../../src-shared/panel/outcome';
import type { PanelOutcomeDecision } from '../../src-shared/policy/inputs';
import type { PolicyPack } from '../../src-shared/policy/pack';
import { selectPack } from '../../src-shared/policy/pack';
import type { WorkstationDb } from './db';

export async function panelOutcomes(
  db: WorkstationDb,
  records: Pick<PackageRecords, 'classes' | 'submissions'>,
  packs: readonly PolicyPack[],
): Promise<PanelOutcomeDecision[]> {
  const ids = records.submissions.map((s) => s.id);
  if (ids.length === 0 || packs.length === 0) return [];
  const rows = (await db.panelDecisions
    .where('submissionId')
    .anyOf(ids)
    .toArray()) as unknown[] as PanelDecision[];
  const classes = new Map(records.classes.map((c) => [c.id, c]));
  const inForce = decisionsInForce(rows);
  const outcomes = outcomesFromDecisions(
    inForce,
    records.submissions,
    (classId) => classes.get(classId)?.program,
    (program) => {
      // The pack in force when the class started says which parts its outcome has.
      const cls = records.classes.find((c) => c.program === program);
      return selectPack(packs, cls?.startDate ?? '9999-12-31').pack.programs[program].outcomeKinds;
    },
  );
  // The latest decision on any of a trainee's parts dates the outcome and names its record.
  const latest = new Map<string, PanelDecision>();
  for (const sub of records.submissions) {
    const d = inForce.get(sub.id);
    const key = `${sub.classId}\u0000${sub.traineeId}`;
    const seen = latest.get(key);
    if (d && (!seen || seen.createdAt < d.createdAt)) latest.set(key, d);
  }
  return [...outcomes].flatMap(([classId, trainees]) =>
    [...trainees].map(([traineeId, passed]) => {
      const d = latest.get(`${classId}\u0000${traineeId}`);
      return { classId, traineeId, passed, decidedAt: d?.createdAt ?? '', recordId: d?.id };
    }),
  );
}
