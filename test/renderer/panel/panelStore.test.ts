import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FORWARDED_BUNDLE_MEDIA_TYPE,
  type PackageFile,
  type PackageRecords,
  type Rubric,
} from '../../../src-shared/records/records';
import type { QihangApi } from '../../../src-shared/ipc/contract';
import type { ForwardedBundleOutcome } from '../../../src-shared/ipc/panel';
import { importForwardedFlow } from '../../../src-renderer/features/panel/panelFlows';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import type { VerifiedPackage } from '../../../src-shared/ipc/packages';
import { summarizePanel } from '../../../src-shared/panel/summary';
import { evaluatePackage } from '../../../src-shared/policy/engine';
import { WorkstationDb } from '../../../src-renderer/db/db';
import { importVerifiedPackage } from '../../../src-renderer/db/importPackage';
import { loadCheckInput } from '../../../src-renderer/db/checkInput';
import {
  chairedPanels,
  importExpertRecords,
  loadPanelInput,
  recordDecision,
} from '../../../src-renderer/features/panel/panelStore';
import { linkExpert } from '../../../src-renderer/db/expertLink';
import { makeManifest } from '../../fixtures/records';
import { makeClass, withOutcomes } from '../../shared/policy/factories';

let db: WorkstationDb;
let n = 0;
beforeEach(async () => {
  db = new WorkstationDb(`panel-store-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const rubric: Rubric = {
  id: 'rub-basic',
  program: 'basic',
  submissionKind: 'business-plan',
  title: '创业计划书评审标准',
  passScore: 60,
  criteria: [
    { id: 'c1', label: '市场分析', maxScore: 50 },
    { id: 'c2', label: '财务测算', maxScore: 50 },
  ],
};

const FORWARDED_FILE: PackageFile = {
  id: 'fwd-li',
  path: 'forwarded/li.qhres',
  size: 1000,
  sha256: 'd'.repeat(64),
  mediaType: FORWARDED_BUNDLE_MEDIA_TYPE,
  kind: 'other',
  external: false,
};

/** One basic class of two trainees, each with a business plan, one panel of three experts. */
async function seed() {
  const records = makeClass({ id: 'A', trainees: 2 });
  withOutcomes(records, true, false);
  const subs = records.submissions.map((s) => s.id);
  const { files, ...recs } = records;
  const full: PackageRecords = {
    ...recs,
    experts: ['chair', 'li', 'wang'].map((id) => ({ id: `exp-${id}`, name: `专家${id}` })),
    panels: [
      {
        id: 'panel-1',
        name: '第一评审组',
        chairId: 'exp-chair',
        expertIds: ['exp-chair', 'exp-li', 'exp-wang'],
      },
      { id: 'panel-2', name: '第二评审组', chairId: 'exp-wang', expertIds: ['exp-wang'] },
    ],
    assignments: subs.flatMap((s) =>
      ['li', 'wang'].map((e) => ({
        id: `asg-${s}-${e}`,
        submissionId: s,
        panelId: 'panel-1',
        expertId: `exp-${e}`,
      })),
    ),
    rubrics: [rubric],
    // The platform forwards li's bundle to the chair (a package update).
    forwardedBundles: [
      {
        fileId: FORWARDED_FILE.id,
        expertId: 'exp-li',
        panelId: 'panel-1',
        receivedAt: '2025-06-30T12:00:00+08:00',
      },
    ],
  };
  const allFiles = [...(files as PackageFile[]), FORWARDED_FILE];
  const pkg: VerifiedPackage = {
    manifest: makeManifest({ packageId: 'pkg-a', version: 1, files: allFiles }, full),
    envelopeHash: 'a'.repeat(64),
    signedBy: ['b'.repeat(64)],
    files: allFiles.map((f) => ({ ...f, location: 'external' as const })),
    policyPacks: [],
  };
  await importVerifiedPackage(db, pkg);
  await linkExpert(db, 'p-chair', 'exp-chair');
  return { subs };
}

function review(sub: string, expert: string, c1: number, verdict: 'pass' | 'fail'): ResultRecord {
  return {
    id: `rv-${sub}-${expert}`,
    kind: 'review',
    createdAt: '2025-06-30T10:00:00+08:00',
    payload: {
      assignmentId: `asg-${sub}-${expert}`,
      submissionId: sub,
      expertId: `exp-${expert}`,
      profileId: `p-${expert}`,
      rubricId: 'rub-basic',
      scores: [
        { criterionId: 'c1', score: c1 },
        { criterionId: 'c2', score: 30 },
      ],
      total: c1 + 30,
      verdict,
      comment: '计划书内容完整，论证尚可。',
      noConflict: true,
    },
  };
}

const bundle = (expert: string, records: ResultRecord[], bundleId = `b-${expert}`) => ({
  path: `/usb/${expert}.qhres`,
  fileName: `${expert}.qhres`,
  bundleId,
  bundleHash: 'c'.repeat(64),
  profileId: `p-${expert}`,
  signerExpertIds: [`exp-${expert}`],
  records,
  otherRecords: 0,
});

async function outcomeFindings(traineeIds: string[], ruleId = 'R-OUTCOME-HOURS') {
  const input = (await loadCheckInput(db))!;
  const ev = evaluatePackage(input.records, {
    asOf: '2025-12-01',
    files: input.files,
    inputs: input.inputs,
    packs: input.packs,
  });
  const trainees = ev.classes.flatMap((c) => c.trainees);
  return traineeIds.map(
    (t) =>
      trainees.find((x) => x.traineeId === t)!.reasons.find((f) => f.ruleId === ruleId)?.status,
  );
}

describe('panel store', () => {
  it('shows a chair only the panels they chair', async () => {
    await seed();
    const { expertId, panels } = await chairedPanels(db, 'p-chair');
    expect(expertId).toBe('exp-chair');
    expect(panels.map((p) => p.id)).toEqual(['panel-1']);
  });

  it('stores a review once when the same bundle is imported twice and refuses a changed one', async () => {
    const { subs } = await seed();
    const panel = (await db.panels.get('panel-1'))!;
    const first = await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', [review(subs[0]!, 'li', 40, 'pass')]),
    });
    expect(first).toMatchObject({ added: 1, duplicates: 0 });
    const again = await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', [review(subs[0]!, 'li', 40, 'pass')], 'b-li-platform'),
    });
    expect(again).toMatchObject({ added: 0, duplicates: 1, conflicts: [] });
    const changed = await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', [review(subs[0]!, 'li', 45, 'pass')], 'b-li-2'),
    });
    expect(changed.conflicts).toHaveLength(1);
    expect(await db.panelRecords.count()).toBe(1);
    expect((await db.panelRecords.get(`rv-${subs[0]}-li`))?.record).toMatchObject({ total: 70 });
    const refusals = await db.panelRefusals.toArray();
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      fileName: 'li.qhres',
      incoming: { total: 75 },
      stored: { total: 70 },
    });
  });

  it('turns the R-OUTCOME-HOURS row from 待核查 into pass or fail once the chair decides', async () => {
    const { subs } = await seed();
    const [s1, s2] = subs as [string, string];
    const traineeOf = async (s: string) => (await db.submissions.get(s))!.traineeId;
    const trainees = [await traineeOf(s1), await traineeOf(s2)];
    expect(await outcomeFindings(trainees)).toEqual(['pending', 'pending']);
    expect(await outcomeFindings(trainees, 'R-CERT-PASSED')).toEqual(['pending', 'pending']);

    const panel = (await db.panels.get('panel-1'))!;
    await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', [review(s1, 'li', 40, 'pass'), review(s2, 'li', 20, 'fail')]),
    });
    await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('wang', [review(s1, 'wang', 35, 'pass'), review(s2, 'wang', 25, 'fail')]),
    });
    const summary = summarizePanel(await loadPanelInput(db, panel));
    for (const [sub, verdict] of [
      [s1, 'pass'],
      [s2, 'fail'],
    ] as const) {
      const s = summary.submissions.find((x) => x.submission.id === sub)!;
      const r = await recordDecision(db, {
        profileId: 'p-chair',
        chairExpertId: 'exp-chair',
        panelId: panel.id,
        summary: s,
        draft: { action: 'decide', verdict, reason: '' },
      });
      expect(r.ok).toBe(true);
    }
    expect(await outcomeFindings(trainees)).toEqual(['pass', 'fail']);
    const cert = await outcomeFindings(trainees, 'R-CERT-PASSED');
    expect(cert).not.toContain('pending');
    expect(cert[1]).toBe('fail');
  });

  it('refuses a decision against the majority without a reason and stores nothing', async () => {
    const { subs } = await seed();
    const panel = (await db.panels.get('panel-1'))!;
    await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', [review(subs[0]!, 'li', 40, 'pass')]),
    });
    const summary = summarizePanel(await loadPanelInput(db, panel));
    const r = await recordDecision(db, {
      profileId: 'p-chair',
      chairExpertId: 'exp-chair',
      panelId: panel.id,
      summary: summary.submissions.find((x) => x.submission.id === subs[0])!,
      draft: { action: 'decide', verdict: 'fail', reason: '' },
    });
    expect(r).toMatchObject({ ok: false, errors: { reason: expect.stringContaining('多数') } });
    expect(await db.panelDecisions.count()).toBe(0);
  });
});

/** main's side of the forwarded import, answering with what it "verified". */
function fakeApi(results: ForwardedBundleOutcome[], asked: unknown[] = []): QihangApi {
  return {
    panel: {
      importForwarded: (req: unknown) => {
        asked.push(req);
        return Promise.resolve({ ok: true, value: { results } });
      },
    },
  } as unknown as QihangApi;
}

describe('reviews forwarded by the platform', () => {
  const forwarded = (records: ResultRecord[]): ForwardedBundleOutcome => {
    const { path: _path, ...b } = bundle('li', records);
    return { ok: true, ...b };
  };
  const panelOf = async () => (await db.panels.get('panel-1'))!;

  it('asks main for the forwarded files of the chair’s panel and stores them like a USB import', async () => {
    const { subs } = await seed();
    const asked: unknown[] = [];
    const reviews = subs.map((s) => review(s, 'li', 40, 'pass'));
    const r = await importForwardedFlow(
      fakeApi([forwarded(reviews)], asked),
      db,
      await panelOf(),
      'p-chair',
    );
    expect(asked).toEqual([
      expect.objectContaining({
        packageId: 'pkg-a',
        bundles: [{ fileId: 'fwd-li', path: 'forwarded/li.qhres', sha256: 'd'.repeat(64) }],
      }),
    ]);
    expect(r).toMatchObject({
      kind: 'imported',
      summaries: [{ fileName: '平台转来 li.qhres', added: 2, duplicates: 0 }],
      failed: [],
    });
    expect(await db.panelRecords.count()).toBe(2);
  });

  it('stores a review once whether it came forwarded first or from USB first', async () => {
    const { subs } = await seed();
    const reviews = subs.map((s) => review(s, 'li', 40, 'pass'));
    const panel = await panelOf();
    await importForwardedFlow(fakeApi([forwarded(reviews)]), db, panel, 'p-chair');
    const usb = await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', reviews),
    });
    expect(usb).toMatchObject({ added: 0, duplicates: 2, conflicts: [] });
    const wangReview = review(subs[0]!, 'wang', 35, 'fail');
    await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('wang', [wangReview]),
    });
    const wangForwarded = { ...forwarded([wangReview]), signerExpertIds: ['exp-wang'] };
    const again = await importForwardedFlow(fakeApi([wangForwarded]), db, panel, 'p-chair');
    expect(again).toMatchObject({ summaries: [{ added: 0, duplicates: 1 }] });
    expect(await db.panelRecords.count()).toBe(3);
  });

  it('refuses and shows a forwarded review that differs from the one received by USB', async () => {
    const { subs } = await seed();
    const panel = await panelOf();
    const usbReview = review(subs[0]!, 'li', 40, 'pass');
    await importExpertRecords(db, {
      panel,
      profileId: 'p-chair',
      bundle: bundle('li', [usbReview]),
    });
    const changed = review(subs[0]!, 'li', 45, 'pass');
    const r = await importForwardedFlow(fakeApi([forwarded([changed])]), db, panel, 'p-chair');
    expect(r).toMatchObject({
      kind: 'imported',
      summaries: [{ added: 0, duplicates: 0, conflicts: [{ id: usbReview.id }] }],
    });
    const stored = await db.panelRecords.get(usbReview.id);
    expect((stored?.record as { total: number }).total).toBe(70);
    const refusals = await db.panelRefusals.toArray();
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ recordId: usbReview.id, fileName: '平台转来 li.qhres' });
  });

  it('names a forwarded bundle main refused and stores nothing from it', async () => {
    await seed();
    const r = await importForwardedFlow(
      fakeApi([
        {
          ok: false,
          fileName: 'li.qhres',
          code: 'panel/unlisted-key',
          message: 'li.qhres：结果包的签名密钥不是工作包为本评审组专家登记的密钥，已拒绝导入',
          detail: '签名密钥：0123456789abcdef',
        },
      ]),
      db,
      await panelOf(),
      'p-chair',
    );
    expect(r).toMatchObject({
      kind: 'imported',
      summaries: [],
      failed: [{ fileName: 'li.qhres', detail: '签名密钥：0123456789abcdef' }],
    });
    expect(await db.panelRecords.count()).toBe(0);
  });
});
