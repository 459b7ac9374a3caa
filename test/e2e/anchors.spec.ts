// Page anchors (issue 13 point 3, issue 14 point 3), through the real UI and handlers: an expert
// reading a business plan cites page 2 for a criterion while scoring and submits; the review
// record in the signed bundle the profile exports carries the anchor; the panel chair imports
// the review and a click on the anchor opens the plan at page 2.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResultBundle } from '../../src-main/services/bundles/build';
import { createIntake, type Intake } from '../../src-main/services/intake/intake';
import { newPlatformKey } from '../../src-main/services/intake/platformKey';
import { memoryStorage } from '../../src-main/services/intake/state';
import { signerFromKey } from '../../src-main/services/keys/signer';
import type { ResultRecord } from '../../src-shared/bundle/resultBundle';
import { demoExpertKey } from '../../src-main/services/keys/demoExpertKeys';
import { readZip } from '../main/demo/zip';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { enterDemo, switchUser } from './helpers/profiles';
import { declareNoConflictIfAsked, linkExpert } from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const PASS = 'qihang-e2e-引用口令';
const SLOW = { timeout: 20_000 };
const EXPERT = { id: 'exp-03', name: '朱丽萍' };
let app: AppSession;
let files: string;
let intake: Intake;
let platformKeyid: string;
let cited: { assignmentId: string; title: string; criterionId: string };
let reviewRecord: ResultRecord;

const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `anchors-${name}.png`) });
const message = () => app.page.getByTestId('sync-message');
const pageBox = () => app.page.getByTestId('reader-page');

async function enterPassphrase() {
  await app.page.getByTestId('passphrase-input').waitFor();
  await app.page.getByTestId('passphrase-input').fill(PASS);
  await app.page.getByTestId('passphrase-input').press('Enter');
}

