import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import type { SubmissionRow } from '../../../src-renderer/db/types';
import { rowsById } from '../../../src-renderer/db/rowsById';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`rows-by-id-${++n}`);
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await Dexie.delete(db.name);
});

const sub = (packageId: string, i: number): SubmissionRow => ({
  packageId,
  id: `sub-${i}`,
  traineeId: `T-${i}`,
  classId: 'C-1',
  kind: 'business-plan',
  title: `计划书 ${i}`,
  fileId: `f-${i}`,
  submittedAt: '2025-03-21T10:00:00+08:00',
});

describe('rowsById', () => {
  it('answers like bulkGet when most of a package is asked for: one read, missing ids undefined', async () => {
    await db.submissions.bulkAdd(Array.from({ length: 400 }, (_, i) => sub('pkg-a', i)));
    // sub-5 was written last by another package: still found (one by one).
    await db.submissions.put(sub('pkg-b', 5));
    const ids = [
      ...Array.from({ length: 300 }, (_, i) => `sub-${299 - i}`),
      'sub-7',
      'missing',
      '',
    ];
    const bulkGet = vi.spyOn(db.submissions, 'bulkGet');
    const rows = await rowsById(db.submissions, ids, ['pkg-a']);
    expect(rows).toEqual(await db.submissions.bulkGet(ids));
    expect(rows[294]?.packageId).toBe('pkg-b');
    // The first call is rowsById's own: only what the package read did not hold.
    expect(bulkGet.mock.calls[0]![0]).toEqual(['sub-5', 'missing', '']);
  });

  it('gets a small share of a big package one by one', async () => {
    await db.submissions.bulkAdd(Array.from({ length: 1200 }, (_, i) => sub('pkg-a', i)));
    const ids = Array.from({ length: 250 }, (_, i) => `sub-${i * 4}`);
    const bulkGet = vi.spyOn(db.submissions, 'bulkGet');
    const rows = await rowsById(db.submissions, ids, ['pkg-a']);
    expect(rows.map((r) => r?.id)).toEqual(ids);
    expect(bulkGet.mock.calls[0]![0]).toHaveLength(250);
  });
});
