// A pre-profile install's shared database, created at the old schema versions, carried into
// the first normal profile: local work copied whole, demo rows left, the old database removed
// only after the copy committed, and nothing lost when the copy fails half way.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  CLAIM_KEY,
  LEGACY_DEMO_PACKAGE_ID,
  MIGRATED_KEY,
  migrateLegacyInto,
} from '../../../src-renderer/db/legacyMigration';
import type { Profile } from '../../../src-shared/profiles/roles';

let n = 0;
const names: string[] = [];
const fresh = (what: string) => {
  const name = `legacy-${what}-${++n}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const real: Profile = {
  id: 'p-real',
  name: '王专家',
  role: 'expert',
  district: '海淀区',
} as Profile;
const demo: Profile = { ...real, id: 'p-demo', demo: true } as Profile;

/** The shared database as an old install left it, at schema `version`. */
async function seedLegacy(name: string, version: number, opts: { demoAudit?: boolean } = {}) {
  const old = new WorkstationDb(name, version);
  await old.open();
  await old.table('packages').bulkPut([
    { packageId: 'PKG-REAL', version: 1, signedBy: ['k-real'], importedAt: '2025-01-01' },
    {
      packageId: LEGACY_DEMO_PACKAGE_ID,
      version: 2,
      signedBy: ['k-demo'],
      importedAt: '2025-01-01',
    },
  ]);
  await old.table('submissions').bulkPut([
    { id: 's-real', packageId: 'PKG-REAL', traineeId: 't1', classId: 'c1' },
    { id: 's-demo', packageId: LEGACY_DEMO_PACKAGE_ID, traineeId: 't9', classId: 'c9' },
  ]);
  await old.table('assignments').bulkPut([
    { id: 'a-real', packageId: 'PKG-REAL', submissionId: 's-real', expertId: 'e1', panelId: 'x' },
    {
      id: 'a-demo',
      packageId: LEGACY_DEMO_PACKAGE_ID,
      submissionId: 's-demo',
      expertId: 'e1',
      panelId: 'y',
    },
  ]);
  const review = (id: string, a: string, s: string) => ({
    id,
    assignmentId: a,
    submissionId: s,
    syncState: 'local',
    createdAt: '2025-02-01T00:00:00Z',
    profileId: 'old-user',
  });
  await old
    .table('reviews')
    .bulkPut([review('r-real', 'a-real', 's-real'), review('r-demo', 'a-demo', 's-demo')]);
  await old
    .table('outbox')
    .put({ id: 'b-1', state: 'sent', kind: 'bundle', createdAt: '2025-02-02' });
  await old
    .table('findings')
    .put({ id: 'f-1', classId: 'c1', ruleId: 'R-1', createdAt: '2025-02-03' });
  await old
    .table('auditLog')
    .bulkPut([
      { seq: 1, entityId: 'r-real', hash: 'h1', prevHash: 'g', action: 'review.submit' },
      ...(opts.demoAudit
        ? [{ seq: 2, entityId: 'r-demo', hash: 'h2', prevHash: 'h1', action: 'review.submit' }]
        : []),
    ]);
  if (version >= 2)
    await old.table('reviewDrafts').put({
      profileId: 'old-user',
      assignmentId: 'a-real',
      updatedAt: '2025-02-04',
      data: { total: 80 },
    });
  if (version >= 3)
    await old.table('printLogRecords').put({ id: 'pl-1', classId: 'c1', createdAt: '2025-02-05' });
  old.close();
}

async function target(name: string) {
  const db = new WorkstationDb(name);
  await db.open();
  return db;
}

describe('migrating the pre-profile shared database', () => {
  it.each([1, 2, 3, 4])(
    'carries local work from a schema-v%i database into the first normal profile, leaves demo rows, removes the old one',
    async (version) => {
      const legacyName = fresh('old');
      await seedLegacy(legacyName, version);
      const db = await target(fresh('profile'));
      const r = await migrateLegacyInto(db, real, { legacyName, now: () => 'T' });
      expect(r).toMatchObject({ kind: 'migrated', auditCopied: true, oldDatabaseRemoved: true });
      expect((await db.reviews.toArray()).map((x) => x.id)).toEqual(['r-real']);
      expect((await db.reviews.get('r-real'))?.profileId).toBe(real.id);
      expect(await db.outbox.count()).toBe(1);
      expect(await db.findings.count()).toBe(1);
      expect((await db.auditLog.toArray()).map((x) => x.hash)).toEqual(['h1']);
      if (version >= 2)
        expect(await db.reviewDrafts.get([real.id, 'a-real'])).toMatchObject({
          data: { total: 80 },
        });
      if (version >= 3) expect(await db.printLogRecords.count()).toBe(1);
      // Platform rows are not copied: the package is imported again, verified for this profile.
      expect(await db.packages.count()).toBe(0);
      expect(await db.submissions.count()).toBe(0);
      expect(r.kind === 'migrated' && r.demoRowsLeft).toBe(1);
      expect(await Dexie.exists(legacyName)).toBe(false);
      expect(await db.settings.get(MIGRATED_KEY)).toMatchObject({ value: { at: 'T' } });
      db.close();
    },
  );

  it('never gives the old data to a demo profile, and a second normal profile does not get it again', async () => {
    const legacyName = fresh('old');
    await seedLegacy(legacyName, 4);
    const demoDb = await target(fresh('demo'));
    expect(await migrateLegacyInto(demoDb, demo, { legacyName })).toEqual({ kind: 'none' });
    expect(await demoDb.reviews.count()).toBe(0);
    expect(await Dexie.exists(legacyName)).toBe(true);
    const first = await target(fresh('first'));
    expect((await migrateLegacyInto(first, real, { legacyName })).kind).toBe('migrated');
    const second = await target(fresh('second'));
    const other = { ...real, id: 'p-other' } as Profile;
    expect(await migrateLegacyInto(second, other, { legacyName })).toEqual({ kind: 'none' });
    expect(await second.reviews.count()).toBe(0);
    [demoDb, first, second].forEach((d) => d.close());
  });

  it('loses nothing when the copy fails half way: the profile is unchanged, the old database kept', async () => {
    const legacyName = fresh('old');
    await seedLegacy(legacyName, 4);
    const db = await target(fresh('profile'));
    // A row the copy will collide with, written after the profile claimed the old database,
    // makes the transaction fail after some tables were already written inside it.
    const legacy = new Dexie(legacyName);
    await legacy.open();
    await legacy.table('settings').put({ key: CLAIM_KEY, value: real.id });
    legacy.close();
    await db.findings.put({ id: 'f-1', classId: 'other', ruleId: 'R-9', createdAt: 'x' });
    const r = await migrateLegacyInto(db, real, { legacyName });
    expect(r.kind).toBe('failed');
    if (r.kind === 'failed') expect(r.message).toContain('未做任何更改');
    expect(await db.reviews.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.findings.get('f-1'))?.classId).toBe('other');
    expect(await db.settings.get(MIGRATED_KEY)).toBeUndefined();
    expect(await Dexie.exists(legacyName)).toBe(true);
    // Once the obstacle is gone the same profile completes it.
    await db.findings.clear();
    expect((await migrateLegacyInto(db, real, { legacyName })).kind).toBe('migrated');
    expect(await db.reviews.count()).toBe(1);
    db.close();
  });

  it('keeps the old database when its audit chain names demo items (a chain cannot be split)', async () => {
    const legacyName = fresh('old');
    await seedLegacy(legacyName, 4, { demoAudit: true });
    const db = await target(fresh('profile'));
    const r = await migrateLegacyInto(db, real, { legacyName });
    expect(r).toMatchObject({ kind: 'migrated', auditCopied: false, oldDatabaseRemoved: false });
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.reviews.count()).toBe(1);
    expect(await Dexie.exists(legacyName)).toBe(true);
    db.close();
  });

  it('leaves it for a later profile when this one already has local work', async () => {
    const legacyName = fresh('old');
    await seedLegacy(legacyName, 4);
    const db = await target(fresh('profile'));
    await db.findings.put({ id: 'mine', classId: 'c', ruleId: 'R', createdAt: 'x' });
    expect((await migrateLegacyInto(db, real, { legacyName })).kind).toBe('skipped');
    expect(await Dexie.exists(legacyName)).toBe(true);
    db.close();
  });
});
