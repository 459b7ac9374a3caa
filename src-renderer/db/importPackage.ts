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
import {
  importHeadOf,
  pagedRowsOf,
  pagedTables,
  type ImportHead,
  type PagedRow,
  type PagedTable,
  type VerifiedPackage,
} from '../../src-shared/ipc/packages';
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

/**
 * Where the rows come from: a package held whole (the demo, tests) hands each table at once;
 * an import from main hands it in pages (packages:takeImportRows). `page` returns the rows of
 * `table` from `offset` on, at least one while any are left; a promise is awaited with the
 * transaction kept open (Dexie.waitFor).
 */
export interface PackageSource {
  head: ImportHead;
  page<T extends PagedTable>(table: T, offset: number): PagedRow<T>[] | Promise<PagedRow<T>[]>;
}

/** A package held whole as a source: each table is one page. */
export function wholePackage(pkg: VerifiedPackage): PackageSource {
  return {
    head: importHeadOf(pkg),
    page: (table, offset) => pagedRowsOf(pkg, table).slice(offset),
  };
}

/** Thrown inside the transaction to roll it back when the person cancels. */
export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelledError';
  }
}

/** Sizes the next slice from how long the last one took. */
class Slicer {
  size = 250;
  took(rows: number, ms: number): void {
    const scaled = Math.round((rows * SLICE_MS) / Math.max(ms, 1));
    this.size = Math.min(WRITE_CHUNK, Math.max(MIN_SLICE, scaled));
  }
}

/**
 * After each page or slice: which stage (removing the old version's rows of an update,
 * receiving rows from main, looking up who owns the incoming ids, writing them), and rows done
 * so far and in all in that stage.
 */
export type OnProgress = (stage: ImportStage, done: number, total: number) => void;
export type ImportStage = 'clearing' | 'receiving' | 'checking' | 'writing';

export interface ImportOptions {
  now?: () => string;
  onProgress?: OnProgress;
  /**
   * Asked before every page and slice: true rolls the whole import back (the transaction
   * aborts with ImportCancelledError), so the database is as it was before, old version and all.
   */
  cancelled?: () => boolean;
}

/** One import's slicers, progress counts and cancel check. */
class Run {
  /**
   * A slicer per stage and table: looking up 2,000 ids takes a fraction of writing 2,000 rows,
   * and a class row (50 trainee ids) costs more than a trainee row, so a size learnt on one
   * would overshoot on the other (one shared slicer let a write slice take the size the fast
   * lookup had reached: profiled at 200,000 trainees, IndexedDB's puts of one such slice took
   * 222 ms of the main thread at load ~20).
   */
  private readonly slicers = new Map<string, Slicer>();

  slicer(stage: ImportStage, table: PagedTable): Slicer {
    const key = `${stage}/${table}`;
    let slicer = this.slicers.get(key);
    if (!slicer) this.slicers.set(key, (slicer = new Slicer()));
    return slicer;
  }
  private readonly done: Record<ImportStage, number> = {
    clearing: 0,
    receiving: 0,
    checking: 0,
    writing: 0,
  };

  constructor(
    private readonly options: ImportOptions,
    /** Rows of the package (receiving, checking, writing) or of the old version (clearing). */
    readonly totals: Record<ImportStage, number>,
  ) {}

  stopIfCancelled(): void {
    if (this.options.cancelled?.()) throw new ImportCancelledError();
  }

  advance(stage: ImportStage, count: number): void {
    this.done[stage] += count;
    this.options.onProgress?.(stage, this.done[stage], this.totals[stage]);
  }

  /** Runs `work` over `items` slice by slice, with a pause (and a cancel check) between. */
  async inSlices<T>(
    items: readonly T[],
    stage: ImportStage,
    table: PagedTable,
    work: (slice: T[]) => Promise<unknown>,
  ): Promise<void> {
    const slicer = this.slicer(stage, table);
    for (let i = 0; i < items.length;) {
      this.stopIfCancelled();
      const slice = items.slice(i, i + slicer.size);
      const start = performance.now();
      await work(slice);
      slicer.took(slice.length, performance.now() - start);
      i += slice.length;
      this.advance(stage, slice.length);
      if (items.length > MIN_SLICE) await pause();
    }
  }

