// The panel chair's round trip (issue 14), through the real UI and handlers: two experts'
// result bundles imported from "USB" (the demo's, signed by keys the demo package enrolls),
// a repeat import stored once, the flagged disagreement arbitrated with a reason, the 会审记录
// saved as DOCX and read back, and the decision signed into the chair's bundle, which the
// reference intake accepts.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntake, type Intake } from '../../src-main/services/intake/intake';
import { newPlatformKey } from '../../src-main/services/intake/platformKey';
import { memoryStorage } from '../../src-main/services/intake/state';
import { readZip } from '../main/demo/zip';
import { REPO_ROOT } from './harness/server';
import { editEnvelope } from '../main/bundles/factories';
import { startApp, type AppSession } from './harness/session';
import { enterDemo } from './helpers/profiles';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const BUNDLES = path.join(REPO_ROOT, 'resources', 'demo', 'bundles');
const PASS = 'qihang-e2e-组长口令';
const SLOW = { timeout: 20_000 };
let app: AppSession;
let files: string;
let intake: Intake;
let platformKeyid: string;

const shot = (name: string) => app.page.screenshot({ path: path.join(SHOTS, `panel-${name}.png`) });
const report = () => app.page.getByTestId('panel-report');
const message = () => app.page.getByTestId('sync-message');

async function importBundle(file: string) {
  app.harness.dialogs.answerNextOpen(path.join(BUNDLES, file));
  await app.page.getByTestId('panel-import').click();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(path.join(tmpdir(), 'qh-panel-e2e-'));
  const key = newPlatformKey(new Date(Date.now() - 60_000));
  platformKeyid = key.key.keyid;
  // A training intake: it takes a demo profile's bundle, which a real platform refuses.
  intake = createIntake({ platformKeys: [key], storage: memoryStorage(), acceptDemo: true });
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
    const texts = await options.allTextContents();
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
    const accepted = await intake.acceptBundle(bytes);
    if (!accepted.ok) throw new Error(accepted.message);
    const entries = await readZip(Buffer.from(bytes));
    const records = JSON.parse(entries.get('records.json')!.toString('utf8')) as {
      kind: string;
      payload: { action?: string; verdict?: string; reason?: string };
    }[];
    const decision = records.find((r) => r.kind === 'panel-decision');
    expect(decision?.payload).toMatchObject({
      action: 'decide',
      verdict: 'fail',
      reason: '财务预测与启动资金来源不符，经复核附表以不通过为准',
    });
    const env = JSON.parse(entries.get('envelope.json')!.toString('utf8')) as {
      signatures: { keyid: string }[];
    };
    expect(env.signatures.map((s) => s.keyid)).toEqual([reply.reply.workstationKeyid]);
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
