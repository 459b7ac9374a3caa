// The panel decisions stored on this workstation, as the outcome input the policy engine
// reads (R-OUTCOME-HOURS, R-CERT-PASSED): without a decision a trainee's outcome stays 待核查.
import type { PackageRecords } from '../../../src-shared/bundle/records';
import { decisionsInForce, type PanelDecision } from '../../../src-shared/panel/decision';
import { outcomesFromDecisions } from '../../../src-shared/panel/outcome';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import { selectPack } from '../../../src-shared/policy/pack';
import type { WorkstationDb } from '../../db/db';

export async function panelOutcomes(
  db: WorkstationDb,
  records: Pick<PackageRecords, 'classes' | 'submissions'>,
  packs: readonly PolicyPack[],
): Promise<Map<string, Map<string, boolean>>> {
  const ids = records.submissions.map((s) => s.id);
  if (ids.length === 0 || packs.length === 0) return new Map();
  const rows = (await db.panelDecisions
    .where('submissionId')
    .anyOf(ids)
    .toArray()) as unknown[] as PanelDecision[];
  const classes = new Map(records.classes.map((c) => [c.id, c]));
  return outcomesFromDecisions(
    decisionsInForce(rows),
    records.submissions,
    (classId) => classes.get(classId)?.program,
    (program) => {
      // The pack in force when the class started says which parts its outcome has.
      const cls = records.classes.find((c) => c.program === program);
      return selectPack(packs, cls?.startDate ?? '9999-12-31').pack.programs[program].outcomeKinds;
    },
  );
}
