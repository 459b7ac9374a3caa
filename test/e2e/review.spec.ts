import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { currentProfileDbName, enterDemo } from './helpers/profiles';
import {
  declareNoConflictIfAsked,
  linkExpert,
  submitFirstReview,
  type SubmittedReview,
} from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
let app: AppSession;
let submitted: SubmittedReview;

const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `review-${name}.png`) });

async function submittedCount(): Promise<string> {
  return (await app.page.getByTestId('queue-count').textContent()) ?? '';
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1440, height: 900 });
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

describe('an expert reviews an assigned outcome', () => {
  it('asks a new expert profile which package expert it is', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await enterDemo(page, '评审专家');
    await page.getByTestId('screen-review').waitFor();
    await page.getByTestId('expert-link-select').waitFor();
    await page.getByTestId('expert-link-select').click();
    await expect.poll(() => page.getByRole('option').count()).toBe(6);
    await shot('link');
    await page.keyboard.press('Escape');
  });

  it("shows only that expert's assignments and moves through them with j/k", async () => {
    const { page } = app;
    await linkExpert(page, '朱丽萍');
    await expect.poll(() => page.getByTestId('linked-expert').textContent()).toBe('我是：朱丽萍');
    const items = page.getByTestId('review-queue-item');
    await expect.poll(() => items.count()).toBeGreaterThan(10);
    await expect.poll(() => submittedCount()).toMatch(/^已提交 0 \/ 共 \d+ 件$/);
    const selected = () => page.locator('[data-testid="review-queue-item"][aria-selected="true"]');
    const first = await items.nth(0).getAttribute('data-assignment-id');
    const second = await items.nth(1).getAttribute('data-assignment-id');
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(first);
    await page.locator('body').press('j');
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(second);
    await page.locator('body').press('k');
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(first);
    await page.locator('body').press('ArrowDown');
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(second);
    await page.locator('body').press('ArrowUp');
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(first);
    await page.getByTestId('submission-files').waitFor();
    await expect
      .poll(() => page.getByTestId('submission-files').textContent())
      .toMatch(/计划书（PDF）/);
    await shot('queue');
  });

  it('refuses an incomplete review with Chinese messages per field and saves nothing', async () => {
    const { page } = app;
    await declareNoConflictIfAsked(page);
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-errors').waitFor();
    const text = (await page.getByTestId('review-errors').textContent()) ?? '';
    expect(text).toContain('请为「');
    expect(text).toContain('请选择评审结论');
    expect(text).toContain('评审意见至少 5 个字');
    expect(text).toContain('提交前须声明与该学员及培训组织方无利害关系');
    // Each criterion is marked on its own line, not only in the summary.
    const criteria = await page.locator('input[data-criterion]').count();
    expect(criteria).toBeGreaterThan(2);
    await expect.poll(() => page.locator('[data-testid^="score-error-"]').count()).toBe(criteria);
    await expect.poll(() => submittedCount()).toMatch(/^已提交 0 /);
    await shot('errors');
  });

  it('autosaves the draft while typing', async () => {
    const { page } = app;
    await page.getByLabel('评审意见').fill('草稿中');
    await page.getByTestId('draft-status').filter({ hasText: '草稿已自动保存' }).waitFor();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="review-queue-item"][aria-selected="true"]')
          .getAttribute('data-state'),
      )
      .toBe('draft');
  });

  it('scores, passes and submits with Ctrl+Enter (the shared helper)', async () => {
    submitted = await submitFirstReview(app.page);
    expect(submitted.submissionTitle.length).toBeGreaterThan(0);
    await app.page.getByTestId('review-notice').waitFor();
    await expect.poll(() => submittedCount()).toMatch(/^已提交 1 /);
    await shot('submitted');
  });

  it('still has the review, marked 待同步, after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('screen-review').waitFor({ timeout: 60_000 });
    const item = page.locator(
      `[data-testid="review-queue-item"][data-assignment-id="${submitted.assignmentId}"]`,
    );
    await item.waitFor();
    await expect.poll(() => item.getAttribute('data-state')).toBe('pending');
    await item.click();
    await page.getByTestId('review-status').filter({ hasText: '已提交 · 待同步' }).waitFor();
    await expect
      .poll(() => page.getByTestId('submission-title').textContent())
      .toBe(submitted.submissionTitle);
    await expect
      .poll(() => page.getByLabel('评审意见').inputValue())
      .toBe('计划完整，财务测算合理，同意通过。');
    await expect.poll(() => page.getByTestId('review-submit').isDisabled()).toBe(true);
    await shot('after-reload');
  });

  it('logs a change before sync as a new record and shows it in the audit log', async () => {
    const { page } = app;
    // Read-only until 修改; a revision without a reason is refused.
    await expect.poll(() => page.getByLabel('评审意见').getAttribute('readonly')).not.toBeNull();
    await page.getByTestId('review-revise').click();
    await page.getByLabel('评审意见').fill('计划完整，财务测算合理；营销计划可再细化。');
    await page.getByTestId('unsent-change').waitFor();
    await page.getByLabel('评审意见').press('Control+Enter');
    await page.getByText('修改已提交的评审须写明修改理由').first().waitFor();
    await page.getByTestId('revision-reason').fill('复核后补充营销计划方面的意见');
    await page.getByLabel('评审意见').press('Control+Enter');
    await page.getByTestId('review-notice').filter({ hasText: '修改已提交' }).waitFor();
    await page.getByText('已提交第 2 版').waitFor();
    await page.locator('[data-screen="settings"]').click();
    await page.getByTestId('audit-log-card').waitFor();
    // Before the review: one 回避声明 per organizer opened (the first item's, and the one the
    // helper submitted, which may be another organizer's).
    const chain = page.getByTestId('audit-chain-status').filter({ hasText: /完整（共 [34] 条）/ });
    await chain.waitFor();
    const entries = Number((await chain.textContent())?.match(/共 (\d+) 条/)?.[1]);
    // The chain's status and the log's rows come from separate queries: wait for the rows too.
    const rowsShown = page.locator('[data-testid="audit-log-rows"] tbody tr');
    await expect.poll(() => rowsShown.count()).toBe(entries);
    const rows = await rowsShown.allTextContents();
    expect(rows[0]).toContain('修改');
    expect(rows[1]).toContain('提交');
    expect(rows.at(-1)).toMatch(/声明.*回避声明：培训组织方「.+」，无利害关系/);
    await shot('audit-log');
  });

  it('shows a persistent red alert when the audit log was tampered with', async () => {
    const { page } = app;
    await page.evaluate(
      (dbName: string) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('auditLog', 'readwrite');
            const store = tx.objectStore('auditLog');
            const get = store.get(0);
            get.onsuccess = () => store.put({ ...get.result, actor: 'someone-else' });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      await currentProfileDbName(page),
    );
    await page.reload();
    const alert = page.getByTestId('audit-broken');
    await alert.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => alert.textContent())
      .toContain(
        '审计日志链在第 0 条断裂：记录内容与其哈希不符，已被改动。请联系区级管理员；本工作站不会自动修复。',
      );
    await page.keyboard.press('Alt+1');
    await page.getByTestId('screen-review').waitFor();
    await expect.poll(() => alert.isVisible()).toBe(true);
    await shot('audit-broken');
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
