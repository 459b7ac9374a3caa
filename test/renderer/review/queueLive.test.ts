// The queue's two live parts (queueLive.ts): a saved draft or a submitted review wakes only the
// profile's own part, never the package tables' read; coming back to the screen reads the kept
// package part by `packages` alone, and an import reads it again. Reads are counted below
// Dexie (a DBCore middleware), so what is counted is what reached IndexedDB.
import Dexie, { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkstationDb } from '../../../src-renderer/db/db';
import {
  loadQueue,
  loadQueueOwn,
  queueBaseTables,
  type QueueItem,
} from '../../../src-renderer/features/review/queue';
import {
  liveQueueBase,
  queueCombiner,
  STORED_BASE_KEY,
} from '../../../src-renderer/features/review/queueLive';
import { saveDraft, submitReview } from '../../../src-renderer/features/review/reviewStore';
import { assignment, goodDraft, PKG, rubric, seed } from './fixtures';

let db: WorkstationDb;
let reads: Map<string, number>;
let n = 0;
const stops: (() => void)[] = [];

function countReads(d: WorkstationDb): Map<string, number> {
  const counts = new Map<string, number>();
  d.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        const bump = () => counts.set(name, (counts.get(name) ?? 0) + 1);
        return {
          ...t,
          get: (req) => (bump(), t.get(req)),
          getMany: (req) => (bump(), t.getMany(req)),
          query: (req) => (bump(), t.query(req)),
          openCursor: (req) => (bump(), t.openCursor(req)),
          count: (req) => (bump(), t.count(req)),
        };
      },
    }),
  });
  return counts;
}

const packageReads = () => queueBaseTables.reduce((sum, t) => sum + (reads.get(t) ?? 0), 0);

/** Resolves with the first value the stream gives that passes `ok`. */
function watch<T>(query: () => Promise<T>): {
  next: (ok: (v: T) => boolean) => Promise<T>;
  latest: () => T | undefined;
} {
  let latest: T | undefined;
  let waiters: { ok: (v: T) => boolean; resolve: (v: T) => void }[] = [];
  const sub = liveQuery(query).subscribe({
    next: (v) => {
      latest = v;
      waiters = waiters.filter((w) => (w.ok(v) ? (w.resolve(v), false) : true));
    },
    error: (e: unknown) => {
      throw e;
    },
  });
  stops.push(() => sub.unsubscribe());
  return {
    latest: () => latest,
    next: (ok) =>
      new Promise<T>((resolve) => {
        if (latest !== undefined && ok(latest)) resolve(latest);
        else waiters.push({ ok, resolve });
      }),
  };
}

/** The screen's way: both parts watched, joined by one combiner. */
function watchQueue(profileId: string, expertId: string) {
  const base = watch(() => liveQueueBase(db, expertId));
  const own = watch(() => loadQueueOwn(db, profileId));
  const combine = queueCombiner();
  return async (ok: (items: readonly QueueItem[]) => boolean) => {
    for (;;) {
      const b = await base.next(() => true);
      const o = await own.next(() => true);
      const items = combine(b, o);
      if (ok(items)) return items;
      // Not there yet: wait for either part to move on.
      await Promise.race([base.next((v) => v !== b), own.next((v) => v !== o)]);
    }
  };
}

/** The package row an import writes with the fixture's rows. */
const pkg = {
  packageId: PKG,
  version: 1,
  envelopeHash: 'h1',
  title: '测试工作包',
  issuer: '测试',
  district: '海淀区',
  createdAt: '2025-03-01T00:00:00+08:00',
  policyPackId: 'pp',
  signedBy: [],
  importedAt: '2025-03-02T00:00:00+08:00',
};

const stateOf = (items: readonly QueueItem[], id: string) =>
  items.find((i) => i.assignment.id === id)?.state;

beforeEach(async () => {
  db = new WorkstationDb(`review-queue-live-${++n}`);
  reads = countReads(db);
  await db.open();
  await seed(db);
});
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  db.close();
  await Dexie.delete(db.name);
});

