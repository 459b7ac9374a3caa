// A hash-chained audit log kept by main as JSON lines, one entry per line, only ever
// appended. Verification reports the first broken link; nothing here rewrites a line.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { appendEntry, verifyChain, type ChainCheck } from '../../../src-shared/auditlog/chain';
import type { AuditEntry, AuditEvent } from '../../../src-shared/auditlog/entry';
import { nodeSha256Hex } from '../crypto/hash';
import { serialQueue } from '../../common/serialQueue';
import type { Failure } from '../../../src-shared/failure';

export interface AuditLogFile {
  append(event: AuditEvent): Promise<{ ok: true; entry: AuditEntry } | Failure>;
  /** Entries as stored, and the chain check over them. */
  read(): Promise<{ entries: unknown[]; check: ChainCheck }>;
}

async function readLines(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        // Kept as is so verifyChain reports it as malformed at its position.
        return l;
      }
    });
}

export function openAuditLogFile(file: string): AuditLogFile {
  const serial = serialQueue();
  let head: AuditEntry | null | undefined;

  async function doAppend(event: AuditEvent) {
    if (head === undefined) {
      const entries = await readLines(file);
      const check = await verifyChain(entries, nodeSha256Hex);
      // Appending after a break would bury it under valid-looking entries.
      if (!check.ok)
        return { ok: false as const, code: 'audit-chain-broken', message: check.message };
      head = (entries.at(-1) as AuditEntry | undefined) ?? null;
    }
    const entry = await appendEntry(head, event, nodeSha256Hex);
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    head = entry;
    return { ok: true as const, entry };
  }

  return {
    append(event) {
      return serial(() => doAppend(event));
    },
    async read() {
      const entries = await readLines(file);
      return { entries, check: await verifyChain(entries, nodeSha256Hex) };
    },
  };
}
