// Writes the auditor's work to the profile's Dexie database, each signed-later record with its
// audit entry in the same transaction, pending until a result bundle carries it. Records are
// append-only once sent: a change to a sent record is a new record that supersedes it; a change
// to one still pending replaces it in place (nobody outside has seen it yet).
import type { AuditFindingPayload } from '../../../src-shared/audit/findings';
import { mergeIntervals, type Interval } from '../../../src-shared/audit/ledger';
import { changeSample, type SamplingPlanPayload } from '../../../src-shared/audit/sampling';
import {
  auditVerdictPayloadSchema,
  verdictKey,
  type AuditVerdictPayload,
} from '../../../src-shared/audit/verdicts';
import { appendAudit } from '../../db/audit';
import { latestPlans, payloadOf } from '../../db/auditWork';
import type { WorkstationDb } from '../../db/db';
import type { LocalWorkRow } from '../../db/types';
import type { Failure } from '../../../src-shared/failure';

export type StoreResult = { ok: true; id: string } | Failure;

const newId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

/** Stores a fresh draw, or the auditor's additions to the class's existing plan. */
export async function saveSamplePlan(
  db: WorkstationDb,
  profileId: string,
  plan: SamplingPlanPayload,
  now: string,
): Promise<StoreResult> {
  return db.transaction('rw', [db.videoSamples, db.auditLog], async () => {
    const prev = (await latestPlans(db, plan.packageId)).find(
      (p) => p.payload.classId === plan.classId,
    );
    let supersedes: string | undefined;
    if (prev) {
      const same =
        prev.payload.auditorSeed === plan.auditorSeed &&
        prev.payload.drawnSessionIds.join(',') === plan.drawnSessionIds.join(',');
      if (!same)
        return {
          ok: false as const,
          code: 'sample-redraw',
          message: `班级 ${plan.classId} 已抽取样本（种子「${prev.payload.auditorSeed}」），不能重抽或移除已抽场次`,
        };
      const changed = changeSample(prev.payload, plan.addedSessionIds);
      if (!changed.ok) return changed;
      if (prev.syncState === 'pending') {
        await db.videoSamples.update(prev.id, { addedSessionIds: changed.plan.addedSessionIds });
        await audit(db, profileId, now, 'change', 'sampling-plan', prev.id, changed.plan);
        return { ok: true as const, id: prev.id };
      }
      supersedes = prev.id;
      plan = changed.plan;
    }
    const id = newId('sp');
    const row: LocalWorkRow = {
      id,
      createdAt: now,
      syncState: 'pending',
      ...(supersedes ? { supersedes } : {}),
      ...plan,
      profileId,
    };
    await db.videoSamples.add(row);
    await audit(db, profileId, now, 'create', 'sampling-plan', id, plan);
    return { ok: true as const, id };
  });
}

export interface GrabInput {
  png: Blob;
}

export async function addFinding(
  db: WorkstationDb,
  profileId: string,
  payload: AuditFindingPayload,
  now: string,
  grab?: GrabInput,
): Promise<StoreResult> {
  const id = newId('af');
  return db.transaction('rw', [db.findings, db.frameGrabs, db.auditLog], async () => {
    const row: LocalWorkRow = { id, createdAt: now, syncState: 'pending', ...payload, profileId };
    await db.findings.add(row);
    if (grab && payload.frameGrab)
      await db.frameGrabs.add({
        id: payload.frameGrab.id,
        findingId: id,
        sha256: payload.frameGrab.sha256,
        png: grab.png,
        createdAt: now,
      });
    await audit(db, profileId, now, 'create', 'finding', id, payload);
    return { ok: true as const, id };
  });
}

export async function saveVerdict(
  db: WorkstationDb,
  profileId: string,
  payload: AuditVerdictPayload,
  now: string,
): Promise<StoreResult> {
  const key = verdictKey(payload);
  return db.transaction('rw', [db.auditVerdicts, db.auditLog], async () => {
    const prev = (await db.auditVerdicts.where('classId').equals(payload.classId).toArray())
      .filter((r) => {
        const p = auditVerdictPayloadSchema.safeParse(payloadOf(r));
        return p.success && p.data.packageId === payload.packageId && verdictKey(p.data) === key;
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1);
    const body = { ...payload, profileId };
    if (prev && prev.syncState === 'pending') {
      await db.auditVerdicts.put({
        ...body,
        id: prev.id,
        createdAt: now,
        syncState: 'pending',
        ...(prev.supersedes ? { supersedes: prev.supersedes } : {}),
      });
      await audit(db, profileId, now, 'change', 'audit-verdict', prev.id, payload);
      return { ok: true as const, id: prev.id };
    }
    const id = newId('av');
    await db.auditVerdicts.add({
      ...body,
      id,
      createdAt: now,
      syncState: 'pending',
      ...(prev ? { supersedes: prev.id } : {}),
    });
    await audit(db, profileId, now, prev ? 'change' : 'create', 'audit-verdict', id, payload);
    return { ok: true as const, id };
  });
}

/** Adds played intervals (and the measured duration) to a file's ledger. Local, no audit entry. */
export async function recordWatched(
  db: WorkstationDb,
  fileId: string,
  sha256: string,
  intervals: readonly Interval[],
  durationSeconds: number | undefined,
  now: string,
): Promise<void> {
  await db.transaction('rw', db.watchLedger, async () => {
    const prev = await db.watchLedger.get(fileId);
    const merged = mergeIntervals([...(prev?.intervals ?? []), ...intervals]).map(
      ([a, b]) => [a, b] as [number, number],
    );
    const duration =
      durationSeconds !== undefined && Number.isFinite(durationSeconds)
        ? durationSeconds
        : prev?.durationSeconds;
    await db.watchLedger.put({
      fileId,
      sha256,
      intervals: merged,
      ...(duration !== undefined ? { durationSeconds: duration } : {}),
      updatedAt: now,
    });
  });
}

function audit(
  db: WorkstationDb,
  actor: string,
  at: string,
  action: 'create' | 'change',
  entityKind: 'sampling-plan' | 'finding' | 'audit-verdict',
  entityId: string,
  payload: unknown,
) {
  return appendAudit(db, { at, actor, action, entityKind, entityId, payload });
}
