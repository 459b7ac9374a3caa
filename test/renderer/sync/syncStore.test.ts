import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, auditHead, verifyAuditLog } from '../../../src-renderer/db/audit';
import { WorkstationDb } from '../../../src-renderer/db/db';
import type { LocalWorkRow, SyncState } from '../../../src-renderer/db/types';
import {
  applyReceipt,
  gatherBundleInput,
  markSent,
  syncCounts,
} from '../../../src-renderer/features/sync/syncStore';
import type { ReceiptOutcome, SentBundleInfo } from '../../../src-shared/ipc/sync';

const ME = 'profile-me';
const OTHER = 'profile-other';
let db: WorkstationDb;
let n = 0;

beforeEach(async () => {
  db = new WorkstationDb(`sync-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function review(i: number, profileId = ME, syncState: SyncState = 'pending'): LocalWorkRow {
  return {
    id: `rv-${i}`,
    assignmentId: `as-${i}`,
    submissionId: `sub-${i}`,
    profileId,
    scores: [{ criterionId: 'c1', score: 20 }],
    total: 20,
    verdict: 'pass',
    comment: '计划书完整，可行。',
    createdAt: new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(),
    syncState,
  };
}

/** Stores reviews the way the review form does: each row with its 'submit' audit entry. */
async function seed(rows: LocalWorkRow[]) {
  for (const row of rows) {
    await db.transaction('rw', db.reviews, db.auditLog, async () => {
      await db.reviews.add(row);
      await appendAudit(db, {
        at: row.createdAt,
        actor: String(row.profileId),
        action: 'submit',
        entityKind: 'review',
        entityId: row.id,
        payload: row,
      });
    });
  }
}

const states = async () =>
  Object.fromEntries((await db.reviews.toArray()).map((r) => [r.id, r.syncState]));

const bundle = (recordIds: string[]): SentBundleInfo => ({
  bundleId: 'b-1',
  bundleHash: 'b'.repeat(64),
  counter: 1,
  recordIds,
  createdAt: '2026-03-02T02:00:00.000Z',
});

const outcome = (accepted: string[], sent: string[], over: Partial<ReceiptOutcome> = {}) => ({
  receiptId: 'r-1',
  bundleId: 'b-1',
  counter: 1,
  acceptedRecordIds: accepted,
  sentRecordIds: sent,
  alreadyAcknowledged: false,
  ...over,
});

describe('what goes into the next bundle', () => {
  it("takes only this profile's pending records, as result records, with the audit head", async () => {
    await seed([review(1), review(2, OTHER), review(3, ME, 'sent'), review(4)]);
    const input = await gatherBundleInput(db, ME);
    if (!input.ok) throw new Error(input.code);
    expect(input.records.map((r) => r.id)).toEqual(['rv-1', 'rv-4']);
    expect(input.records[0]).toEqual({
      id: 'rv-1',
      kind: 'review',
      createdAt: review(1).createdAt,
      payload: {
        assignmentId: 'as-1',
        submissionId: 'sub-1',
        profileId: ME,
        scores: [{ criterionId: 'c1', score: 20 }],
        total: 20,
        verdict: 'pass',
        comment: '计划书完整，可行。',
      },
    });
    expect(input.auditLogHead).toEqual(await auditHead(db));
    expect(input.auditLogHead?.seq).toBe(3);
  });

  it('names only the work packages the records are about', async () => {
    const submission = (id: string, packageId: string) =>
      ({ id, packageId, traineeId: 't', classId: 'c', kind: 'plan' }) as never;
    await db.submissions.bulkPut([
      submission('sub-1', 'PKG-HD'),
      submission('sub-4', 'PKG-CY'),
      submission('sub-9', 'PKG-DEMO'),
    ]);
    await db.classes.put({ id: 'CLS-1', packageId: 'PKG-XC' } as never);
    await seed([review(1), review(4), { ...review(6), submissionId: undefined, classId: 'CLS-1' }]);
    const input = await gatherBundleInput(db, ME);
    if (!input.ok) throw new Error(input.code);
    expect(input.workPackageIds).toEqual(['PKG-CY', 'PKG-HD', 'PKG-XC']);
  });

  it('carries supersedes as the record field, not in the payload', async () => {
    await seed([{ ...review(5), supersedes: 'rv-0' }]);
    const input = await gatherBundleInput(db, ME);
    if (!input.ok) throw new Error(input.code);
    expect(input.records[0]).toMatchObject({ supersedes: 'rv-0' });
    expect(input.records[0]?.payload).not.toHaveProperty('supersedes');
  });

  it('says there is nothing to send when no record is pending', async () => {
    await seed([review(1, OTHER), review(2, ME, 'acknowledged')]);
    expect(await gatherBundleInput(db, ME)).toEqual({ ok: false, code: 'nothing-to-send' });
  });

  it('refuses to export over a broken audit chain and names the entry', async () => {
    await seed([review(1), review(2)]);
    const first = await db.auditLog.get(0);
    await db.auditLog.put({ ...first!, actor: 'someone-else' });
    const input = await gatherBundleInput(db, ME);
    expect(input).toMatchObject({ ok: false, code: 'audit-broken', seq: 0 });
  });
});

describe('syncState transitions', () => {
  it('marks the bundled records sent with a sync-send audit entry, leaving bundle history to main', async () => {
    await seed([review(1), review(2), review(3)]);
    const changed = await markSent(db, ME, bundle(['rv-1', 'rv-2']));
    expect(changed).toBe(2);
    expect(await states()).toEqual({ 'rv-1': 'sent', 'rv-2': 'sent', 'rv-3': 'pending' });
    expect(await db.outbox.count()).toBe(0);
    const last = await db.auditLog.orderBy('seq').last();
    expect(last).toMatchObject({ action: 'sync-send', entityKind: 'bundle', entityId: 'b-1' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, length: 4 });
    expect(await syncCounts(db, ME)).toEqual({ pending: 1, sent: 2, acknowledged: 0 });
  });

  it('acknowledges exactly the receipt ids and returns the rest of the bundle to pending', async () => {
    await seed([review(1), review(2), review(3)]);
    await markSent(db, ME, bundle(['rv-1', 'rv-2']));
    const applied = await applyReceipt(db, ME, outcome(['rv-1'], ['rv-1', 'rv-2']));
    expect(applied).toEqual({ acknowledged: 1, returnedToPending: 1 });
    expect(await states()).toEqual({
      'rv-1': 'acknowledged',
      'rv-2': 'pending',
      'rv-3': 'pending',
    });
    expect(await db.receipts.count()).toBe(0);
    const last = await db.auditLog.orderBy('seq').last();
    expect(last).toMatchObject({ action: 'sync-ack', entityKind: 'receipt', entityId: 'r-1' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, length: 5 });
  });

  it('applying the same receipt twice changes nothing and logs nothing more', async () => {
    await seed([review(1)]);
    await markSent(db, ME, bundle(['rv-1']));
    await applyReceipt(db, ME, outcome(['rv-1'], ['rv-1']));
    const before = await db.auditLog.count();
    const again = await applyReceipt(
      db,
      ME,
      outcome(['rv-1'], ['rv-1'], { alreadyAcknowledged: true }),
    );
    expect(again).toEqual({ acknowledged: 0, returnedToPending: 0 });
    expect(await db.auditLog.count()).toBe(before);
  });

  it('completes a receipt main recorded but the renderer never applied (re-import)', async () => {
    await seed([review(1), review(2)]);
    await markSent(db, ME, bundle(['rv-1', 'rv-2']));
    const applied = await applyReceipt(
      db,
      ME,
      outcome(['rv-1', 'rv-2'], ['rv-1', 'rv-2'], { alreadyAcknowledged: true }),
    );
    expect(applied.acknowledged).toBe(2);
    expect(await syncCounts(db, ME)).toEqual({ pending: 0, sent: 0, acknowledged: 2 });
  });

  it('rolls everything back when the audit entry cannot be written', async () => {
    await seed([review(1)]);
    await markSent(db, ME, bundle(['rv-1']));
    const before = await db.auditLog.count();
    // An id the audit schema refuses makes appendAudit throw inside the transaction.
    await expect(
      applyReceipt(db, ME, outcome(['rv-1'], ['rv-1'], { receiptId: 'bad id with spaces' })),
    ).rejects.toThrow();
    expect(await states()).toEqual({ 'rv-1': 'sent' });
    expect(await db.auditLog.count()).toBe(before);
  });
});
