/// <reference lib="dom" />
// Issue 13 points 10 and the demo portfolio, on the demo package itself: an online portfolio is
// read with its sales sheet (table, chart, 6-month average) and its shop screenshot; its rubric
// asks for a comment when 实践销售数据 is scored under 60 %, and a raised hard-fail check (抄袭)
// fails the outcome whatever the points and needs a note before the review can be submitted.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { currentProfileDbName, enterDemo } from './helpers/profiles';
import { declareNoConflictIfAsked, linkExpert } from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const SLOW = { timeout: 20_000 };
let app: AppSession;
let assignmentId = '';

const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `rubric-${name}.png`) });
const errors = () => app.page.getByTestId('review-errors').textContent();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
  await enterDemo(app.page, '评审专家');
  await app.page.getByTestId('screen-review').waitFor();
  // 许蔓 sits on the online panel: her queue holds the portfolios.
  await linkExpert(app.page, '许蔓');
});

afterAll(async () => {
  await app?.close();
});

describe('an online portfolio on the demo', () => {
  it('is read with its sales sheet and its shop screenshot', async () => {
    const { page } = app;
    await page.getByTestId('queue-search').fill('实践成果');
    const item = page.locator('[data-testid="review-queue-item"][data-state="todo"]').first();
    await item.waitFor();
    assignmentId = (await item.getAttribute('data-assignment-id')) ?? '';
    await item.click();
    await declareNoConflictIfAsked(page);
    const reader = page.getByTestId('submission-reader');
    await reader.locator('label').filter({ hasText: '销售记录（CSV）' }).click();
    await page.getByTestId('sales-table').waitFor(SLOW);
    // Six months exported: the table has them all and the policy's average is computed.
    await expect.poll(() => page.locator('[data-testid="sales-table"] tbody tr').count()).toBe(6);
    await expect
      .poll(() => page.getByTestId('sales-average').first().textContent())
      .toMatch(/近 6 个月月均销售额：[\d,.]+ 元/);
    await page.getByTestId('sales-chart').waitFor();
    await shot('portfolio-sales');
    await reader.locator('label').filter({ hasText: '经营材料（PNG）' }).click();
    const img = page.locator('[data-testid="image-reader"] img');
    await img.waitFor(SLOW);
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(720);
    await shot('portfolio-screenshot');
  });

  it('asks for the criterion comment under 60 % and a note for a raised hard fail', async () => {
    const { page } = app;
    const form = page.locator(`[data-testid="review-form"][data-assignment-id="${assignmentId}"]`);
    const scores = form.locator('input[data-criterion]');
    for (let i = 0; i < (await scores.count()); i++) {
      const input = scores.nth(i);
      const low = (await input.getAttribute('data-criterion')) === 'c-sales';
      await input.fill(low ? '10' : ((await input.getAttribute('data-max')) ?? '0'));
    }
    await page.getByTestId('criterion-comment-c-sales').waitFor();
    await page.getByTestId('verdict-pass').check();
    await page.getByLabel('评审意见').fill('店铺搭建完整，但销售数据偏弱。');
    await page.getByTestId('no-conflict').check();
    await page.getByLabel('评审意见').press('Control+Enter');
    await expect
      .poll(errors)
      .toContain('「实践销售数据」低于满分的 60%，须写明扣分理由（至少 5 个字）');
    await page
      .getByTestId('criterion-comment-c-sales')
      .fill('近 6 个月销售额波动大，订单主要来自亲友');

    // 抄袭: the outcome fails at once whatever the 90 points, and 通过 is no longer offered.
    await page.getByTestId('hard-fail-hf-plagiarism').check();
    await expect
      .poll(() => page.getByTestId('review-total').getAttribute('data-outcome'))
      .toBe('fail');
    await expect.poll(() => page.getByTestId('verdict-pass').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('verdict-fail').isChecked()).toBe(true);
    await page.getByLabel('评审意见').press('Control+Enter');
    await expect.poll(errors).toContain('已勾选不合格项「抄袭」，须写明依据（至少 5 个字）');
    await shot('hard-fail-refused');
    await page.getByTestId('hard-fail-note-hf-plagiarism').fill('店铺介绍与另一学员的文字逐句相同');
    await page.getByLabel('评审意见').press('Control+Enter');
    await page.getByTestId('review-status').filter({ hasText: '待同步' }).waitFor(SLOW);
  });

  it('stores the hard fail and the criterion comment with the review', async () => {
    const stored = await app.page.evaluate(
      ({ dbName, id }: { dbName: string; id: string }) =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result
              .transaction('reviews', 'readonly')
              .objectStore('reviews')
              .index('assignmentId')
              .getAll(id);
            get.onsuccess = () => (open.result.close(), resolve(get.result as unknown[]));
            get.onerror = () => reject(get.error);
          };
        }),
      { dbName: await currentProfileDbName(app.page), id: assignmentId },
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      verdict: 'fail',
      hardFails: [{ checkId: 'hf-plagiarism', note: '店铺介绍与另一学员的文字逐句相同' }],
      criterionComments: [
        { criterionId: 'c-sales', comment: '近 6 个月销售额波动大，订单主要来自亲友' },
      ],
    });
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
