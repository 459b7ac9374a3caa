import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../src-renderer/db/audit';
import { auditWords, bundleNumbers } from '../../../src-renderer/db/auditNames';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { submitReview } from '../../../src-renderer/features/review/reviewStore';
import { markSent } from '../../../src-renderer/features/sync/syncStore';
import { t } from '../../../src-renderer/app/strings';
import { assignment, goodDraft, rubric, seed } from '../review/fixtures';

let db: WorkstationDb;
let n = 0;
const PROFILE = { id: 'profile-wang', name: '王建华' };
const names = { ...t.auditLog.names, entities: t.auditLog.entities };

beforeEach(async () => {
  db = new WorkstationDb(`audit-names-${++n}`);
  await db.open();
  await seed(db);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('audit log in words', () => {
  it('names the actor, the trainee and outcome of a review, and the bundle by its number', async () => {
    const r = await submitReview(db, {
      profileId: PROFILE.id,
      assignment: assignment(1),
      rubric,
      draft: goodDraft(),
      now: new Date('2026-03-01T02:00:00Z'),
    });
    if (!r.ok) throw new Error('submit failed');
    const sent = {
      bundleId: 'b'.repeat(32),
      bundleHash: 'c'.repeat(64),
      counter: 3,
      recordIds: [r.review.id],
      createdAt: '2026-03-01T03:00:00.000Z',
    };
    await markSent(db, PROFILE.id, sent);
    const rows = await recentAudit(db);
    // The number comes from main's outbox (sync.status), the one record of bundle history.
    const numbers = bundleNumbers({ pending: sent, acknowledged: [], nextCounter: 3 });
    expect(await auditWords(db, rows, PROFILE, names, numbers)).toEqual([
      { actor: '王建华', object: '结果包 第 3 号' },
      { actor: '王建华', object: '张三 · 计划书 1' },
    ]);
  });

  it('says when the named record is no longer on this machine instead of showing an id', async () => {
    const rows = [
      {
        seq: 0,
        at: '2026-03-01T02:00:00.000Z',
        actor: PROFILE.id,
        action: 'submit' as const,
        entityKind: 'review' as const,
        entityId: 'rev-gone',
        payloadHash: 'a'.repeat(64),
        prevHash: '0'.repeat(64),
        hash: 'b'.repeat(64),
      },
    ];
    expect(await auditWords(db, rows, PROFILE, names)).toEqual([
      { actor: '王建华', object: '评审意见（本机已无该记录）' },
    ]);
  });
});

describe('bundle numbers from main', () => {
  it('numbers the pending bundle, every acknowledged bundle and each receipt by its counter', () => {
    const at = '2026-03-01T03:00:00.000Z';
    const sent = (id: string, counter: number) => ({
      bundleId: id,
      bundleHash: 'c'.repeat(64),
      counter,
      recordIds: [],
      createdAt: at,
    });
    const numbers = bundleNumbers({
      pending: sent('b-3', 3),
      acknowledged: [
        { ...sent('b-1', 1), receiptId: 'r-1', acknowledgedAt: at, acceptedRecordIds: [] },
        { ...sent('b-2', 2), receiptId: 'r-2', acknowledgedAt: at, acceptedRecordIds: [] },
      ],
      nextCounter: 3,
    });
    expect([...numbers.bundles]).toEqual([
      ['b-1', 1],
      ['b-2', 2],
      ['b-3', 3],
    ]);
    expect([...numbers.receipts]).toEqual([
      ['r-1', 1],
      ['r-2', 2],
    ]);
    expect(bundleNumbers(null).bundles.size).toBe(0);
  });
});
