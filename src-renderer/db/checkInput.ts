// The engine's input from Dexie: one package's rows, stripped back to the platform records
// they were stored from. The engine is pure; this is the only place that knows tables.
import type { PackageFile, PackageRecords } from '../../src-shared/records/records';
import type { PanelOutcomeDecision, PolicyInputs } from '../../src-shared/policy/inputs';
import type { PolicyPack } from '../../src-shared/policy/pack';
import { packsWithShipped } from '../../src-shared/policy/pack-jrsnf-2023-25';
import type { WorkstationDb } from './db';
import type { PackageRow } from './types';
import { panelOutcomes } from './panelOutcomes';
import { auditTables, loadAuditState } from './auditWork';
import { auditPolicyInputs, mergeInputs } from '../../src-shared/audit/policyInputs';

function outcomeKey(decisions: readonly PanelOutcomeDecision[]): string {
  return decisions
    .map((d) => `${d.classId}/${d.traineeId}=${d.passed ? 1 : 0}@${d.decidedAt}`)
    .sort()
    .join(',');
}

export interface CheckInput {
  pkg: PackageRow;
  records: PackageRecords;
  files: PackageFile[];
  /** What people entered locally: panel decisions (outcomes) and the auditor's work (视频抽查). */
  inputs: PolicyInputs;
  /** Built-in packs plus those the package shipped (a shipped pack replaces a same-id one). */
  packs: PolicyPack[];
  /** Identifies this exact data: a new package version or another package changes it. */
  key: string;
}

/** Drops what the workstation added to a stored record (packageId, the trainee's classIds). */
function strip<T extends { packageId: string }>(row: T): Omit<T, 'packageId'> {
  const { packageId: _packageId, ...rest } = row;
  return rest;
}

/** The package whose classes the screen checks: the last one imported, unless one is chosen. */
export async function pickPackage(
  db: WorkstationDb,
  packageId?: string,
): Promise<PackageRow | undefined> {
  if (packageId) {
    const chosen = await db.packages.get(packageId);
    if (chosen) return chosen;
  }
  return db.packages.orderBy('importedAt').last();
}

export async function loadCheckInput(
  db: WorkstationDb,
  packageId?: string,
): Promise<CheckInput | undefined> {
  const tables = [
    db.packages,
    db.organizers,
    db.classes,
    db.sessions,
    db.lecturers,
    db.trainees,
    db.submissions,
    db.certificateNumbers,
    db.files,
    db.panelDecisions,
    ...auditTables(db),
  ];
  // One read transaction: an import running meanwhile is seen entirely or not at all.
  return db.transaction('r', tables, async () => {
    const pkg = await pickPackage(db, packageId);
    if (!pkg) return undefined;
    const id = pkg.packageId;
    const [organizers, classes, sessions, lecturers, trainees, submissions, certs, files] =
      await Promise.all([
        db.organizers.where('packageId').equals(id).toArray(),
        db.classes.where('packageId').equals(id).toArray(),
        db.sessions.where('packageId').equals(id).toArray(),
        db.lecturers.where('packageId').equals(id).toArray(),
        db.trainees.where('packageId').equals(id).toArray(),
        db.submissions.where('packageId').equals(id).toArray(),
        db.certificateNumbers.where('packageId').equals(id).toArray(),
        db.files.where('packageId').equals(id).toArray(),
      ]);
    // Keep the platform's order (classes by id) so results read the same on every machine.
    classes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const records: PackageRecords = {
      organizers: organizers.map(strip),
      classes: classes.map(strip),
      sessions: sessions.map(strip),
      lecturers: lecturers.map(strip),
      trainees: trainees.map(({ classIds: _classIds, ...t }) => strip(t)),
      submissions: submissions.map(strip),
      // Review records are not policy input: experts, panels, assignments and rubrics stay out.
      experts: [],
      panels: [],
      assignments: [],
      rubrics: [],
      certificateNumbers: certs.map(strip),
    };
    const packs = packsWithShipped(pkg.policyPacks);
    const panelDecisions = await panelOutcomes(db, records, packs);
    const audit = await loadAuditState(db, id);
    return {
      pkg,
      records,
      files: files.map(({ location: _location, ...f }) => strip(f)),
      inputs: mergeInputs(
        panelDecisions.length > 0 ? { panelDecisions } : {},
        auditPolicyInputs(audit.state, records),
      ),
      packs,
      // Decisions and audit work change the findings, so they are part of what identifies this input.
      key: `${pkg.packageId}@${pkg.version}:${pkg.envelopeHash}:${outcomeKey(panelDecisions)}:${audit.key}`,
    };
  });
}
