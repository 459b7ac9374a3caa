// Stores a package that main has verified. One transaction over every table it touches, so a
// half import is never visible; local work tables are not in the transaction at all.
import type { VerifiedPackage } from '../../src-shared/ipc/packages';
import type { PackageRecords } from '../../src-shared/bundle/records';
import { packageTables, type WorkstationDb } from './db';
import type { TraineeRow } from './types';

export type ImportOutcome =
  | { kind: 'imported' | 'updated' | 'unchanged'; packageId: string; version: number }
  | { kind: 'refused'; code: 'older-version'; message: string };

function traineeRows(records: PackageRecords, packageId: string): TraineeRow[] {
  const classIds = new Map<string, string[]>();
  for (const c of records.classes) {
    for (const t of c.traineeIds) classIds.set(t, [...(classIds.get(t) ?? []), c.id]);
  }
  return records.trainees.map((t) => ({ ...t, packageId, classIds: classIds.get(t.id) ?? [] }));
}

export async function importVerifiedPackage(
  db: WorkstationDb,
  pkg: VerifiedPackage,
  now: () => string = () => new Date().toISOString(),
): Promise<ImportOutcome> {
  const { manifest } = pkg;
  const packageId = manifest.packageId;
  return db.transaction('rw', [db.packages, ...packageTables.map((t) => db[t])], async () => {
    const existing = await db.packages.get(packageId);
    if (existing && existing.envelopeHash === pkg.envelopeHash) {
      return { kind: 'unchanged', packageId, version: existing.version } as const;
    }
    if (existing && existing.version >= manifest.version) {
      return {
        kind: 'refused',
        code: 'older-version',
        message: `工作包 ${packageId} 的版本 ${manifest.version} 不比已导入的版本 ${existing.version} 新，未导入`,
      } as const;
    }
    if (existing) {
      for (const t of packageTables) await db[t].where('packageId').equals(packageId).delete();
    }
    const r = manifest.records;
    const tag = <T extends object>(rows: T[]) => rows.map((row) => ({ ...row, packageId }));
    await db.organizers.bulkPut(tag(r.organizers));
    await db.classes.bulkPut(tag(r.classes));
    await db.sessions.bulkPut(tag(r.sessions));
    await db.lecturers.bulkPut(tag(r.lecturers));
    await db.trainees.bulkPut(traineeRows(r, packageId));
    await db.submissions.bulkPut(tag(r.submissions));
    await db.experts.bulkPut(tag(r.experts));
    await db.panels.bulkPut(tag(r.panels));
    await db.assignments.bulkPut(tag(r.assignments));
    await db.rubrics.bulkPut(tag(r.rubrics));
    await db.certificateNumbers.bulkPut(tag(r.certificateNumbers));
    await db.files.bulkPut(tag(pkg.files));
    await db.packages.put({
      packageId,
      version: manifest.version,
      envelopeHash: pkg.envelopeHash,
      title: manifest.title,
      issuer: manifest.issuer,
      district: manifest.district,
      createdAt: manifest.createdAt,
      policyPackId: manifest.policyPackId,
      signedBy: pkg.signedBy,
      importedAt: now(),
    });
    return {
      kind: existing ? 'updated' : 'imported',
      packageId,
      version: manifest.version,
    } as const;
  });
}
