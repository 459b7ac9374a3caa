import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFindingPayloadSchema } from '../../../src-shared/audit/findings';
import {
  newSamplingPlan,
  sampledSessionIds,
  sampleSeedText,
  samplingPlanPayloadSchema,
} from '../../../src-shared/audit/sampling';
import { auditVerdictPayloadSchema } from '../../../src-shared/audit/verdicts';
import type { PackageFile, PackageRecords } from '../../../src-shared/records/records';
import type { VerifiedPackage } from '../../../src-shared/ipc/packages';
import { evaluatePackage } from '../../../src-shared/policy/engine';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { importVerifiedPackage } from '../../../src-renderer/db/importPackage';
import { loadCheckInput } from '../../../src-renderer/db/checkInput';
import { latestPlans } from '../../../src-renderer/db/auditWork';
import {
  addFinding,
  recordWatched,
  saveSamplePlan,
  saveVerdict,
} from '../../../src-renderer/features/audit/auditStore';
import { gatherBundleInput } from '../../../src-renderer/features/sync/syncStore';
import { makeManifest } from '../../fixtures/records';
import { makeClass } from '../../shared/policy/factories';

let db: WorkstationDb;
let n = 0;
const NOW = '2026-12-03T10:00:00+08:00';
const sha = (t: string) => new Uint8Array(createHash('sha256').update(t).digest());

beforeEach(async () => {
  db = new WorkstationDb(`audit-store-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function verified(records: PackageRecords & { files: PackageFile[] }): VerifiedPackage {
  const { files, ...recs } = records;
  return {
    manifest: makeManifest({ packageId: 'pkg-a', version: 1, files }, recs),
    envelopeHash: 'a'.repeat(64),
    signedBy: ['b'.repeat(64)],
    files: files.map((f) => ({ ...f, location: 'external' as const })),
    policyPacks: [],
  };
}

async function seeded() {
  const records = makeClass({ id: 'A', trainees: 3 });
  await importVerifiedPackage(db, verified(records));
  const live = records.sessions.filter((s) => s.mode === 'live');
  const plan = newSamplingPlan({
    packageId: 'pkg-a',
    classId: 'A',
    auditorSeed: '7',
    sessions: live,
    digest: sha(sampleSeedText('pkg-a', 'A', '7')),
    profileId: 'u1',
  });
  return { records, live, plan };
}

async function liveSample() {
  const input = (await loadCheckInput(db))!;
  const r = evaluatePackage(input.records, {
    asOf: '2025-12-01',
    files: input.files,
    inputs: input.inputs,
  });
  return Object.values(r.classes[0]!.findings)
    .flat()
    .find((f) => f.ruleId === 'R-LIVE-SAMPLE')!;
}

describe('the auditor work in Dexie feeds 合规检查', () => {
  it('R-LIVE-SAMPLE goes from 待核查 to failed (drawn, not watched) to met (watched)', async () => {
    const { records, plan } = await seeded();
    expect((await liveSample()).status).toBe('pending');
    expect(await saveSamplePlan(db, 'u1', plan, NOW)).toMatchObject({ ok: true });
    expect((await liveSample()).status).toBe('fail');
    const before = (await loadCheckInput(db))!.key;
    for (const id of sampledSessionIds(plan)) {
      const s = records.sessions.find((x) => x.id === id)!;
      await recordWatched(
        db,
        s.videoFileIds[0]!,
        'c'.repeat(64),
        [[0, s.minutes * 60]],
        s.minutes * 60,
        NOW,
      );
    }
    expect((await loadCheckInput(db))!.key).not.toBe(before);
    expect((await liveSample()).status).toBe('pass');
  });

  it('never redraws a class or drops a session from its plan', async () => {
    const { live, plan } = await seeded();
    await saveSamplePlan(db, 'u1', plan, NOW);
    const other = newSamplingPlan({
      packageId: 'pkg-a',
      classId: 'A',
      auditorSeed: '8',
      sessions: live,
      digest: sha(sampleSeedText('pkg-a', 'A', '8')),
    });
    expect(await saveSamplePlan(db, 'u1', other, NOW)).toMatchObject({
      ok: false,
      code: 'sample-redraw',
    });
    const extra = live.find((s) => !plan.drawnSessionIds.includes(s.id))!.id;
    expect(
      await saveSamplePlan(db, 'u1', { ...plan, addedSessionIds: [extra] }, NOW),
    ).toMatchObject({ ok: true });
    expect(await saveSamplePlan(db, 'u1', { ...plan, addedSessionIds: [] }, NOW)).toMatchObject({
      ok: false,
      code: 'sample-remove',
    });
    const stored = await latestPlans(db, 'pkg-a');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload.addedSessionIds).toEqual([extra]);
  });

  it('puts plans, findings and verdicts into the next bundle as payloads the platform can parse', async () => {
    const { live, plan } = await seeded();
    await saveSamplePlan(db, 'u1', plan, NOW);
    await addFinding(
      db,
      'u1',
      {
        packageId: 'pkg-a',
        classId: 'A',
        organizerId: 'ORG1',
        sessionId: live[0]!.id,
        fileId: live[0]!.videoFileIds[0]!,
        videoSha256: 'c'.repeat(64),
        category: 'below-480p',
        ruleId: 'R-VIDEO-480P',
        severity: 'minor',
        note: '画面模糊',
        start: 12,
        frameGrab: {
          id: 'fg-1',
          sha256: 'd'.repeat(64),
          size: 3,
          mediaType: 'image/png',
          width: 2,
          height: 2,
          mediaTime: 12,
        },
      },
      NOW,
      { png: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) },
    );
    await saveVerdict(
      db,
      'u1',
      {
        subject: 'session',
        packageId: 'pkg-a',
        classId: 'A',
        sessionId: live[0]!.id,
        verdict: 'issues',
        note: '',
      },
      NOW,
    );
    // A second verdict on the same session, still pending, replaces the first.
    await saveVerdict(
      db,
      'u1',
      {
        subject: 'session',
        packageId: 'pkg-a',
        classId: 'A',
        sessionId: live[0]!.id,
        verdict: 'pass',
        note: '',
      },
      '2026-12-03T10:01:00+08:00',
    );
    const input = await gatherBundleInput(db, 'u1');
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    const kinds = input.records.map((r) => r.kind).sort();
    expect(kinds).toEqual(['audit-verdict', 'finding', 'sampling-plan']);
    for (const r of input.records) {
      const schema =
        r.kind === 'finding'
          ? auditFindingPayloadSchema
          : r.kind === 'sampling-plan'
            ? samplingPlanPayloadSchema
            : auditVerdictPayloadSchema;
      expect(schema.safeParse(r.payload).success, r.kind).toBe(true);
    }
    expect(input.records.find((r) => r.kind === 'audit-verdict')!.payload.verdict).toBe('pass');
    expect(await db.frameGrabs.count()).toBe(1);
    expect(input.workPackageIds).toEqual(['pkg-a']);
  });
});
