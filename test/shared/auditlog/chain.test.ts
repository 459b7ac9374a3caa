import { describe, expect, it } from 'vitest';
import { appendEntry, payloadMatches, verifyChain } from '../../../src-shared/auditlog/chain';
import type { AuditEntry, AuditEvent } from '../../../src-shared/auditlog/entry';

function makeEvent(n: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    at: new Date(Date.UTC(2026, 2, 2, 2, n)).toISOString(),
    actor: 'p-expert',
    action: n === 0 ? 'create' : 'change',
    entityKind: 'review',
    entityId: `rev-${n % 3}`,
    payload: { score: 40 + n, comment: `意见 ${n}` },
    ...over,
  };
}

async function makeLog(length: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let i = 0; i < length; i++) out.push(await appendEntry(out.at(-1) ?? null, makeEvent(i)));
  return out;
}

describe('audit log hash chain', () => {
  it('verifies an untouched chain and reports its head', async () => {
    const log = await makeLog(5);
    expect(await verifyChain(log)).toEqual({
      ok: true,
      head: { seq: 4, hash: log[4]!.entryHash },
      length: 5,
    });
    expect(await verifyChain([])).toEqual({ ok: true, head: null, length: 0 });
  });

  it('reports the edited entry when a field of it is changed', async () => {
    const log = await makeLog(5);
    log[2] = { ...log[2]!, actor: 'p-other' };
    expect(await verifyChain(log)).toMatchObject({ ok: false, seq: 2, reason: 'hash-mismatch' });
  });

  it('reports the entry after one that was re-hashed to hide an edit', async () => {
    const log = await makeLog(5);
    const forged = await appendEntry(log[1]!, makeEvent(2, { payload: { score: 100 } }));
    log[2] = forged;
    expect(await verifyChain(log)).toMatchObject({ ok: false, seq: 3, reason: 'prev-mismatch' });
  });

  it('reports a removed entry as a gap at the missing sequence number', async () => {
    const log = await makeLog(5);
    log.splice(3, 1);
    expect(await verifyChain(log)).toMatchObject({ ok: false, seq: 3, reason: 'seq-gap' });
  });

  it('reports swapped entries and does not repair the chain', async () => {
    const log = await makeLog(4);
    const swapped = [log[0]!, log[2]!, log[1]!, log[3]!];
    const snapshot = JSON.stringify(swapped);
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, seq: 1, reason: 'seq-gap' });
    expect(JSON.stringify(swapped)).toBe(snapshot);
  });

  it('reports a malformed entry by position', async () => {
    const log: unknown[] = await makeLog(3);
    log[1] = { seq: 1, junk: true };
    expect(await verifyChain(log)).toMatchObject({ ok: false, seq: 1, reason: 'malformed' });
  });

  it('hashes the payload canonically so key order does not matter but content does', async () => {
    const [entry] = await makeLog(1);
    expect(await payloadMatches(entry!, { comment: '意见 0', score: 40 })).toBe(true);
    expect(await payloadMatches(entry!, { comment: '意见 0', score: 41 })).toBe(false);
  });

  it('gives the same hashes with an injected hash function as with WebCrypto', async () => {
    const { createHash } = await import('node:crypto');
    const nodeHash = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const a = await appendEntry(null, makeEvent(0));
    const b = await appendEntry(null, makeEvent(0), nodeHash);
    expect(b.entryHash).toBe(a.entryHash);
  });
});
