// The auditor's stored work (视频抽查) read back as src-shared/audit's AuditState, for one
// package. 合规检查, the subsidy sheet and the audit screen all read it through here, so what the
// auditor entered means the same thing everywhere.
import {
  auditFindingPayloadSchema,
  type AuditFindingPayload,
} from '../../src-shared/audit/findings';
import type { AuditState, FileLedger } from '../../src-shared/audit/policyInputs';
import {
  samplingPlanPayloadSchema,
  type SamplingPlanPayload,
} from '../../src-shared/audit/sampling';
import {
  auditVerdictPayloadSchema,
  type AuditVerdictPayload,
} from '../../src-shared/audit/verdicts';
import type { WorkstationDb } from './db';
import type { LocalWorkRow } from './types';

/** The payload of a stored local-work row: the row less its envelope and bookkeeping. */
export function payloadOf(row: LocalWorkRow): Record<string, unknown> {
  const { id: _id, createdAt: _c, syncState: _s, supersedes: _sup, ...payload } = row;
  return payload;
}

export interface StoredFinding {
  id: string;
  createdAt: string;
  payload: AuditFindingPayload;
}

export interface StoredVerdict {
  id: string;
  createdAt: string;
  payload: AuditVerdictPayload;
}

export interface StoredPlan {
  id: string;
  createdAt: string;
  syncState: string;
  payload: SamplingPlanPayload;
}

const byCreated = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The newest plan per class of the package (a change supersedes the earlier record). */
export async function latestPlans(db: WorkstationDb, packageId: string): Promise<StoredPlan[]> {
  const rows = (await db.videoSamples.toArray()).sort(byCreated);
  const byClass = new Map<string, StoredPlan>();
  for (const row of rows) {
    const p = samplingPlanPayloadSchema.safeParse(payloadOf(row));
    if (!p.success || p.data.packageId !== packageId) continue;
    byClass.set(p.data.classId, {
      id: row.id,
      createdAt: row.createdAt,
      syncState: row.syncState ?? 'local',
      payload: p.data,
    });
  }
  return [...byClass.values()];
}

export async function storedFindings(
  db: WorkstationDb,
  packageId: string,
): Promise<StoredFinding[]> {
  const rows = (await db.findings.toArray()).sort(byCreated);
  const out: StoredFinding[] = [];
  for (const row of rows) {
    const p = auditFindingPayloadSchema.safeParse(payloadOf(row));
    if (p.success && p.data.packageId === packageId)
      out.push({ id: row.id, createdAt: row.createdAt, payload: p.data });
  }
  return out;
}

/** Every verdict of the package in recorded order (latestVerdicts keeps the last per subject). */
export async function storedVerdicts(
  db: WorkstationDb,
  packageId: string,
): Promise<StoredVerdict[]> {
  const rows = (await db.auditVerdicts.toArray()).sort(byCreated);
  const out: StoredVerdict[] = [];
  for (const row of rows) {
    const p = auditVerdictPayloadSchema.safeParse(payloadOf(row));
    if (p.success && p.data.packageId === packageId)
      out.push({ id: row.id, createdAt: row.createdAt, payload: p.data });
  }
  return out;
}

export async function ledgers(db: WorkstationDb): Promise<FileLedger[]> {
  return (await db.watchLedger.toArray()).map((l) => ({
    fileId: l.fileId,
    intervals: l.intervals,
    ...(l.durationSeconds !== undefined ? { durationSeconds: l.durationSeconds } : {}),
  }));
}

export const auditTables = (db: WorkstationDb) => [
  db.videoSamples,
  db.findings,
  db.auditVerdicts,
  db.watchLedger,
];

export async function loadAuditState(
  db: WorkstationDb,
  packageId: string,
): Promise<{ state: AuditState; key: string }> {
  const [plans, findings, verdicts, ledgerRows] = await Promise.all([
    latestPlans(db, packageId),
    storedFindings(db, packageId),
    storedVerdicts(db, packageId),
    db.watchLedger.toArray(),
  ]);
  const stamp = (list: { createdAt?: string; updatedAt?: string }[]) =>
    `${list.length}@${list.reduce((m, r) => ((r.createdAt ?? r.updatedAt ?? '') > m ? (r.createdAt ?? r.updatedAt ?? '') : m), '')}`;
  return {
    state: {
      plans: plans.map((p) => p.payload),
      findings: findings.map((f) => f.payload),
      verdicts: verdicts.map((v) => v.payload),
      ledgers: ledgerRows.map((l) => ({
        fileId: l.fileId,
        intervals: l.intervals,
        ...(l.durationSeconds !== undefined ? { durationSeconds: l.durationSeconds } : {}),
      })),
    },
    // What identifies this audit data for caching: counts and the newest change of each kind.
    key: [stamp(plans), stamp(findings), stamp(verdicts), stamp(ledgerRows)].join('|'),
  };
}
