import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { importVerifiedPackage } from '../../../src-renderer/db/importPackage';
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
