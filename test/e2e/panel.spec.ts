// The panel chair's round trip (issue 14), through the real UI and handlers: two experts'
// result bundles imported from "USB" (the demo's, signed by keys the demo package enrolls),
// a repeat import stored once, reviews forwarded by the platform in a package update (stored
// once beside the USB ones), the flagged disagreement arbitrated with a reason, the 会审记录
// saved as DOCX and read back, and the decision signed into the chair's bundle, which the
// reference intake accepts.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntake, type Intake } from '../../src-main/services/intake/intake';
import { inspectFile } from '../../src-main/services/bundles/inspect';
import { demoExpertKey } from '../../src-main/services/keys/demoExpertKeys';
import { keysFromTrustFile } from '../../src-main/services/keys/trustFile';
import { openEnrollmentRequest } from '../../src-main/services/keys/enrollmentRequest';
import { openWorkPackage } from '../../src-main/services/packages';
import { chairRegistryOf } from '../../src-main/services/panel/chairRegistry';
import { newPlatformKey } from '../../src-main/services/intake/platformKey';
import { memoryStorage } from '../../src-main/services/intake/state';
import { readZip } from '../main/demo/zip';
import { REPO_ROOT } from './harness/server';
import { editEnvelope } from '../main/bundles/factories';
import { startApp, type AppSession } from './harness/session';
import { enterDemo } from './helpers/profiles';
import {
  FORWARDED_BUNDLE_MEDIA_TYPE,
  type WorkPackageManifest,
} from '../../src-shared/records/records';
import { writeWorkPackage } from '../../src-main/services/packages/write';
import { DEMO_KEY } from './helpers/packages';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const BUNDLES = path.join(REPO_ROOT, 'resources', 'demo', 'bundles');
const DEMO_PACKAGE = path.join(REPO_ROOT, 'resources', 'demo', 'demo.qhpkg');
const DEMO_PLATFORM_KEY = path.join(REPO_ROOT, 'resources', 'demo', 'demo-platform-key.pub.b64');
const PASS = 'qihang-e2e-组长口令';
const SLOW = { timeout: 20_000 };
let app: AppSession;
let files: string;
let intake: Intake;
let platformKeyid: string;
let demoManifest: WorkPackageManifest;

const shot = (name: string) => app.page.screenshot({ path: path.join(SHOTS, `panel-${name}.png`) });
const report = () => app.page.getByTestId('panel-report');
const message = () => app.page.getByTestId('sync-message');

async function importBundle(file: string) {
  app.harness.dialogs.answerNextOpen(path.join(BUNDLES, file));
  await app.page.getByTestId('panel-import').click();
}

/**
 * The platform's next version of the demo package (demo version + `step`) forwarding the given
 * bundles for the plan panel, each as a listed file signed with the package.
 */
async function writeForwardedUpdate(
  step: number,
  bundles: readonly { expertId: string; bytes: Uint8Array; name?: string }[],
): Promise<string> {
  const entries = await readZip(await readFile(DEMO_PACKAGE));
  const contents = new Map<string, Uint8Array>();
  for (const f of demoManifest.files) {
    const bytes = entries.get(`files/${f.path}`);
    if (bytes) contents.set(f.path, new Uint8Array(bytes));
  }
  const forwarded = bundles.map(({ expertId, bytes, name }, i) => {
    const file = {
      id: `fwd-${step}-${expertId}`,
      path: `forwarded/${name ?? `demo-reviews-${expertId}.qhres`}`,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mediaType: FORWARDED_BUNDLE_MEDIA_TYPE,
      kind: 'other' as const,
      external: false,
    };
    contents.set(file.path, bytes);
    const entry = {
      fileId: file.id,
      expertId,
      panelId: 'panel-plan',
      receivedAt: `2025-07-0${4 + i}T09:00:00+08:00`,
    };
    return { file, entry };
  });
  const update = path.join(files, `demo-update-${step}.qhpkg`);
  const written = await writeWorkPackage({
    manifest: {
      ...demoManifest,
      version: demoManifest.version + step,
      records: { ...demoManifest.records, forwardedBundles: forwarded.map((f) => f.entry) },
      files: [...demoManifest.files, ...forwarded.map((f) => f.file)],
    },
    files: contents,
    signingKeys: [DEMO_KEY],
    outPath: update,
  });
  if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
  return update;
}