async function turnTo(page: number) {
  await pageBox().fill(String(page));
  await pageBox().press('Enter');
  await expect.poll(() => pageBox().inputValue()).toBe(String(page));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(path.join(tmpdir(), 'qh-anchors-e2e-'));
  const key = newPlatformKey(new Date(Date.now() - 60_000));
  platformKeyid = key.key.keyid;
  intake = createIntake({ platformKeys: [key], storage: memoryStorage(), acceptDemo: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('page anchors from the expert to the chair', () => {
  it('cites page 2 for a criterion while scoring, and the chip turns the reader back to it', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await enterDemo(page, '评审专家');
    await page.getByTestId('screen-review').waitFor();
    await linkExpert(page, EXPERT.name);
    // A 商业计划书 (elite camps): always several pages long.
    await page.getByTestId('queue-search').fill('商业计划书');
    const item = page.locator('[data-testid="review-queue-item"][data-state="todo"]').first();
    await item.waitFor();
    const assignmentId = (await item.getAttribute('data-assignment-id')) ?? '';
    await item.click();
    await declareNoConflictIfAsked(page);
    await page
      .locator(`[data-testid="review-form"][data-assignment-id="${assignmentId}"]`)
      .waitFor();
    await expect
      .poll(() => page.getByTestId('pdf-reader').getAttribute('data-status'))
      .toBe('ready');
    const pages = Number(
      (await page.getByTestId('reader-pages').textContent())?.replace(/\D/g, ''),
    );
    expect(pages).toBeGreaterThanOrEqual(2);

    const form = page.getByTestId('review-form');
    const scores = form.locator('input[data-criterion]');
    for (let i = 0; i < (await scores.count()); i++) {
      await scores.nth(i).fill((await scores.nth(i).getAttribute('data-max')) ?? '0');
    }
    // The second criterion is the field being edited when the page is cited.
    const target = scores.nth(1);
    const criterionId = (await target.getAttribute('data-criterion')) ?? '';
    const label = (await target.getAttribute('aria-label')) ?? '';
    await target.focus();
    await expect.poll(() => page.getByTestId('cite-target').textContent()).toContain(label);
    await turnTo(2);
    await page.getByTestId('reader-cite').click();
    const chip = form.locator('[data-testid="anchor-chip"][data-page="2"]');
    await chip.waitFor();
    await expect.poll(() => page.getByTestId('cite-target').textContent()).toContain('第 2 页');
    await shot('expert-cited');

    await turnTo(1);
    await chip.click();
    await expect.poll(() => pageBox().inputValue()).toBe('2');

    await page.getByTestId('verdict-pass').check();
    await page.getByLabel('评审意见').fill('商业模式清楚，第 2 页的客户分析扎实，同意通过。');
    await page.getByTestId('no-conflict').check();
    await page.getByLabel('评审意见').press('Control+Enter');
    await page.getByTestId('review-status').filter({ hasText: '待同步' }).waitFor(SLOW);
    cited = {
      assignmentId,
      title: (await page.getByTestId('submission-title').textContent()) ?? '',
      criterionId,
    };
  });

  it("carries the anchor in the review record of the profile's signed bundle", async () => {
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
    await enterPassphrase();
    await expect.poll(() => message().textContent(), SLOW).toContain('注册申请已保存到');
    const reply = await intake.enroll(await readFile(requestFile));
    if (!reply.ok) throw new Error(reply.message);
    const replyFile = path.join(files, 'reply.json');
    await writeFile(replyFile, reply.replyText);
    await page.getByLabel('平台密钥指纹（选填，首次注册时核对）').fill(platformKeyid);
    app.harness.dialogs.answerNextOpen(replyFile);
    await page.getByRole('button', { name: '导入注册回复' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('已导入注册回复');

    const bundleFile = path.join(files, 'expert.qhres');
    app.harness.dialogs.answerNextSave(bundleFile);
    await page.getByRole('button', { name: '导出结果包' }).click();
    await enterPassphrase();
    await expect.poll(() => message().textContent(), SLOW).toContain('结果包已保存到');
    const entries = await readZip(await readFile(bundleFile));
    const records = JSON.parse(entries.get('records.json')!.toString('utf8')) as ResultRecord[];
    const review = records.find(
      (r) => r.kind === 'review' && r.payload.assignmentId === cited.assignmentId,
    );
    expect(review).toBeDefined();
    reviewRecord = review!;
    const anchors = reviewRecord.payload.anchors as { page: number; criterionId?: string }[];
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({ page: 2, criterionId: cited.criterionId });
    expect(anchors[0]).toHaveProperty('fileSha256', expect.stringMatching(/^[0-9a-f]{64}$/));
  });

  it('opens page 2 for the chair who imported the review', async () => {
    const { page } = app;
    // The chair accepts only keys the package enrolled for the panel's experts: the same
    // record, signed with the demo package's key for this expert, as it would arrive by USB.
    const built = await buildResultBundle(
      {
        profileId: `demo-${EXPERT.id}`,
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        workPackageIds: [],
        records: [reviewRecord],
      },
      [signerFromKey(demoExpertKey(EXPERT.id))],
    );
    if (!built.ok) throw new Error(built.message);
    const usb = path.join(files, 'anchored-review.qhres');
    await writeFile(usb, built.bytes);

    await switchUser(page);
    await enterDemo(page, '评审组长');
    await page.getByTestId('screen-review').waitFor();
    await linkExpert(page, '韩秀英');
    await page.locator('[data-screen="panel"]').click();
    await page.getByTestId('screen-panel').waitFor();
    app.harness.dialogs.answerNextOpen(usb);
    await page.getByTestId('panel-import').click();
    await expect
      .poll(() => page.getByTestId('panel-report').textContent(), SLOW)
      .toContain('anchored-review.qhres：新增 1 条');
    await page.getByTestId('panel-list-item').filter({ hasText: cited.title }).click();
    const link = page.locator('[data-testid="panel-anchors"] [data-testid="anchor-chip"]');
    await expect.poll(() => link.getAttribute('data-page')).toBe('2');
    await link.click();
    const reader = page.getByTestId('anchor-reader-body');
    await expect
      .poll(() => reader.getByTestId('pdf-reader').getAttribute('data-status'))
      .toBe('ready');
    await expect.poll(() => reader.getByTestId('reader-page').inputValue()).toBe('2');
    await shot('chair-reader');
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
