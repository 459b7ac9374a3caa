// Appending and verifying the hash chain. Verification reports the first broken link and
// never repairs: a broken chain is evidence and must stay visible.
import { canonicalBytes } from '../wire/canonical';
import { webSha256Hex, type HashHex } from '../wire/digest';
import { GENESIS_HASH, auditEntrySchema, type AuditEntry, type AuditEvent } from './entry';

export type ChainBreakReason = 'malformed' | 'seq-gap' | 'prev-mismatch' | 'hash-mismatch';

export type ChainCheck =
  | { ok: true; head: { seq: number; hash: string } | null; length: number }
  | { ok: false; seq: number; reason: ChainBreakReason; message: string };

export function entryHashOf(
  entry: Omit<AuditEntry, 'entryHash'>,
  hash: HashHex = webSha256Hex,
): Promise<string> {
  const { seq, at, actor, action, entityKind, entityId, payloadHash, prevHash } = entry;
  return hash(
    canonicalBytes({ seq, at, actor, action, entityKind, entityId, payloadHash, prevHash }),
  );
}

/** The entry that follows `prev` (null for the first entry of a log). */
export async function appendEntry(
  prev: AuditEntry | null,
  event: AuditEvent,
  hash: HashHex = webSha256Hex,
): Promise<AuditEntry> {
  const body = {
    seq: prev ? prev.seq + 1 : 0,
    at: event.at,
    actor: event.actor,
    action: event.action,
    entityKind: event.entityKind,
    entityId: event.entityId,
    payloadHash: await hash(canonicalBytes(event.payload)),
    prevHash: prev ? prev.entryHash : GENESIS_HASH,
  };
  const entry = { ...body, entryHash: await entryHashOf(body, hash) };
  // Validate what we produce so a bad actor id or timestamp fails at write time, not at audit.
  return auditEntrySchema.parse(entry);
}

/** Entries must be given in the order they were stored (by seq as written). */
export async function verifyChain(
  entries: readonly unknown[],
  hash: HashHex = webSha256Hex,
): Promise<ChainCheck> {
  let prev: AuditEntry | null = null;
  for (let i = 0; i < entries.length; i++) {
    const parsed = auditEntrySchema.safeParse(entries[i]);
    if (!parsed.success) {
      return { ok: false, seq: i, reason: 'malformed', message: `审计日志第 ${i} 条格式不正确` };
    }
    const e = parsed.data;
    const expectedSeq = prev ? prev.seq + 1 : 0;
    if (e.seq !== expectedSeq) {
      return {
        ok: false,
        seq: expectedSeq,
        reason: 'seq-gap',
        message: `审计日志在序号 ${expectedSeq} 处断开：下一条是 ${e.seq}`,
      };
    }
    if (e.prevHash !== (prev ? prev.entryHash : GENESIS_HASH)) {
      return {
        ok: false,
        seq: e.seq,
        reason: 'prev-mismatch',
        message: `审计日志第 ${e.seq} 条与前一条的链接不符，前面的记录可能被改动或删除`,
      };
    }
    if ((await entryHashOf(e, hash)) !== e.entryHash) {
      return {
        ok: false,
        seq: e.seq,
        reason: 'hash-mismatch',
        message: `审计日志第 ${e.seq} 条的内容与其哈希不符，已被改动`,
      };
    }
    prev = e;
  }
  return {
    ok: true,
    head: prev ? { seq: prev.seq, hash: prev.entryHash } : null,
    length: entries.length,
  };
}

/** Checks that a stored payload is the one an entry recorded. */
export async function payloadMatches(
  entry: AuditEntry,
  payload: unknown,
  hash: HashHex = webSha256Hex,
): Promise<boolean> {
  return (await hash(canonicalBytes(payload))) === entry.payloadHash;
}
