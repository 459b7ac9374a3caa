// The renderer's audit log: every review submission, change and sync step appends one entry to
// a hash chain in IndexedDB (src-shared/auditlog). The chain is checked at start-up and before
// an export; a broken chain is reported, never repaired.
//
// Why Dexie.waitFor: hashing uses WebCrypto, whose promises are not IndexedDB requests. An
// IndexedDB transaction commits as soon as it has no pending request when control returns to
// the event loop, so awaiting crypto.subtle.digest inside a transaction would let it commit
// before the audit row is written — and a second append could then read the same head and
// fork the chain. Dexie.waitFor keeps the transaction alive while the hash is computed, so
// "read head → hash → add seq+1" happens under one transaction's lock. The `add` (not `put`)
// on the seq primary key is the second guard: a duplicate seq aborts instead of overwriting.
import Dexie from 'dexie';
import {
  appendEntry,
  verifyChain,
  type AuditEntry,
  type AuditEvent,
  type ChainCheck,
} from '../../src-shared/auditlog';
import type { WorkstationDb } from './db';
import type { AuditLogRow } from './types';

export type { AuditEvent, ChainCheck };

export function rowToEntry(row: AuditLogRow): AuditEntry {
  const { seq, at, actor, action, entityKind, entityId, payloadHash, prevHash, hash } = row;
  return { seq, at, actor, action, entityKind, entityId, payloadHash, prevHash, entryHash: hash };
}

function entryToRow(entry: AuditEntry): AuditLogRow {
  const { entryHash, ...rest } = entry;
  return { ...rest, hash: entryHash };
}

/**
 * Appends one entry after the current head. Must run inside a Dexie read-write transaction that
 * includes db.auditLog, so the entry commits (or rolls back) together with the change it records.
 */
export async function appendAudit(db: WorkstationDb, event: AuditEvent): Promise<AuditLogRow> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes('auditLog')) {
    // A programming error, not a user one: an audit entry outside the transaction of its change
    // could be written without the change (or the change without it).
    throw new Error('appendAudit 须在包含 auditLog 的读写事务中调用');
  }
  const last = await db.auditLog.orderBy('seq').last();
  const entry = await Dexie.waitFor(appendEntry(last ? rowToEntry(last) : null, event));
  const row = entryToRow(entry);
  await db.auditLog.add(row);
  return row;
}

/** The newest entry's seq and hash (what a result bundle names as its audit-log head). */
export async function auditHead(db: WorkstationDb): Promise<{ seq: number; hash: string } | null> {
  const last = await db.auditLog.orderBy('seq').last();
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/** Checks every stored entry in seq order; reports the first broken link. */
export async function verifyAuditLog(db: WorkstationDb): Promise<ChainCheck> {
  // Read outside any transaction on purpose: the check hashes (WebCrypto) after reading.
  const rows = await db.auditLog.orderBy('seq').toArray();
  return verifyChain(rows.map(rowToEntry));
}

/** The newest entries, newest first, for the settings screen's audit-log view. */
export async function recentAudit(db: WorkstationDb, limit = 50): Promise<AuditLogRow[]> {
  return db.auditLog.orderBy('seq').reverse().limit(limit).toArray();
}

export type AuditStatus =
  | { state: 'ok'; length: number }
  | { state: 'broken'; check: Extract<ChainCheck, { ok: false }> }
  | { state: 'error'; message: string };

/** The start-up check: never throws, never repairs; the shell shows anything but 'ok'. */
export async function checkAuditLog(db: WorkstationDb): Promise<AuditStatus> {
  try {
    const check = await verifyAuditLog(db);
    return check.ok ? { state: 'ok', length: check.length } : { state: 'broken', check };
  } catch (error) {
    return { state: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
