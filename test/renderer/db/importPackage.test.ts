import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { importVerifiedPackage } from '../../../src-renderer/db/importPackage';
import { pagedRowsOf, pagedTables, type VerifiedPackage } from '../../../src-shared/ipc/packages';
import { makeManifest, makeRecords, makeVerifiedPackage } from '../../fixtures/records';

let db: WorkstationDb;
let n = 0;

beforeEach(async () => {
  db = new WorkstationDb(`import-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('storing a verified package', () => {
  it('imports every record tagged with its package and links trainees to classes', async () => {
    const outcome = await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({}, makeRecords({ classes: 2, traineesPerClass: 4 }))),
    );
    expect(outcome).toMatchObject({ kind: 'imported', packageId: 'pkg-test', version: 1 });
    expect(await db.classes.count()).toBe(2);
    expect(await db.trainees.count()).toBe(8);
    expect(await db.trainees.where('classIds').equals('c-2').count()).toBe(4);
    expect((await db.submissions.toArray()).every((s) => s.packageId === 'pkg-test')).toBe(true);
    expect(await db.packages.get('pkg-test')).toMatchObject({
      version: 1,
      envelopeHash: 'a'.repeat(64),
    });
  });

  it('changes nothing when the same package is imported again', async () => {
    await importVerifiedPackage(db, makeVerifiedPackage(), () => '2025-01-01T00:00:00Z');
    const again = await importVerifiedPackage(
      db,
      makeVerifiedPackage(),
      () => '2025-06-01T00:00:00Z',
    );
    expect(again.kind).toBe('unchanged');
    expect((await db.packages.get('pkg-test'))?.importedAt).toBe('2025-01-01T00:00:00Z');
  });

  it('counts external media and refreshes where they are when the same package comes again', async () => {
    const video = (id: string, location: 'package' | 'external' | 'missing') => ({
      id,
      path: `media/${id}.mp4`,
      size: 1000,
      sha256: 'c'.repeat(64),
      mediaType: 'video/mp4',
      kind: 'video' as const,
      external: location !== 'package',
      location,
    });
    const first = makeVerifiedPackage();
    first.files = [video('v-0', 'package'), video('v-1', 'external'), video('v-2', 'missing')];
    expect(await importVerifiedPackage(db, first)).toMatchObject({
      kind: 'imported',
      media: { external: 2, found: 1, missing: 1 },
    });

    const unchanged = await importVerifiedPackage(db, first);
    expect(unchanged).toMatchObject({ kind: 'unchanged', mediaRelocated: 0 });

    const driveAttached = makeVerifiedPackage();
    driveAttached.files = [
      video('v-0', 'package'),
      video('v-1', 'external'),
      video('v-2', 'external'),
    ];
    expect(await importVerifiedPackage(db, driveAttached)).toMatchObject({
      kind: 'unchanged',
      mediaRelocated: 1,
      media: { external: 2, found: 2, missing: 0 },
    });
    expect((await db.files.get('v-2'))?.location).toBe('external');
    expect(await db.files.count()).toBe(3);
  });

  it('replaces package records on a newer version and keeps local work', async () => {
    await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({}, makeRecords({ traineesPerClass: 5 }))),
    );
    await db.reviews.put({
      id: 'rev-1',
      createdAt: '2025-03-25T00:00:00Z',
      assignmentId: 'a-t-1-1',
      submissionId: 'sub-t-1-1',
      syncState: 'local',
    });
    const v2 = makeVerifiedPackage(
      makeManifest({ version: 2 }, makeRecords({ traineesPerClass: 3 })),
      'c'.repeat(64),
    );
    expect((await importVerifiedPackage(db, v2)).kind).toBe('updated');
    expect(await db.trainees.count()).toBe(3);
    expect(await db.reviews.get('rev-1')).toBeDefined();
    expect((await db.packages.get('pkg-test'))?.version).toBe(2);
  });

  it('refuses an older version with a message naming both versions', async () => {
    await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({ version: 3 }), 'd'.repeat(64)),
    );
    const older = await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({ version: 2 }), 'e'.repeat(64)),
    );
    expect(older).toMatchObject({ kind: 'refused', code: 'older-version' });
    if (older.kind === 'refused') expect(older.message).toMatch(/2.*3/);
  });

  it('leaves nothing behind when a write fails half way', async () => {
    const records = makeRecords({ traineesPerClass: 2 });
    // Two submissions with the same id but a non-cloneable field make bulkPut fail mid-import.
    (records.submissions[1] as unknown as { poison: unknown }).poison = () => 1;
    await expect(
      importVerifiedPackage(db, makeVerifiedPackage(makeManifest({}, records))),
    ).rejects.toThrow();
    expect(await db.classes.count()).toBe(0);
    expect(await db.trainees.count()).toBe(0);
    expect(await db.packages.count()).toBe(0);
  });
});

/** Every row of every table, so a test can prove a refused or failed import changed nothing. */
async function snapshot(db: WorkstationDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** One row in each table of local work, the tables a package update must never touch. */
async function addLocalWork(db: WorkstationDb): Promise<void> {
  const row = (id: string) => ({
    id,
    createdAt: '2025-03-25T00:00:00Z',
    syncState: 'local' as const,
  });
  await db.reviews.put({ ...row('rev-1'), assignmentId: 'a-t-1-1', submissionId: 'sub-t-1-1' });
  await db.reviewDrafts.put({
    profileId: 'p-1',
    assignmentId: 'a-t-1-1',
    updatedAt: '2025-03-25T00:00:00Z',
    data: { score: 70 },
  });
  await db.panelDecisions.put({ ...row('pd-1'), submissionId: 'sub-t-1-1', panelId: 'p-1' });
  await db.findings.put({ ...row('f-1'), classId: 'c-1', ruleId: 'R-1' });
  await db.certificates.put({ ...row('cert-1'), traineeId: 't-1-1', number: 'N-1' });
  await db.printLog.put({ ...row('print-1'), certificateId: 'cert-1', at: '2025-03-25' });
  await db.outbox.put({ ...row('out-1'), state: 'queued', kind: 'reviews' });
  await db.receipts.put({ ...row('rcpt-1'), bundleId: 'b-1', receivedAt: '2025-03-26' });
  await db.auditLog.put({
    seq: 1,
    at: '2025-03-25T00:00:00Z',
    actor: 'p-1',
    action: 'submit',
    entityKind: 'review',
    entityId: 'rev-1',
    payloadHash: 'c'.repeat(64),
    prevHash: '0'.repeat(64),
    hash: 'd'.repeat(64),
  });
}

const LOCAL_TABLES = [
  'reviews',
  'reviewDrafts',
  'panelDecisions',
  'findings',
  'certificates',
  'printLog',
  'outbox',
  'receipts',
  'auditLog',
] as const;

describe('importing against what is already there (planImport)', () => {
  it('reports the counts of classes, trainees and submissions of a new package', async () => {
    const outcome = await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({}, makeRecords({ classes: 2, traineesPerClass: 3 }))),
    );
    expect(outcome).toEqual({
      kind: 'imported',
      packageId: 'pkg-test',
      version: 1,
      counts: { classes: 2, trainees: 6, submissions: 6 },
      media: { external: 0, found: 0, missing: 0 },
    });
  });

  it('writes nothing at all when the very same package comes again', async () => {
    await importVerifiedPackage(db, makeVerifiedPackage());
    await addLocalWork(db);
    const before = await snapshot(db);
    const again = await importVerifiedPackage(db, makeVerifiedPackage());
    expect(again.kind).toBe('unchanged');
    expect(await snapshot(db)).toEqual(before);
  });

  it('updates to a newer version, says from which version, and keeps every local work table', async () => {
    await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({}, makeRecords({ traineesPerClass: 5 }))),
    );
    await addLocalWork(db);
    const local = await snapshot(db);
    const v2 = makeVerifiedPackage(
      makeManifest({ version: 2 }, makeRecords({ classes: 2, traineesPerClass: 2 })),
      'c'.repeat(64),
    );
    const outcome = await importVerifiedPackage(db, v2);
    expect(outcome).toEqual({
      kind: 'updated',
      packageId: 'pkg-test',
      fromVersion: 1,
      version: 2,
      counts: { classes: 2, trainees: 4, submissions: 4 },
      media: { external: 0, found: 0, missing: 0 },
    });
    const after = await snapshot(db);
    for (const t of LOCAL_TABLES) expect(after[t], t).toEqual(local[t]);
    expect(await db.trainees.count()).toBe(4);
    // Trainee t-1-5 existed only in version 1: the update removed it, not merged it.
    expect(await db.trainees.get('t-1-5')).toBeUndefined();
  });

  it('refuses the same version with different content and names the package and version', async () => {
    await importVerifiedPackage(db, makeVerifiedPackage());
    await addLocalWork(db);
    const before = await snapshot(db);
    const conflicting = makeVerifiedPackage(
      makeManifest({}, makeRecords({ traineesPerClass: 9 })),
      'f'.repeat(64),
    );
    const outcome = await importVerifiedPackage(db, conflicting);
    expect(outcome).toMatchObject({ kind: 'refused', code: 'version-conflict' });
    if (outcome.kind === 'refused') expect(outcome.message).toContain('pkg-test');
    if (outcome.kind === 'refused') expect(outcome.message).toContain('第 1 版');
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses an older version and writes nothing', async () => {
    await importVerifiedPackage(db, makeVerifiedPackage(makeManifest({ version: 3 })));
    const before = await snapshot(db);
    const older = await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({ version: 2 }), 'e'.repeat(64)),
    );
    expect(older).toMatchObject({ kind: 'refused', code: 'older-version' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('leaves every table exactly as before when an update fails after deleting the old rows', async () => {
    await importVerifiedPackage(
      db,
      makeVerifiedPackage(makeManifest({}, makeRecords({ classes: 2, traineesPerClass: 3 }))),
    );
    await addLocalWork(db);
    const before = await snapshot(db);
    const v2 = makeVerifiedPackage(makeManifest({ version: 2 }), 'c'.repeat(64));
    // A non-cloneable value in the last table written makes IndexedDB throw inside the
    // transaction after the version-1 rows were deleted and most version-2 rows written.
    v2.files = [
      {
        id: 'f-bad',
        path: 'x.pdf',
        size: 1,
        sha256: '0'.repeat(64),
        mediaType: 'application/pdf',
        kind: 'business-plan',
        external: false,
        location: 'package',
        poison: () => 1,
      } as unknown as VerifiedPackage['files'][number],
    ];
    await expect(importVerifiedPackage(db, v2)).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
    expect((await db.packages.get('pkg-test'))?.version).toBe(1);
  });

  it("refuses a package that reuses another package's record ids and changes no row", async () => {
    const real = makeVerifiedPackage(makeManifest({ packageId: 'PKG-REAL' }, makeRecords({})));
    await importVerifiedPackage(db, real);
    const before = await db.trainees.toArray();
    const forged = makeVerifiedPackage(
      makeManifest({ packageId: 'PKG-FORGED' }, makeRecords({})),
      'f'.repeat(64),
    );
    forged.signedBy = ['d'.repeat(64)];
    const outcome = await importVerifiedPackage(db, forged);
    expect(outcome).toMatchObject({ kind: 'refused', code: 'id-collision' });
    expect(outcome.kind === 'refused' && outcome.message).toContain(
      '已属于本机另一签发方的工作包 PKG-REAL',
    );
    expect(await db.trainees.toArray()).toEqual(before);
    expect(await db.packages.get('PKG-FORGED')).toBeUndefined();
  });

  it('names the first reused id in package order and counts every reused row, compound keys too', async () => {
    // A certificate number is keyed by [traineeId+program]: the lookup must find those as well.
    const withNumber = () => {
      const r = makeRecords({});
      const cls = r.classes[0]!;
      r.certificateNumbers = [
        { traineeId: cls.traineeIds[0]!, classId: cls.id, program: cls.program, number: 'N-1' },
      ];
      return r;
    };
    const real = makeVerifiedPackage(makeManifest({ packageId: 'PKG-REAL' }, withNumber()));
    await importVerifiedPackage(db, real);
    const forged = makeVerifiedPackage(
      makeManifest({ packageId: 'PKG-FORGED' }, withNumber()),
      'f'.repeat(64),
    );
    forged.signedBy = ['d'.repeat(64)];
    const rows = pagedTables.flatMap((t) =>
      (pagedRowsOf(real, t) as Record<string, unknown>[]).map((r) =>
        t === 'certificateNumbers' ? `${String(r['traineeId'])}/${String(r['program'])}` : r['id'],
      ),
    );
    expect(pagedRowsOf(real, 'certificateNumbers').length).toBeGreaterThan(0);
    const outcome = await importVerifiedPackage(db, forged);
    expect(outcome.kind === 'refused' && outcome.message).toContain(
      `记录 ${String(rows[0])}（${pagedTables.find((t) => pagedRowsOf(real, t).length > 0)}）等 ${rows.length} 条记录`,
    );
  });

  it('lets packages from the same signer share record ids (the platform resends an expert)', async () => {
    await importVerifiedPackage(db, makeVerifiedPackage(makeManifest({ packageId: 'PKG-A' })));
    const second = makeVerifiedPackage(makeManifest({ packageId: 'PKG-B' }), 'f'.repeat(64));
    expect(await importVerifiedPackage(db, second)).toMatchObject({ kind: 'imported' });
  });

  it('refuses version 2 of a package signed by another key and keeps version 1 as it was', async () => {
    await importVerifiedPackage(db, makeVerifiedPackage());
    const before = {
      pkg: await db.packages.get('pkg-test'),
      trainees: await db.trainees.toArray(),
    };
    const v2 = makeVerifiedPackage(
      makeManifest({ version: 2 }, makeRecords({ classes: 3 })),
      'e'.repeat(64),
    );
    v2.signedBy = ['d'.repeat(64)];
    expect(await importVerifiedPackage(db, v2)).toMatchObject({
      kind: 'refused',
      code: 'other-signer',
    });
    expect(await db.packages.get('pkg-test')).toEqual(before.pkg);
    expect(await db.trainees.toArray()).toEqual(before.trainees);
  });
});