/** Imports a package update through 设置 and comes back to the panel screen. */
async function importUpdate(update: string) {
  const { page } = app;
  await page.locator('[data-screen="settings"]').click();
  await page.getByTestId('package-import-card').waitFor();
  app.harness.dialogs.answerNextOpen(update);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-summary').waitFor(SLOW);
  await page.getByTestId('import-close').click();
  await page.getByTestId('import-modal').waitFor({ state: 'hidden' });
  await page.locator('[data-screen="panel"]').click();
  await page.getByTestId('screen-panel').waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(path.join(tmpdir(), 'qh-panel-e2e-'));
  const key = newPlatformKey(new Date(Date.now() - 60_000));
  platformKeyid = key.key.keyid;
  // The platform issued the demo package: its panels say who chairs them and with which key.
  const demoKey = keysFromTrustFile(await readFile(DEMO_PLATFORM_KEY, 'utf8'));
  if (!demoKey.ok) throw new Error(demoKey.message);
  const opened = await openWorkPackage(DEMO_PACKAGE, { trustedKeys: demoKey.keys });
  if (!opened.ok) throw new Error(opened.message);
  demoManifest = opened.manifest;
  // A training intake: it takes a demo profile's bundle, which a real platform refuses.
  intake = createIntake({
    platformKeys: [key],
    storage: memoryStorage(),
    acceptDemo: true,
    workPackages: [demoManifest],
  });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

describe('the panel chair decides', () => {
  it('shows the chair only their own panel', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    // The demo chair: a demo profile holding the demo package (its panel, experts and keys).
    await enterDemo(page, '评审组长');
    await page.getByTestId('screen-review').waitFor();
    // The link offers the package's chairs first, each with the panel they chair.
    await page.getByTestId('expert-link-select').click();
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(2);
    // Record text (names) sits in Unicode isolates (FSI … PDI); compare the words people read.
    const texts = (await options.allTextContents()).map((x) => x.replace(/[\u2066-\u2069]/g, ''));
    expect(texts[0]).toMatch(/^韩秀英.*创业计划书评审组组长$/);
    expect(texts[1]).toMatch(/^许蔓.*网络创业成果评审组组长$/);
    expect(texts.slice(2).join('|')).not.toContain('组长');
    expect(await page.getByText('各评审组组长（工作包指定）').isVisible()).toBe(true);
    await options.first().click();
    await expect
      .poll(() => page.getByTestId('expert-link-chairs').textContent())
      .toBe('工作包指定此人为创业计划书评审组组长。');
    await page.getByTestId('expert-link-confirm').click();
    await page.getByTestId('review-queue').waitFor();
    await page.locator('[data-screen="panel"]').click();
    await page.getByTestId('screen-panel').waitFor();
    await expect
      .poll(() => page.getByTestId('panel-name').textContent())
      .toBe('创业计划书评审组 · 组长 韩秀英');
    // Only 创业计划书评审组's submissions: the online panel's portfolios are not listed.
    const titles = await page.getByTestId('panel-list-item').allTextContents();
    expect(titles.length).toBeGreaterThan(10);
    expect(titles.join('|')).not.toMatch(/作品集|网店/);
  });

  it("imports two experts' bundles and stores a repeated import once", async () => {
    await importBundle('demo-reviews-exp-02.qhres');
    await expect
      .poll(() => report().textContent(), SLOW)
      .toMatch(/demo-reviews-exp-02\.qhres：新增 \d+ 条/);
    await importBundle('demo-reviews-exp-03.qhres');
    await expect
      .poll(() => report().textContent(), SLOW)
      .toMatch(/demo-reviews-exp-03\.qhres：新增 \d+ 条/);
    await importBundle('demo-reviews-exp-03.qhres');
    await expect
      .poll(() => report().textContent(), SLOW)
      .toMatch(/demo-reviews-exp-03\.qhres：新增 0 条，\d+ 条已收到过/);
  });

  it('takes the reviews the platform forwards in a package update, each stored once', async () => {
    const { page } = app;
    // The platform's next version of the demo package forwards exp-02's bundle (already here
    // from USB) and exp-04's (new), byte for byte, signed with the package.
    const update = await writeForwardedUpdate(
      1,
      ['exp-02', 'exp-04'].map((expertId) => ({
        expertId,
        bytes: new Uint8Array(readFileSync(path.join(BUNDLES, `demo-reviews-${expertId}.qhres`))),
      })),
    );

    await importUpdate(update);
    const button = page.getByTestId('panel-import-forwarded');
    await expect
      .poll(() => page.getByTestId('panel-forwarded').textContent())
      .toBe('工作包更新中有平台转来的本组专家结果包 2 份。导入平台转来的评审');
    await button.click();
    await expect
      .poll(() => report().textContent(), SLOW)
      .toMatch(/平台转来 demo-reviews-exp-02\.qhres：新增 0 条，5 条已收到过/);
    await expect
      .poll(() => report().textContent())
      .toMatch(/平台转来 demo-reviews-exp-04\.qhres：新增 5 条/);
    await shot('forwarded');
    // The same expert's bundle from USB now adds nothing.
    await importBundle('demo-reviews-exp-04.qhres');
    await expect
      .poll(() => report().textContent(), SLOW)
      .toMatch(/^demo-reviews-exp-04\.qhres：新增 0 条，5 条已收到过/);
  });

  it('refuses a forwarded bundle signed by a key the package does not list, the key id behind 详情', async () => {
    const { page } = app;
    // exp-03's bundle with its signature relabelled to a key nobody enrolled: the sentence
    // names the refusal, the key's full id is for support behind 详情.
    const stranger = 'ab'.repeat(32);
    const relabelled = await editEnvelope(
      new Uint8Array(readFileSync(path.join(BUNDLES, 'demo-reviews-exp-03.qhres'))),
      (env) => ({
        ...env,
        signatures: env.signatures.map((sg, i) => (i === 0 ? { ...sg, keyid: stranger } : sg)),
      }),
    );
    const update = await writeForwardedUpdate(2, [
      { expertId: 'exp-03', bytes: relabelled, name: 'stranger-exp-03.qhres' },
    ]);
    await importUpdate(update);
    await expect
      .poll(() => page.getByTestId('panel-forwarded').textContent())
      .toBe('工作包更新中有平台转来的本组专家结果包 1 份。导入平台转来的评审');
    await page.getByTestId('panel-import-forwarded').click();
    const failed = page.getByTestId('panel-report-failed');
    await expect.poll(() => failed.textContent(), SLOW).toContain('stranger-exp-03.qhres');
    const sentence = (await failed.locator('p').first().textContent()) ?? '';
    // The file is named once, then why it was refused.
    expect(sentence).toBe(
      '平台转来 stranger-exp-03.qhres：结果包不是由工作包为本评审组专家登记的密钥签名的，已拒绝导入',
    );
    expect(sentence).not.toContain(stranger);
    await failed.getByTestId('error-details').locator('summary').click();
    await expect
      .poll(() => failed.getByTestId('error-details').innerText())
      .toContain(`未受信任的签名密钥指纹：${stranger}`);
    await shot('forwarded-refused');
  });

  it('refuses a bundle whose signature does not verify with the listed key', async () => {
    const { page } = app;
    const bytes = await readFile(path.join(BUNDLES, 'demo-reviews-exp-04.qhres'));
    // Same bundle, one signature byte changed: the key id stays listed but nothing verifies.
    const forged = path.join(files, 'forged.qhres');
    // Re-zipped properly, so the ZIP checks pass and the signature is what fails.
    const edited = await editEnvelope(bytes, (env) => ({
      ...env,
      signatures: env.signatures.map((sg, i) =>
        i === 0 ? { ...sg, sig: (sg.sig.startsWith('A') ? 'B' : 'A') + sg.sig.slice(1) } : sg,
      ),
    }));
    await writeFile(forged, edited);
    app.harness.dialogs.answerNextOpen(forged);
    await page.getByTestId('panel-import').click();
    await expect.poll(() => report().textContent(), SLOW).toContain('forged.qhres');
    await expect.poll(() => report().textContent()).toContain('签名');
  });

  it('flags the disagreement and shows every expert side by side', async () => {
    const { page } = app;
    const flagged = page.locator('[data-testid="panel-list-item"][data-flagged="true"]');
    await expect.poll(() => flagged.count()).toBeGreaterThanOrEqual(1);
    // The 88 against 58 one: the spread passes the threshold.
    for (let i = 0; i < (await flagged.count()); i++) {
      await flagged.nth(i).click();
      const spread = await page.getByTestId('panel-spread').textContent();
      if (spread === '30') break;
    }
    await expect.poll(() => page.getByTestId('panel-spread').textContent()).toBe('30');
    await expect.poll(() => page.getByTestId('panel-flag').textContent()).toContain('结论不一致');
    await expect
      .poll(() => page.getByTestId('panel-flag').textContent())
      .toContain('分差超过 15 分');
    const totals = await page.getByTestId('panel-total').allTextContents();
    expect(totals.filter(Boolean).sort()).toEqual(['58', '88']);
    await shot('flagged');
  });

  it('will not record a decision on a flagged submission without a reason, then records it with one', async () => {
    const { page } = app;
    await page.getByTestId('panel-decision').getByText('不通过', { exact: true }).click();
    await page.getByTestId('panel-decision-submit').click();
    await page.getByText('专家意见分歧，请写明裁决理由').waitFor();
    await page
      .getByTestId('panel-decision-reason')
      .fill('财务预测与启动资金来源不符，经复核附表以不通过为准');
    await page.getByTestId('panel-decision-reason').press('Control+Enter');
    await page.getByTestId('panel-decision-notice').waitFor(SLOW);
    await expect
      .poll(() => page.getByTestId('panel-current-decision').textContent())
      .toContain('不通过');
    await expect
      .poll(() => page.getByTestId('panel-count').textContent())
      .toMatch(/^已作结论 1 \/ 共 \d+ 件$/);
    await shot('decided');
  });

  it('shows leniency and agreement: the harsh expert reads negative', async () => {
    const { page } = app;
    await page.getByTestId('panel-tab-stats').click();
    await page.getByTestId('panel-statistics').waitFor();
    const harsh = page.locator('[data-testid="panel-leniency-row"][data-expert-id="exp-03"]');
    await expect.poll(() => harsh.textContent()).toContain('偏严');
    await expect
      .poll(() => page.getByTestId('panel-alpha-interval').textContent())
      .toMatch(/^-?\d\.\d{3}$/);
    await shot('stats');
    await page.getByTestId('panel-tab-submissions').click();
  });

  it('saves the 会审记录 as DOCX with the names, scores and the decision', async () => {
    const { page } = app;
    const out = path.join(files, '会审记录.docx');
    await page.getByTestId('panel-place').fill('海淀区人社局第三会议室');
    app.harness.dialogs.answerNextSave(out);
    await page.getByTestId('panel-export-docx').click();
    await expect.poll(() => report().textContent(), SLOW).toContain(out);
    const xml = (await readZip(await readFile(out))).get('word/document.xml')!.toString('utf8');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('创业计划书评审组会审记录');
    expect(text).toContain('海淀区人社局第三会议室');
    for (const name of ['韩秀英', '杨振华', '朱丽萍']) expect(text).toContain(name);
    expect(text).toContain('88');
    expect(text).toContain('58');
    expect(text).toContain('理由：财务预测与启动资金来源不符，经复核附表以不通过为准');
    expect(text).toContain('回避');
  });

  it("signs the decision into the chair's bundle, which the reference intake accepts", async () => {
    const { page } = app;
    await page.locator('[data-screen="sync"]').click();
    await page.getByTestId('screen-sync').waitFor();
    await page.getByTestId('key-passphrase').fill(PASS);
    await page.getByTestId('key-passphrase-confirm').fill(PASS);
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('签名密钥已创建');
    const requestFile = path.join(files, 'request.json');
    app.harness.dialogs.answerNextSave(requestFile);
    await page.getByRole('button', { name: '导出注册申请' }).click();
    await page.getByTestId('passphrase-input').fill(PASS);
    await page.getByTestId('passphrase-input').press('Enter');
    await expect.poll(() => message().textContent(), SLOW).toContain('注册申请已保存到');
    const reply = await intake.enroll(await readFile(requestFile));
    if (!reply.ok) throw new Error(reply.message);
    const replyFile = path.join(files, 'reply.json');
    await writeFile(replyFile, reply.replyText);
    await page.getByLabel('平台密钥指纹（选填，首次注册时核对）').fill(platformKeyid);
    app.harness.dialogs.answerNextOpen(replyFile);
    await page.getByRole('button', { name: '导入注册回复' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('已导入注册回复');

    const bundleFile = path.join(files, 'chair.qhres');
    app.harness.dialogs.answerNextSave(bundleFile);
    await page.getByRole('button', { name: '导出结果包' }).click();
    await page.getByTestId('passphrase-input').fill(PASS);
    await page.getByTestId('passphrase-input').press('Enter');
    await expect.poll(() => message().textContent(), SLOW).toContain('结果包已保存到');

    const bytes = new Uint8Array(await readFile(bundleFile));
    const entries = await readZip(Buffer.from(bytes));
    const records = JSON.parse(entries.get('records.json')!.toString('utf8')) as {
      id: string;
      kind: string;
      payload: { action?: string; verdict?: string; reason?: string; chairExpertId?: string };
    }[];
    const decision = records.find((r) => r.kind === 'panel-decision');
    expect(decision?.payload).toMatchObject({
      action: 'decide',
      verdict: 'fail',
      reason: '财务预测与启动资金来源不符，经复核附表以不通过为准',
      chairExpertId: 'exp-01',
    });
    // Signed by the profile's key and co-signed by the key the package lists for 韩秀英.
    const chairKeyid = demoExpertKey('exp-01').keyid;
    expect(demoManifest.records.experts.find((e) => e.id === 'exp-01')?.keys).toEqual([
      expect.objectContaining({ keyid: chairKeyid }),
    ]);
    const env = JSON.parse(entries.get('envelope.json')!.toString('utf8')) as {
      signatures: { keyid: string }[];
    };
    expect(env.signatures.map((s) => s.keyid)).toEqual([reply.reply.workstationKeyid, chairKeyid]);

    // The verify CLI's routine, answering as the intake: both signers named with their roles.
    const station = openEnrollmentRequest(new Uint8Array(await readFile(requestFile)));
    if (!station.ok) throw new Error(station.message);
    const panels = chairRegistryOf([demoManifest]);
    const trusted = new Map([...panels.keys, [station.request.keyid, station.publicKeyRaw]]);
    const inspected = await inspectFile(
      bundleFile,
      trusted,
      { profileKeyIds: () => [station.request.keyid], acceptDemo: true },
      panels,
    );
    expect(inspected.verdict).toBe('valid');
    const lines = inspected.lines.join('\n');
    expect(lines).toContain(`签名人 ${station.request.keyid}：用户档案`);
    expect(lines).toContain(`签名人 ${chairKeyid}：创业计划书评审组组长韩秀英（exp-01）的登记密钥`);

    // The reference intake, which requires the chair's signature on a decision, accepts it.
    const accepted = await intake.acceptBundle(bytes);
    if (!accepted.ok) throw new Error(`${accepted.code}: ${accepted.message}`);
    expect(accepted.receipt.acceptedRecordIds).toContain(decision?.id);
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
