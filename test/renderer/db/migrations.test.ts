import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { CURRENT_SCHEMA_VERSION, schemaVersions } from '../../../src-renderer/db/schema';

let n = 0;
const names: string[] = [];
function freshName(): string {
  const name = `migration-test-${++n}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function seedAtVersion(name: string, version: number): Promise<void> {
  const old = new WorkstationDb(name, version);
  await old.open();
  await old.table('classes').bulkPut([
    {
      id: 'c-1',
      packageId: 'p',
      program: 'basic',
      traineeIds: ['t-1', 't-2'],
      startDate: '2025-03-01',
      organizerId: 'o',
    },
    {
      id: 'c-2',
      packageId: 'p',
      program: 'online',
      traineeIds: ['t-2'],
      startDate: '2025-04-01',
      organizerId: 'o',
    },
  ]);
  // From version 2 on, the app writes each trainee's classIds itself (v1 rows get them from the
  // v2 upgrade), so a database seeded at 2 or later holds them as the app would have.
  const classIds = (ids: string[]) => (version >= 2 ? { classIds: ids } : {});
  await old.table('trainees').bulkPut([
    { id: 't-1', packageId: 'p', name: '甲', ...classIds(['c-1']) },
    { id: 't-2', packageId: 'p', name: '乙', ...classIds(['c-1', 'c-2']) },
    { id: 't-3', packageId: 'p', name: '丙', ...classIds([]) },
  ]);
  await old.table('reviews').put({
    id: 'rev-1',
    assignmentId: 'a-1',
    submissionId: 's-1',
    syncState: 'local',
    createdAt: '2025-01-01T00:00:00Z',
    profileId: 'u1',
  });
  await old
    .table('profiles')
    .put({ id: 'u1', name: '王', role: 'expert', district: '', createdAt: '2025-01-01T00:00:00Z' });
  old.close();
}

describe('database schema', () => {
  it('declares versions in increasing order ending at the current one', () => {
    const versions = schemaVersions.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('has a table for everything the product stores', async () => {
    const db = new WorkstationDb(freshName());
    await db.open();
    const tables = db.tables.map((t) => t.name);
    for (const name of [
      'packages',
      'classes',
      'sessions',
      'lecturers',
      'trainees',
      'submissions',
      'assignments',
      'conflicts',
      'reviews',
      'panelDecisions',
      'panelRecords',
      'panelRefusals',
      'videoSamples',
      'findings',
      'auditVerdicts',
      'watchLedger',
      'frameGrabs',
      'certificates',
      'printLog',
      'printLogRecords',
      'outbox',
      'receipts',
      'auditLog',
      'profiles',
      'settings',
      'similarityTexts',
      'similarityResults',
    ]) {
      expect(tables).toContain(name);
    }
    db.close();
  });

  for (const from of schemaVersions.slice(0, -1)) {
    it(`upgrades a version ${from.version} database to version ${CURRENT_SCHEMA_VERSION} keeping every row`, async () => {
      const name = freshName();
      await seedAtVersion(name, from.version);
      const db = new WorkstationDb(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(await db.trainees.count()).toBe(3);
      expect(await db.reviews.get('rev-1')).toMatchObject({ syncState: 'local', profileId: 'u1' });
      expect(await db.profiles.get('u1')).toMatchObject({ name: '王' });
      // Backfilled by the v2 upgrade: trainees are found by class through the multi-entry index.
      // (A database already at v2 had classIds written by the importer; the seed has none.)
      if (from.version < 2) {
        const inC2 = await db.trainees.where('classIds').equals('c-2').primaryKeys();
        expect(inC2).toEqual(['t-2']);
        expect((await db.trainees.get('t-3'))?.classIds).toEqual([]);
      }
      // v3's panel tables exist and are empty after the upgrade.
      expect(await db.panelRecords.count()).toBe(0);
      // And the compound indexes of the newest version answer queries.
      expect(await db.reviews.where('[profileId+submissionId]').equals(['u1', 's-1']).count()).toBe(
        1,
      );
      db.close();
    });
  }
});
