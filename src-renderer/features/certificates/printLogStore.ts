// The station's print log in Dexie: each print, reprint or void is a record (kind 'print-log')
// with its audit entry in the same transaction, pending until a result bundle carries it. The
// rules (reprint needs a reason, void needs a reason) are decided by src-shared/certificates/
// printLog.ts before anything is written.
import {
  planPrint,
  planVoid,
  printLogPayloadSchema,
  type PrintLogPayload,
  type PrintRequest,
} from '../../../src-shared/certificates/printLog';
import { appendAudit } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import type { LocalWorkRow, SyncState } from '../../db/types';

export interface PrintLogRow {
  id: string;
  createdAt: string;
  syncState: SyncState;
  entry: PrintLogPayload;
}

function toRow(row: LocalWorkRow): PrintLogRow | null {
  const { id, createdAt, syncState, supersedes: _s, profileId: _p, ...payload } = row;
  const parsed = printLogPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  return { id, createdAt, syncState: syncState ?? 'local', entry: parsed.data };
}

export async function printLogRows(db: WorkstationDb): Promise<PrintLogRow[]> {
  const rows = await db.printLogRecords.toArray();
  return rows
    .map(toRow)
    .filter((r): r is PrintLogRow => r !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

async function store(
  db: WorkstationDb,
  entry: PrintLogPayload,
  profileId: string,
): Promise<PrintLogRow> {
  const id = `pl-${entry.batchId}`.slice(0, 64);
  const row: LocalWorkRow = { id, createdAt: entry.at, syncState: 'pending', profileId, ...entry };
  await db.printLogRecords.add(row);
  await appendAudit(db, {
    at: entry.at,
    actor: profileId,
    action: entry.action === 'void' ? 'change' : entry.action,
    entityKind: 'print-log',
    entityId: id,
    payload: entry,
  });
  return { id, createdAt: entry.at, syncState: 'pending', entry };
}

export type LogResult = { ok: true; row: PrintLogRow } | { ok: false; message: string };

/** Checks a print against the log; the caller writes the PDF only when this says yes. */
export async function checkPrint(
  db: WorkstationDb,
  req: PrintRequest,
): Promise<LogResult | { ok: true; row: null }> {
  const log = (await printLogRows(db)).map((r) => r.entry);
  const planned = planPrint(log, req);
  return planned.ok ? { ok: true, row: null } : { ok: false, message: planned.message };
}

export async function recordPrint(
  db: WorkstationDb,
  profileId: string,
  req: PrintRequest,
): Promise<LogResult> {
  return db.transaction('rw', [db.printLogRecords, db.auditLog], async () => {
    const log = (await printLogRows(db)).map((r) => r.entry);
    const planned = planPrint(log, req);
    if (!planned.ok) return { ok: false as const, message: planned.message };
    return { ok: true as const, row: await store(db, planned.entry, profileId) };
  });
}

export async function recordVoid(
  db: WorkstationDb,
  profileId: string,
  req: Parameters<typeof planVoid>[1],
): Promise<LogResult> {
  return db.transaction('rw', [db.printLogRecords, db.auditLog], async () => {
    const log = (await printLogRows(db)).map((r) => r.entry);
    const planned = planVoid(log, req);
    if (!planned.ok) return { ok: false as const, message: planned.message };
    return { ok: true as const, row: await store(db, planned.entry, profileId) };
  });
}

export const CALIBRATION_KEY = 'certificates.calibration';
