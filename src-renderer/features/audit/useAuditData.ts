// Everything the 视频抽查 screen shows, live from Dexie: the package's classes, sessions and
// files, and the auditor's plans, findings, verdicts and watched ledger.
import { useLiveQuery } from 'dexie-react-hooks';
import {
  latestPlans,
  storedFindings,
  storedVerdicts,
  type StoredFinding,
  type StoredPlan,
  type StoredVerdict,
} from '../../db/auditWork';
import { pickPackage } from '../../db/checkInput';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import { packsWithShipped } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import type { WorkstationDb } from '../../db/db';
import type {
  ClassRow,
  FileRow,
  PackageRow,
  SessionRow,
  TraineeRow,
  WatchLedgerRow,
} from '../../db/types';

export interface AuditData {
  pkg: PackageRow;
  /** The policy packs this package is read under (built in and shipped), for rule names. */
  packs: PolicyPack[];
  classes: ClassRow[];
  sessions: SessionRow[];
  files: FileRow[];
  /** The package's trainees, for the rosters of offline sign-ins. */
  trainees: Pick<TraineeRow, 'id' | 'name'>[];
  plans: StoredPlan[];
  findings: StoredFinding[];
  verdicts: StoredVerdict[];
  ledgers: Map<string, WatchLedgerRow>;
}

export function useAuditData(db: WorkstationDb): AuditData | null | undefined {
  return useLiveQuery(async () => {
    const pkg = await pickPackage(db);
    if (!pkg) return null;
    const id = pkg.packageId;
    const [classes, sessions, files, trainees, plans, findings, verdicts, ledgerRows] =
      await Promise.all([
        db.classes.where('packageId').equals(id).toArray(),
        db.sessions.where('packageId').equals(id).toArray(),
        db.files.where('packageId').equals(id).toArray(),
        db.trainees.where('packageId').equals(id).toArray(),
        latestPlans(db, id),
        storedFindings(db, id),
        storedVerdicts(db, id),
        db.watchLedger.toArray(),
      ]);
    classes.sort((a, b) => a.id.localeCompare(b.id));
    sessions.sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
    return {
      pkg,
      packs: packsWithShipped(pkg.policyPacks),
      classes,
      sessions,
      files,
      trainees: trainees.map((x) => ({ id: x.id, name: x.name })),
      plans,
      findings,
      verdicts,
      ledgers: new Map(ledgerRows.map((l) => [l.fileId, l])),
    };
  }, [db]);
}
