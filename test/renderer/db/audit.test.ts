import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditAlertText } from '../../../src-renderer/app/auditCheck';
import {
  appendAudit,
  auditHead,
  checkAuditLog,
  verifyAuditLog,
} from '../../../src-renderer/db/audit';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { GENESIS_HASH, type AuditEvent } from '../../../src-shared/auditlog';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`audit-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function event(i: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    at: new Date(Date.UTC(2025, 2, 1, 8, 0, i)).toISOString(),
    actor: 'profile-1',
    action: 'submit',
    entityKind: 'review',
    entityId: `rv-${i}`,
    payload: { i, scores: [1, 2, 3] },
    ...over,
  };
}

async function append(e: AuditEvent) {
  return db.transaction('rw', db.auditLog, () => appendAudit(db, e));
}

describe('audit log in IndexedDB', () => {
  it('starts empty: no head, and an empty chain verifies', async () => {
    expect(await auditHead(db)).toBeNull();
    expect(await verifyAuditLog(db)).toEqual({ ok: true, head: null, length: 0 });
  });

  it('appends linked entries and verifies them; the head is the newest entry', async () => {
    const first = await append(event(0));
    const second = await append(event(1, { action: 'change' }));
    expect(first.seq).toBe(0);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.seq).toBe(1);
    expect(second.prevHash).toBe(first.hash);
    expect(await auditHead(db)).toEqual({ seq: 1, hash: second.hash });
    expect(await verifyAuditLog(db)).toEqual({
      ok: true,
      head: { seq: 1, hash: second.hash },
      length: 2,
    });
  });

  it('refuses to append outside a read-write transaction that includes auditLog', async () => {
    await expect(appendAudit(db, event(0))).rejects.toThrow(/读写事务/);
    await expect(db.transaction('r', db.auditLog, () => appendAudit(db, event(0)))).rejects.toThrow(
      /读写事务/,
    );
    expect(await db.auditLog.count()).toBe(0);
  });

  it('rolls the entry back with the transaction it belongs to', async () => {
    await expect(
      db.transaction('rw', db.auditLog, db.reviews, async () => {
        await appendAudit(db, event(0));
        await db.reviews.add({ id: 'r1', createdAt: event(0).at });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.reviews.count()).toBe(0);
  });

  it('keeps the transaction alive across the WebCrypto hash (writes after it still commit)', async () => {
    await db.transaction('rw', db.auditLog, db.reviews, async () => {
      await appendAudit(db, event(0));
      // Would throw TransactionInactiveError if the hash had let the transaction commit.
      await db.reviews.add({ id: 'r1', createdAt: event(0).at });
      await appendAudit(db, event(1));
    });
    expect(await db.reviews.count()).toBe(1);
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });

  it('never forks the chain under concurrent appends', async () => {
    const rows = await Promise.all(Array.from({ length: 25 }, (_, i) => append(event(i))));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
    const check = await verifyAuditLog(db);
    expect(check).toMatchObject({ ok: true, length: 25, head: { seq: 24 } });
    // Every prevHash is used exactly once: a fork would reuse one.
    const stored = await db.auditLog.toArray();
    expect(new Set(stored.map((r) => r.prevHash)).size).toBe(25);
  });

  it('reports the seq and reason when a stored entry is changed, and changes nothing', async () => {
    for (let i = 0; i < 4; i++) await append(event(i));
    await db.auditLog.update(2, { entityId: 'rv-forged' });
    const before = await db.auditLog.toArray();
    const check = await verifyAuditLog(db);
    expect(check).toMatchObject({ ok: false, seq: 2, reason: 'hash-mismatch' });
    if (!check.ok) expect(check.message).toContain('第 2 条');
    // Verification never repairs.
    expect(await db.auditLog.toArray()).toEqual(before);
  });

  it('reports a deleted entry as a gap at its seq', async () => {
    for (let i = 0; i < 4; i++) await append(event(i));
    await db.auditLog.delete(1);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, seq: 1, reason: 'seq-gap' });
  });

  it('reports a re-hashed forged entry as a broken link to the next one', async () => {
    for (let i = 0; i < 3; i++) await append(event(i));
    await db.auditLog.update(1, { hash: 'f'.repeat(64) });
    const check = await verifyAuditLog(db);
    expect(check).toMatchObject({ ok: false, seq: 1, reason: 'hash-mismatch' });
  });

  it('reports a malformed row', async () => {
    await append(event(0));
    await db.auditLog.update(0, { at: 'yesterday' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, seq: 0, reason: 'malformed' });
  });
});

describe('the start-up check', () => {
  it('shows nothing for an intact (or empty) chain', async () => {
    expect(await checkAuditLog(db)).toEqual({ state: 'ok', length: 0 });
    await append(event(0));
    const status = await checkAuditLog(db);
    expect(status).toEqual({ state: 'ok', length: 1 });
    expect(auditAlertText(status)).toBeNull();
  });

  it('names the broken entry and the reason, and says it will not repair it', async () => {
    for (let i = 0; i < 4; i++) await append(event(i));
    await db.auditLog.update(2, { payloadHash: 'e'.repeat(64) });
    const status = await checkAuditLog(db);
    expect(status).toMatchObject({ state: 'broken', check: { seq: 2, reason: 'hash-mismatch' } });
    expect(auditAlertText(status)).toBe(
      '审计日志链在第 2 条断裂：记录内容与其哈希不符，已被改动。请联系区级管理员；本工作站不会自动修复。',
    );
    // Checking again gives the same answer: nothing was repaired in between.
    expect(await checkAuditLog(db)).toEqual(status);
  });

  it('reports a check that could not run instead of throwing', async () => {
    db.close();
    const status = await checkAuditLog(db);
    expect(status.state).toBe('error');
    expect(auditAlertText(status)).toMatch(/^无法校验审计日志：/);
  });
});
