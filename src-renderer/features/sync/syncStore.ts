// The renderer's half of sync: which local records go into the next bundle, and the syncState
// transitions pending → sent → acknowledged, each with its audit entry in the same transaction.
// A record becomes 'acknowledged' only here, from the ids of a receipt main has verified.
// Bundle history (which bundle, which receipt, when) is main's outbox alone: the renderer's
// v1 `outbox` and `receipts` tables are no longer written, and the screens ask main.
import type { ResultRecord, ResultRecordKind } from '../../../src-shared/bundle/resultBundle';
import type { EvidenceUpload, ReceiptOutcome, SentBundleInfo } from '../../../src-shared/ipc/sync';
import { appendAudit, auditHead, verifyAuditLog } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import { chairsForDecisions } from '../../db/panelChairs';
import type { PanelChair } from '../../../src-shared/panel/chairSignature';
import type { LocalWorkRow, SyncState } from '../../db/types';
import { gatherEvidence } from './bundleEvidence';

/** Local work tables whose rows travel in result bundles, with the record kind each carries. */
export const SYNC_TABLES = [
  ['reviews', 'review'],
  ['panelDecisions', 'panel-decision'],
  ['findings', 'finding'],
  ['printLogRecords', 'print-log'],
  ['videoSamples', 'sampling-plan'],
  ['auditVerdicts', 'audit-verdict'],
  // The expert's recusals (回避), one per covered assignment, and their withdrawals.
  ['conflicts', 'conflict'],
] as const satisfies readonly (readonly [keyof WorkstationDb, ResultRecordKind])[];

type SyncTableName = (typeof SYNC_TABLES)[number][0];
const tableNames: SyncTableName[] = SYNC_TABLES.map(([t]) => t);

const tables = (db: WorkstationDb) => tableNames.map((name) => db[name]);

/** Rows entered by this profile: its key signs the bundle, so it sends only its own work. */
const ownedBy = (profileId: string) => (row: LocalWorkRow) => row.profileId === profileId;

export type SyncCounts = Record<Exclude<SyncState, 'local'>, number>;

export async function syncCounts(db: WorkstationDb, profileId: string): Promise<SyncCounts> {
  const counts: SyncCounts = { pending: 0, sent: 0, acknowledged: 0 };
  for (const table of tables(db)) {
    await table.filter(ownedBy(profileId)).each((row) => {
      const s = row.syncState;
      if (s === 'pending' || s === 'sent' || s === 'acknowledged') counts[s] += 1;
    });
  }
  return counts;
}

function toRecord(row: LocalWorkRow, kind: ResultRecordKind): ResultRecord {
  // Sync bookkeeping stays local; the envelope fields (id, createdAt, supersedes) are lifted out.
  const { syncState: _syncState, id, createdAt, supersedes, ...payload } = row;
  return {
    id,
    kind,
    createdAt,
    ...(typeof supersedes === 'string' ? { supersedes } : {}),
    payload,
  };
}

export type BundleInput =
  | {
      ok: true;
      records: ResultRecord[];
      /** The files the records cite (frame grabs), signed into the bundle beside them. */
      evidence: EvidenceUpload[];
      /** Findings left pending because their grabs would not fit this bundle. */
      deferred: number;
      auditLogHead: { seq: number; hash: string } | null;
      workPackageIds: string[];
      /** Who chairs the panels of the decisions in it: main adds the chair's signature. */
      chairs: PanelChair[];
    }
  | { ok: false; code: 'audit-broken'; seq: number; message: string }
  | { ok: false; code: 'grab-missing'; recordId: string; grabId: string }
  | { ok: false; code: 'nothing-to-send' };

/**
 * What main needs to sign the next bundle. The audit chain is verified first: a bundle names
 * the log head, and a head over a broken chain would vouch for tampered history.
 */