describe('the live queue', () => {
  it('counts the package reads of the single query it replaced on a draft save', async () => {
    // The counter itself: watching the whole queue in one query re-reads the package tables
    // when a draft is saved. Without this the test below could pass by counting nothing.
    const whole = watch(() => loadQueue(db, 'p1', 'exp-01'));
    await whole.next((items) => items.length === 2);
    const before = packageReads();
    await saveDraft(db, 'p1', 'asg-2-exp-01', goodDraft());
    await whole.next((items) => stateOf(items, 'asg-2-exp-01') === 'draft');
    expect(packageReads()).toBeGreaterThan(before);
  });

  it('shows a saved draft and a submitted review without re-reading the package tables', async () => {
    const queue = watchQueue('p1', 'exp-01');
    const first = await queue((items) => items.length === 2);
    expect(first.map((i) => i.state)).toEqual(['todo', 'todo']);
    const before = packageReads();
    expect(before).toBeGreaterThan(0);

    await saveDraft(db, 'p1', 'asg-2-exp-01', goodDraft());
    const drafted = await queue((items) => stateOf(items, 'asg-2-exp-01') === 'draft');
    // The item that did not change is the same object (the index keeps its bits).
    expect(drafted[0]).toBe(first[0]);
    expect(drafted[1]).not.toBe(first[1]);

    await submitReview(db, {
      profileId: 'p1',
      assignment: assignment(1),
      rubric,
      draft: goodDraft(),
    });
    const submitted = await queue((items) => stateOf(items, 'asg-1-exp-01') === 'pending');
    expect(submitted.map((i) => i.state)).toEqual(['pending', 'draft']);
    expect(packageReads()).toBe(before);
  });

  it('keeps the package part for the next visit and reads it again after an import', async () => {
    await db.packages.put(pkg);
    const first = watch(() => liveQueueBase(db, 'exp-01'));
    const base = await first.next((b) => b.length === 2);
    for (const stop of stops.splice(0)) stop();

    // Back on the screen: the same list, and only `packages` read for it.
    const before = packageReads();
    const again = watch(() => liveQueueBase(db, 'exp-01'));
    expect(await again.next(() => true)).toBe(base);
    expect(packageReads()).toBe(before);

    // An import writes its rows and its `packages` row together: the part is read again.
    await db.transaction('rw', [db.packages, db.trainees], async () => {
      await db.trainees.update('T-1', { name: '张三丰' });
      await db.packages.put({ ...pkg, version: 2, importedAt: '2025-03-03T00:00:00+08:00' });
    });
    const renamed = await again.next((b) => b.some((i) => i.traineeName === '张三丰'));
    expect(renamed).not.toBe(base);
    expect(packageReads()).toBeGreaterThan(before);
  });

  it('opens the next session from the stored part, and reads the tables after an import', async () => {
    await db.packages.put(pkg);
    const base = await watch(() => liveQueueBase(db, 'exp-01')).next((b) => b.length === 2);
    await watch(() => db.settings.get(STORED_BASE_KEY)).next((row) => row !== undefined);

    // The app started again: nothing in memory, a database object of its own.
    const later = new WorkstationDb(db.name);
    const laterReads = countReads(later);
    const laterPackageReads = () =>
      queueBaseTables.reduce((sum, t) => sum + (laterReads.get(t) ?? 0), 0);
    try {
      await later.open();
      const stored = watch(() => liveQueueBase(later, 'exp-01'));
      expect(await stored.next(() => true)).toEqual(base);
      expect(laterPackageReads()).toBe(0);
      expect((await later.settings.get(STORED_BASE_KEY))?.value).toMatchObject({
        key: expect.stringContaining('exp-01'),
      });

      // Another expert's list is not this one: read from the tables.
      const other = await watch(() => liveQueueBase(later, 'exp-02')).next(() => true);
      expect(other.every((i) => i.assignment.expertId === 'exp-02')).toBe(true);
      expect(laterPackageReads()).toBeGreaterThan(0);

      // An import changes the key: the stored list is not used, the new rows are.
      const before = laterPackageReads();
      await later.transaction('rw', [later.packages, later.trainees], async () => {
        await later.trainees.update('T-1', { name: '张三丰' });
        await later.packages.put({ ...pkg, version: 2, importedAt: '2025-03-03T00:00:00+08:00' });
      });
      const renamed = await stored.next((b) => b.some((i) => i.traineeName === '张三丰'));
      expect(renamed).toHaveLength(2);
      expect(laterPackageReads()).toBeGreaterThan(before);
    } finally {
      for (const stop of stops.splice(0)) stop();
      later.close();
    }
  });
});
