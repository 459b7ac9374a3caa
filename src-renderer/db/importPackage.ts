// Stores a package that main has verified. What to do is decided by planImport (shared with
// main, so both agree on "same", "newer", "older" and "conflicting"); the write is one
// transaction over every platform table, so a half import is never visible and a failure
// leaves the database exactly as it was. Local work tables are not in the transaction at all,
// so an update cannot touch reviews, decisions, findings, certificates or the audit log.
//
// A big package (200,000 trainees) must not freeze the window: one bulkPut clones every row in
// a single task (5.5 s once). Rows are written in chunks, and between chunks the page gets a
// macrotask to paint and handle input, while Dexie.waitFor keeps the one transaction alive
// across that pause, so the write stays all or nothing.
import type { VerifiedPackage } from '../../src-shared/ipc/packages';
import type { PackageRecords } from '../../src-shared/bundle/records';
import {
  planImport,
  refuseForeignIds,
  type OwnedRecord,
  type RefusalCode,
} from '../../src-shared/bundle/importPlan';
import { packageTables, type WorkstationDb } from './db';
import type { TraineeRow } from './types';
import Dexie from 'dexie';

/** Rows per write between pauses: a few tens of ms of structured cloning on a slow machine. */
export const WRITE_CHUNK = 2000;

/** A macrotask the page can paint in, inside a transaction that must stay open across it. */
const pause = () => Dexie.waitFor(new Promise<void>((resolve) => setTimeout(resolve, 0)));

async function putInChunks<T>(
  table: { bulkPut(rows: T[]): Promise<unknown> },
  rows: T[],
  onChunk?: () => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    await table.bulkPut(rows.slice(i, i + WRITE_CHUNK));
    if (rows.length > WRITE_CHUNK) {
      onChunk?.();
      await pause();
    }
  }
}

/** What the package holds, for the summary the user sees. */
export interface ImportCounts {
  classes: number;
  trainees: number;
  submissions: number;
}

/** Media that travel beside the package (a drive or folder), as main found them. */
export interface ImportMedia {
  external: number;
  found: number;
  missing: number;
}

interface Stored {
  packageId: string;
  version: number;
  counts: ImportCounts;
  media: ImportMedia;
}

export type ImportOutcome =
  | (Stored & { kind: 'imported' })
  /** `mediaRelocated`: the same package again, with media found where they were missing. */
  | (Stored & { kind: 'unchanged'; mediaRelocated: number })
  | (Stored & { kind: 'updated'; fromVersion: number })
  | { kind: 'refused'; code: RefusalCode; message: string };

function traineeRows(records: PackageRecords, packageId: string): TraineeRow[] {
  const classIds = new Map<string, string[]>();
  for (const c of records.classes) {
    for (const t of c.traineeIds) classIds.set(t, [...(classIds.get(t) ?? []), c.id]);
  }
  return records.trainees.map((t) => ({ ...t, packageId, classIds: classIds.get(t.id) ?? [] }));
}

export function countsOf(records: PackageRecords): ImportCounts {
  return {
    classes: records.classes.length,
    trainees: records.trainees.length,
    submissions: records.submissions.length,
  };
}

export function mediaOf(files: VerifiedPackage['files']): ImportMedia {
  const external = files.filter((f) => f.location !== 'package');
  const found = external.filter((f) => f.location === 'external').length;
  return { external: external.length, found, missing: external.length - found };
}