export async function gatherBundleInput(
  db: WorkstationDb,
  profileId: string,
): Promise<BundleInput> {
  const check = await verifyAuditLog(db);
  if (!check.ok) return { ok: false, code: 'audit-broken', seq: check.seq, message: check.message };
  const records: ResultRecord[] = [];
  for (const [name, kind] of SYNC_TABLES) {
    const rows = await db[name]
      .where('syncState')
      .equals('pending')
      .filter(ownedBy(profileId))
      .toArray();
    rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    records.push(...rows.map((r) => toRecord(r, kind)));
  }
  const withFiles = await gatherEvidence(db, records);
  if (!withFiles.ok) return withFiles;
  if (withFiles.records.length === 0) return { ok: false, code: 'nothing-to-send' };
  return {
    ok: true,
    records: withFiles.records,
    evidence: withFiles.evidence,
    deferred: withFiles.deferred,
    auditLogHead: await auditHead(db),
    workPackageIds: await packagesOf(db, withFiles.records),
    chairs: await chairsForDecisions(db, withFiles.records),
  };
}

/**
 * The work packages these records are about, through the submissions and classes they name.
 * Not every package on the machine: the bundle should tell the platform which of its packages
 * the work answers, and nothing about others (the demo package, another district's).
 */
async function packagesOf(db: WorkstationDb, records: readonly ResultRecord[]): Promise<string[]> {
  const named = (field: string) => [
    ...new Set(
      records.flatMap((r) => (typeof r.payload[field] === 'string' ? [r.payload[field]] : [])),
    ),
  ];
  const rows = [
    ...(await db.submissions.bulkGet(named('submissionId'))),
    ...(await db.classes.bulkGet(named('classId'))),
  ];
  return [...new Set(rows.flatMap((row) => (row ? [row.packageId] : [])))].sort();
}

async function setState(
  db: WorkstationDb,
  ids: ReadonlySet<string>,
  from: readonly SyncState[],
  to: SyncState,
): Promise<number> {
  let changed = 0;
  for (const table of tables(db)) {
    changed += await table
      .where('id')
      .anyOf([...ids])
      .filter((row) => row.syncState !== undefined && from.includes(row.syncState))
      .modify({ syncState: to });
  }
  return changed;
}

/** The bundle main just signed holds these records: pending → sent, logged as 'sync-send'. */
export async function markSent(
  db: WorkstationDb,
  profileId: string,
  bundle: SentBundleInfo,
  now: Date = new Date(),
): Promise<number> {
  const at = now.toISOString();
  return db.transaction('rw', [...tables(db), db.auditLog], async () => {
    const changed = await setState(db, new Set(bundle.recordIds), ['pending'], 'sent');
    await appendAudit(db, {
      at,
      actor: profileId,
      action: 'sync-send',
      entityKind: 'bundle',
      entityId: bundle.bundleId,
      payload: {
        bundleId: bundle.bundleId,
        bundleHash: bundle.bundleHash,
        counter: bundle.counter,
        recordIds: bundle.recordIds,
      },
    });
    return changed;
  });
}

/**
 * Applies a receipt main has verified: accepted records → acknowledged; records the bundle
 * carried but the platform did not accept go back to pending for the next bundle. Logged as
 * 'sync-ack' on the receipt. Re-applying the same receipt changes nothing and logs nothing.
 */
export async function applyReceipt(
  db: WorkstationDb,
  profileId: string,
  outcome: ReceiptOutcome,
  now: Date = new Date(),
): Promise<{ acknowledged: number; returnedToPending: number }> {
  const at = now.toISOString();
  return db.transaction('rw', [...tables(db), db.auditLog], async () => {
    const accepted = new Set(outcome.acceptedRecordIds);
    const notAccepted = new Set(outcome.sentRecordIds.filter((id) => !accepted.has(id)));
    const acknowledged = await setState(db, accepted, ['pending', 'sent'], 'acknowledged');
    const returnedToPending = await setState(db, notAccepted, ['sent'], 'pending');
    // Applied before when its sync-ack entry is in the log: the chain is the renderer's record.
    const logged = await db.auditLog
      .where('[entityKind+entityId]')
      .equals(['receipt', outcome.receiptId])
      .count();
    if (acknowledged === 0 && returnedToPending === 0 && logged > 0) {
      return { acknowledged, returnedToPending };
    }
    await appendAudit(db, {
      at,
      actor: profileId,
      action: 'sync-ack',
      entityKind: 'receipt',
      entityId: outcome.receiptId,
      payload: {
        receiptId: outcome.receiptId,
        bundleId: outcome.bundleId,
        counter: outcome.counter,
        acceptedRecordIds: outcome.acceptedRecordIds,
      },
    });
    return { acknowledged, returnedToPending };
  });
}
