// Stores a package that main has verified. What to do is decided by planImport (shared with
// main, so both agree on "same", "newer", "older" and "conflicting"); the write is one
// transaction over every platform table, so a half import is never visible and a failure
// leaves the database exactly as it was. Local work tables are not in the transaction at all,
// so an update cannot touch reviews, decisions, findings, certificates or the audit log.
//
// A big package (200,000 trainees) must not freeze the window: one bulkPut clones every row in
// a single task (5.5 s once), and one bulkGet of 200,000 ids to look for foreign owners blocked
// for seconds as well. Rows are looked up and written in slices, and between slices the page
// gets a macrotask to paint and handle input, while Dexie.waitFor keeps the one transaction
// alive across that pause, so the write stays all or nothing. A slice is sized by time, not by
// a fixed count: on a loaded machine the same 2,000 rows took 300 ms (the e2e probe in
// test/e2e/big-package.spec.ts measured it), so each slice aims at SLICE_MS and the next one is
// scaled from how long the last took.
import type { VerifiedPackage } from '../../src-shared/ipc/packages';
import type { PackageRecords } from '../../src-shared/records/records';
import {
  planImport,
  refuseForeignIds,
  type OwnedRecord,
  type RefusalCode,
} from '../../src-shared/records/importPlan';
import { packageTables, type WorkstationDb } from './db';
import type { TraineeRow } from './types';
import Dexie from 'dexie';

/** The most rows one slice holds, however fast the machine. */
export const WRITE_CHUNK = 2000;
/** The fewest rows a slice holds, so a slow machine still moves forward. */
const MIN_SLICE = 50;
/** What one slice aims to take, well under the 200 ms at which a pause is felt. */
export const SLICE_MS = 40;

/** A macrotask the page can paint in, inside a transaction that must stay open across it. */
const pause = () => Dexie.waitFor(new Promise<void>((resolve) => setTimeout(resolve, 0)));

/** Sizes the next slice from how long the last one took. */
class Slicer {
  size = 250;
  took(rows: number, ms: number): void {
    const scaled = Math.round((rows * SLICE_MS) / Math.max(ms, 1));
    this.size = Math.min(WRITE_CHUNK, Math.max(MIN_SLICE, scaled));
  }
}

/**
 * After each slice: which stage (looking up who owns the incoming ids, then writing), and rows
 * done so far and in all in that stage.
 */
export type OnProgress = (stage: ImportStage, done: number, total: number) => void;
export type ImportStage = 'checking' | 'writing';

interface Progress {
  stage: ImportStage;
  done: number;
  total: number;
  onProgress?: OnProgress;
  slicer: Slicer;
}

function advance(progress: Progress, count: number): void {
  progress.done += count;
  progress.onProgress?.(progress.stage, progress.done, progress.total);
}

/**
 * Runs `work` over `items` slice by slice with a pause between slices. `work` gets the slice
 * and returns when it is done; nothing is built for rows not yet reached.
 */
async function inSlices<T>(
  items: readonly T[],
  slicer: Slicer,
  work: (slice: T[]) => Promise<unknown>,
  after?: (count: number) => void,
): Promise<void> {
  for (let i = 0; i < items.length;) {
    const slice = items.slice(i, i + slicer.size);
    const start = performance.now();
    await work(slice);
    slicer.took(slice.length, performance.now() - start);
    i += slice.length;
    after?.(slice.length);
    if (items.length > MIN_SLICE) await pause();
  }
}

function putInSlices<T, R>(
  table: { bulkPut(rows: R[]): Promise<unknown> },
  rows: readonly T[],
  toRow: (row: T) => R,
  progress: Progress,
): Promise<void> {
  return inSlices(
    rows,
    progress.slicer,
    (slice) => table.bulkPut(slice.map(toRow)),
    (count) => advance(progress, count),
  );
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

/** Each trainee's row gets the classes that list it (a map built once, rows built per slice). */
function traineeRow(records: PackageRecords, packageId: string) {
  const classIds = new Map<string, string[]>();
  for (const c of records.classes) {
    for (const t of c.traineeIds) {
      const ids = classIds.get(t);
      if (ids) ids.push(c.id);
      else classIds.set(t, [c.id]);
    }
  }
  return (t: PackageRecords['trainees'][number]): TraineeRow => ({
    ...t,
    packageId,
    classIds: classIds.get(t.id) ?? [],
  });
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
  progress: Progress,
): Promise<OwnedRecord[]> {
  const owned: OwnedRecord[] = [];
  const signers = new Map((await db.packages.toArray()).map((p) => [p.packageId, p.signedBy]));
  const look = async (
    table: (typeof packageTables)[number],
    keys: (string | [string, string])[],
    show: (i: number) => string,
  ) => {
    let at = 0;
    await inSlices(keys, progress.slicer, async (slice) => {
      const rows = (await db.table(table).bulkGet(slice)) as ({ packageId: string } | undefined)[];
      rows.forEach((row, i) => {
        if (row) {
          const ownerSignedBy = signers.get(row.packageId) ?? [];
          owned.push({ table, id: show(at + i), packageId: row.packageId, ownerSignedBy });
        }
      });
      at += slice.length;
      advance(progress, slice.length);
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
  /** Called after each slice of the lookups and of the write (the page shows progress). */
  onProgress?: OnProgress,
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
    const r = manifest.records;
    const total = packageTables.reduce(
      (n, t) => n + (t === 'files' ? pkg.files.length : r[t].length),
      0,
    );
    const slicer = new Slicer();
    const stage = (name: ImportStage): Progress => ({
      stage: name,
      done: 0,
      total,
      slicer,
      ...(onProgress ? { onProgress } : {}),
    });
    const foreign = refuseForeignIds(
      pkg,
      await ownersOf(db, manifest.records, pkg.files, stage('checking')),
    );
    if (foreign) return { kind: 'refused', code: foreign.code, message: foreign.message } as const;
    if (plan.action === 'update') {
      for (const t of packageTables) await db[t].where('packageId').equals(packageId).delete();
    }
    const progress = stage('writing');
    const tag = <T extends object>(row: T) => ({ ...row, packageId });
    await putInSlices(db.organizers, r.organizers, tag, progress);
    await putInSlices(db.classes, r.classes, tag, progress);
    await putInSlices(db.sessions, r.sessions, tag, progress);
    await putInSlices(db.lecturers, r.lecturers, tag, progress);
    await putInSlices(db.trainees, r.trainees, traineeRow(r, packageId), progress);
    await putInSlices(db.submissions, r.submissions, tag, progress);
    await putInSlices(db.experts, r.experts, tag, progress);
    await putInSlices(db.panels, r.panels, tag, progress);
    await putInSlices(db.assignments, r.assignments, tag, progress);
    await putInSlices(db.rubrics, r.rubrics, tag, progress);
    await putInSlices(db.certificateNumbers, r.certificateNumbers, tag, progress);
    await putInSlices(db.files, pkg.files, tag, progress);
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