/** Which of the incoming ids are already stored, and under which package. */
async function ownersOf(
  db: WorkstationDb,
  r: PackageRecords,
  files: VerifiedPackage['files'],
): Promise<OwnedRecord[]> {
  const owned: OwnedRecord[] = [];
  const signers = new Map((await db.packages.toArray()).map((p) => [p.packageId, p.signedBy]));
  const look = async (
    table: (typeof packageTables)[number],
    keys: (string | [string, string])[],
    show: (i: number) => string,
  ) => {
    const rows = (await db.table(table).bulkGet(keys)) as ({ packageId: string } | undefined)[];
    rows.forEach((row, i) => {
      if (row) {
        const ownerSignedBy = signers.get(row.packageId) ?? [];
        owned.push({ table, id: show(i), packageId: row.packageId, ownerSignedBy });
      }
    });
  };
  const ids = (rows: { id: string }[]) => rows.map((x) => x.id);
  for (const [table, rows] of [
    ['organizers', r.organizers],
    ['classes', r.classes],
    ['sessions', r.sessions],
    ['lecturers', r.lecturers],
    ['trainees', r.trainees],
    ['submissions', r.submissions],
    ['experts', r.experts],
    ['panels', r.panels],
    ['assignments', r.assignments],
    ['rubrics', r.rubrics],
    ['files', files],
  ] as const) {
    const keys = ids(rows);
    await look(table, keys, (i) => keys[i] ?? '');
  }
  const certKeys = r.certificateNumbers.map((c): [string, string] => [c.traineeId, c.program]);
  await look('certificateNumbers', certKeys, (i) => certKeys[i]?.join('/') ?? '');
  return owned;
}

export async function importVerifiedPackage(
  db: WorkstationDb,
  pkg: VerifiedPackage,
  now: () => string = () => new Date().toISOString(),
  /** Called after each chunk of a big write (the page may show progress). */
  onChunk?: () => void,
): Promise<ImportOutcome> {
  const { manifest } = pkg;
  const packageId = manifest.packageId;
  const counts = countsOf(manifest.records);
  const media = mediaOf(pkg.files);
  return db.transaction('rw', [db.packages, ...packageTables.map((t) => db[t])], async () => {
    // Read inside the transaction: two imports racing cannot both see "not yet imported".
    const existing = await db.packages.get(packageId);
    const plan = planImport(pkg, existing);
    if (plan.action === 'refuse') {
      return { kind: 'refused', code: plan.code, message: plan.message } as const;
    }
    if (plan.action === 'unchanged') {
      // Same signed content, but the drive with the recordings may have been attached since:
      // where each file is found is not package content, so it is refreshed.
      const stored = new Map(
        (await db.files.where('packageId').equals(packageId).toArray()).map((f) => [
          f.id,
          f.location,
        ]),
      );
      const relocated = pkg.files.filter((f) => stored.get(f.id) !== f.location);
      if (relocated.length > 0) await db.files.bulkPut(relocated.map((f) => ({ ...f, packageId })));
      return {
        kind: 'unchanged',
        packageId,
        version: plan.version,
        counts,
        media,
        mediaRelocated: relocated.length,
      } as const;
    }
    const foreign = refuseForeignIds(pkg, await ownersOf(db, manifest.records, pkg.files));
    if (foreign) return { kind: 'refused', code: foreign.code, message: foreign.message } as const;
    if (plan.action === 'update') {
      for (const t of packageTables) await db[t].where('packageId').equals(packageId).delete();
    }
    const r = manifest.records;
    const tag = <T extends object>(rows: T[]) => rows.map((row) => ({ ...row, packageId }));
    const put = <T>(table: { bulkPut(rows: T[]): Promise<unknown> }, rows: T[]) =>
      putInChunks(table, rows, onChunk);
    await put(db.organizers, tag(r.organizers));
    await put(db.classes, tag(r.classes));
    await put(db.sessions, tag(r.sessions));
    await put(db.lecturers, tag(r.lecturers));
    await put(db.trainees, traineeRows(r, packageId));
    await put(db.submissions, tag(r.submissions));
    await put(db.experts, tag(r.experts));
    await put(db.panels, tag(r.panels));
    await put(db.assignments, tag(r.assignments));
    await put(db.rubrics, tag(r.rubrics));
    await put(db.certificateNumbers, tag(r.certificateNumbers));
    await put(db.files, tag(pkg.files));
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
      policyPacks: pkg.policyPacks,
      forwardedBundles: r.forwardedBundles ?? [],
    });
    return plan.action === 'update'
      ? ({
          kind: 'updated',
          packageId,
          fromVersion: plan.fromVersion,
          version: plan.toVersion,
          counts,
          media,
        } as const)
      : ({ kind: 'imported', packageId, version: manifest.version, counts, media } as const);
  });
}
