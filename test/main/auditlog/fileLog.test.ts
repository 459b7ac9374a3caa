import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLogFile } from '../../../src-main/services/auditlog/fileLog';
import type { AuditEvent } from '../../../src-shared/auditlog/entry';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

const event = (n: number): AuditEvent => ({
  at: new Date(Date.UTC(2026, 2, 2, 2, n)).toISOString(),
  actor: 'p-1',
  action: 'create',
  entityKind: 'finding',
  entityId: `f-${n}`,
  payload: { n },
});

describe('audit log file in main', () => {
  it('appends chained entries that verify after reopening', async () => {
    const file = path.join(await temp.make('qh-audit-'), 'audit.jsonl');
    const log = openAuditLogFile(file);
    await Promise.all([0, 1, 2].map((n) => log.append(event(n))));
    const reopened = openAuditLogFile(file);
    await reopened.append(event(3));
    const { entries, check } = await reopened.read();
    expect(entries).toHaveLength(4);
    expect(check).toMatchObject({ ok: true, head: { seq: 3 } });
  });

  it('refuses to append after a tampered line and keeps the file as it was', async () => {
    const file = path.join(await temp.make('qh-audit-'), 'audit.jsonl');
    const log = openAuditLogFile(file);
    for (const n of [0, 1, 2]) await log.append(event(n));
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"f-1"', '"f-9"');
    await writeFile(file, lines.join('\n'));
    const before = await readFile(file, 'utf8');
    const r = await openAuditLogFile(file).append(event(3));
    expect(r).toMatchObject({ ok: false, code: 'audit-chain-broken' });
    expect(await readFile(file, 'utf8')).toBe(before);
    const { check } = await openAuditLogFile(file).read();
    expect(check).toMatchObject({ ok: false, seq: 1, reason: 'hash-mismatch' });
  });

  it('reports a line that is not JSON as malformed at its position', async () => {
    const file = path.join(await temp.make('qh-audit-'), 'audit.jsonl');
    const log = openAuditLogFile(file);
    await log.append(event(0));
    await appendFile(file, '{broken\n');
    expect((await log.read()).check).toMatchObject({ ok: false, seq: 1, reason: 'malformed' });
  });
});