  /** The next page of a table; a page from main is awaited with the transaction kept open. */
  async receive<T extends PagedTable>(
    source: PackageSource,
    table: T,
    offset: number,
  ): Promise<PagedRow<T>[]> {
    this.stopIfCancelled();
    // Called outside the transaction's zone: the page's own awaits (an IPC answer) are not
    // Dexie promises, and awaited inside the zone they let the transaction commit early.
    const got = Dexie.ignoreTransaction(() => source.page(table, offset));
    const rows = Array.isArray(got) ? got : await Dexie.waitFor(got);
    if (rows.length === 0) {
      throw new Error(
        `${table} 从第 ${offset} 条起没有收到数据（应有 ${source.head.counts[table]} 条）`,
      );
    }
    this.advance('receiving', rows.length);
    return rows;
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

type Refusal = Extract<ImportOutcome, { kind: 'refused' }>;

/** Carries a refusal found after rows were written out of the transaction, rolling them back. */
class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Counts media as the file pages arrive. */
function tallyMedia(media: ImportMedia, files: readonly VerifiedPackage['files'][number][]): void {
  for (const f of files) {
    if (f.location === 'package') continue;
    media.external += 1;
    if (f.location === 'external') media.found += 1;
    else media.missing += 1;
  }
}

/** The id a lookup uses and the one a refusal names, per paged table. */
function keysOf(table: PagedTable, rows: readonly unknown[]): (string | [string, string])[] {
  if (table === 'certificateNumbers') {
    return (rows as PackageRecords['certificateNumbers']).map((c): [string, string] => [
      c.traineeId,
      c.program,
    ]);
  }
  return (rows as { id: string }[]).map((r) => r.id);
}

/** The id a refusal names for a stored row of `table`. */
function idOf(table: PagedTable, row: Record<string, unknown>): string {
  return table === 'certificateNumbers'
    ? `${String(row['traineeId'])}/${String(row['program'])}`
    : String(row['id']);
}

/**
 * Which ids of one page are already stored, and under which package. One key cursor over the
 * slice's ids (anyOf) rather than a get per id (bulkGet): the profile of the 200,000-trainee
 * import showed bulkGet issuing 2,000 requests in one task (100–200 ms on the loaded machine),
 * while a cursor costs a request per row found, and a new package's ids are mostly not found.
 */
async function ownersOf(
  db: WorkstationDb,
  table: PagedTable,
  rows: readonly unknown[],
  signers: ReadonlyMap<string, readonly string[]>,
  run: Run,
): Promise<OwnedRecord[]> {
  const keys = keysOf(table, rows);
  const owned: OwnedRecord[] = [];
  await run.inSlices(keys, 'checking', table, async (slice) => {
    const found = (await db.table(table).where(':id').anyOf(slice).toArray()) as ({
      packageId: string;
    } & Record<string, unknown>)[];
    if (found.length === 0) return;
    const owner = new Map(found.map((row) => [idOf(table, row), row.packageId]));
    // In the page's order, as bulkGet gave them: a refusal names the first foreign id.
    for (const key of slice) {
      const id = Array.isArray(key) ? key.join('/') : key;
      const packageId = owner.get(id);
      if (packageId === undefined) continue;
      owned.push({ table, id, packageId, ownerSignedBy: signers.get(packageId) ?? [] });
    }
  });
  return owned;
}

/**
 * Removes an old version's rows of every platform table, slice by slice like the write, inside
 * the import's transaction: a cancel or a crash before the commit leaves them all in place.
 */
async function clearOld(db: WorkstationDb, packageId: string, run: Run): Promise<void> {
  for (const t of packageTables) {
    const rows = db.table(t).where('packageId').equals(packageId);
    const slicer = run.slicer('clearing', t);
    for (;;) {
      run.stopIfCancelled();
      const start = performance.now();
      const keys = await rows.clone().limit(slicer.size).primaryKeys();
      if (keys.length === 0) break;
      await db.table(t).bulkDelete(keys);
      slicer.took(keys.length, performance.now() - start);
      run.advance('clearing', keys.length);
      await pause();
    }
  }
}

/** Rows stored here for one package: the total the clearing stage counts down. */
async function storedRows(db: WorkstationDb, packageId: string): Promise<number> {
  let n = 0;
  for (const t of packageTables)
    n += await db.table(t).where('packageId').equals(packageId).count();
  return n;
}

/** Stores a package held whole (the demo, tests); see importPackageRows. */
export function importVerifiedPackage(
  db: WorkstationDb,
  pkg: VerifiedPackage,
  now?: () => string,
  /** Called after each page and slice (the page shows progress). */
  onProgress?: OnProgress,
): Promise<ImportOutcome> {
  return importPackageRows(db, wholePackage(pkg), {
    ...(now ? { now } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * Stores a verified package whose rows arrive page by page. Each page is looked up (does
 * another signer's package own any of its ids?) and written as it arrives, in time-sized
 * slices; a foreign id found on a later page rolls back what earlier pages wrote, so the
 * refusal leaves the database as it was. Throws ImportCancelledError when cancelled (nothing
 * changed) and whatever a page or the database threw (nothing changed either).
 */
export async function importPackageRows(
  db: WorkstationDb,
  source: PackageSource,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const { head } = source;
  const now = options.now ?? (() => new Date().toISOString());
  const packageId = head.manifest.packageId;
  const counts: ImportCounts = {
    classes: head.counts.classes,
    trainees: head.counts.trainees,
    submissions: head.counts.submissions,
  };
  const total = pagedTables.reduce((n, t) => n + head.counts[t], 0);
  const totals = { clearing: 0, receiving: total, checking: total, writing: total };
  const run = new Run(options, totals);
  const media: ImportMedia = { external: 0, found: 0, missing: 0 };
  try {
    return await db.transaction(
      'rw',
      [db.packages, ...packageTables.map((t) => db[t])],
      async () => {
        // Read inside the transaction: two imports racing cannot both see "not yet imported".
        const existing = await db.packages.get(packageId);
        const plan = planImport(head, existing);
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
          let relocated = 0;
          for (let offset = 0; offset < head.counts.files;) {
            const files = await run.receive(source, 'files', offset);
            offset += files.length;
            tallyMedia(media, files);
            const moved = files.filter((f) => stored.get(f.id) !== f.location);
            relocated += moved.length;
            if (moved.length > 0) await db.files.bulkPut(moved.map((f) => ({ ...f, packageId })));
          }
          return {
            kind: 'unchanged',
            packageId,
            version: plan.version,
            counts,
            media,
            mediaRelocated: relocated,
          } as const;
        }
        if (plan.action === 'update') {
          totals.clearing = await storedRows(db, packageId);
          await clearOld(db, packageId, run);
        }
        const signers = new Map(
          (await db.packages.toArray()).map((p) => [p.packageId, p.signedBy]),
        );
        // Each trainee's row gets the classes that list it; classes arrive before trainees.
        const classIds = new Map<string, string[]>();
        const owned: OwnedRecord[] = [];
        let refused = false;
        for (const table of pagedTables) {
          for (let offset = 0; offset < head.counts[table];) {
            const rows: readonly unknown[] = await run.receive(source, table, offset);
            offset += rows.length;
            if (table === 'classes') {
              for (const c of rows as PackageRecords['classes']) {
                for (const t of c.traineeIds) {
                  const ids = classIds.get(t);
                  if (ids) ids.push(c.id);
                  else classIds.set(t, [c.id]);
                }
              }
            }
            if (table === 'files') tallyMedia(media, rows as VerifiedPackage['files']);
            const pageOwned = await ownersOf(db, table, rows, signers, run);
            owned.push(...pageOwned);
            // Once refused, later pages are still looked up (the refusal counts every foreign
            // id) but no longer written: the transaction rolls back anyway.
            refused ||= refuseForeignIds(head, pageOwned) !== null;
            if (refused) continue;
            const toRow =
              table === 'trainees'
                ? (t: PackageRecords['trainees'][number]): TraineeRow => ({
                    ...t,
                    packageId,
                    classIds: classIds.get(t.id) ?? [],
                  })
                : (r: object) => ({ ...r, packageId });
            await run.inSlices(rows, 'writing', table, (slice) =>
              db
                .table(table)
                .bulkPut(slice.map((r) => toRow(r as PackageRecords['trainees'][number]))),
            );
          }
        }
        const foreign = refuseForeignIds(head, owned);
        if (foreign) {
          throw new RefusedError({ kind: 'refused', code: foreign.code, message: foreign.message });
        }
        await db.packages.put({
          packageId,
          version: head.manifest.version,
          envelopeHash: head.envelopeHash,
          title: head.manifest.title,
          issuer: head.manifest.issuer,
          district: head.manifest.district,
          createdAt: head.manifest.createdAt,
          policyPackId: head.manifest.policyPackId,
          signedBy: head.signedBy,
          importedAt: now(),
          policyPacks: head.policyPacks,
          forwardedBundles: head.forwardedBundles,
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
          : ({
              kind: 'imported',
              packageId,
              version: head.manifest.version,
              counts,
              media,
            } as const);
      },
    );
  } catch (error) {
    if (error instanceof RefusedError) return error.refusal;
    throw error;
  }
}
