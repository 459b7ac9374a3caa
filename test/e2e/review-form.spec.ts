// The scoring form as an expert types into it: out-of-range scores marked at once, a total that
// never passes the maximum and is coloured only when complete, and a draft that survives the
// browser being closed right after a keystroke.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { enterDemo } from './helpers/profiles';
import { declareNoConflictIfAsked, linkExpert } from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
let app: AppSession;

const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `review-form-${name}.png`) });

async function totalParts(): Promise<{ total: number; max: number; outcome: string }> {
  const el = app.page.getByTestId('review-total');
  const text = (await el.textContent()) ?? '';
  const m = /总分 ([\d.]+) \/ ([\d.]+)/.exec(text);
  if (!m) throw new Error(`total not shown: ${text}`);
  return {
    total: Number(m[1]),
    max: Number(m[2]),
    outcome: (await el.getAttribute('data-outcome')) ?? '',
  };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

describe('the scoring form validates as it is typed', () => {
  it('marks 999 in a field at once and keeps the total within the maximum', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await enterDemo(page, '评审专家');
    await page.getByTestId('screen-review').waitFor();
    await linkExpert(page, '朱丽萍');
    await declareNoConflictIfAsked(page);
    const inputs = page.locator('input[data-criterion]');
    const first = inputs.first();
    const id = (await first.getAttribute('data-criterion')) ?? '';
    const max = Number(await first.getAttribute('data-max'));
    await first.click();
    await page.keyboard.type('999');
    // No submit: the message is there while typing.
    await expect
      .poll(() => page.getByTestId(`score-error-${id}`).textContent())
      .toBe(
        `「${await page.locator(`[data-criterion="${id}"]`).getAttribute('aria-label')}」最高 ${max} 分`,
      );
    await expect.poll(() => first.getAttribute('aria-invalid')).toBe('true');
    const t = await totalParts();
    expect(t.total).toBeLessThanOrEqual(t.max);
    expect(t.total).toBe(0);
    expect(t.outcome).toBe('incomplete');
    await shot('out-of-range');
  });

  it('colours the total only once every criterion is scored and valid', async () => {
    const { page } = app;
    const inputs = page.locator('input[data-criterion]');
    const count = await inputs.count();
    // Full marks everywhere but the last field: still no reading.
    for (let i = 0; i < count - 1; i++) {
      await inputs.nth(i).fill((await inputs.nth(i).getAttribute('data-max')) ?? '0');
    }
    await expect.poll(() => page.locator('[data-testid^="score-error-"]').count()).toBe(0);
    await expect.poll(async () => (await totalParts()).outcome).toBe('incomplete');
    await inputs.nth(count - 1).fill('0');
    await expect.poll(async () => (await totalParts()).outcome).toMatch(/^(pass|fail)$/);
    const full = await totalParts();
    expect(full.total).toBeLessThanOrEqual(full.max);
    // An out-of-range value takes the reading away again.
    await inputs.nth(count - 1).fill('1000');
    await expect.poll(async () => (await totalParts()).outcome).toBe('incomplete');
    await inputs.nth(count - 1).fill('0');
    await expect.poll(async () => (await totalParts()).outcome).toMatch(/^(pass|fail)$/);
    await shot('complete');
  });
});

describe('autosave', () => {
  it('keeps a comment typed just before the browser is closed', async () => {
    const { page } = app;
    const assignmentId = await page.getByTestId('review-form').getAttribute('data-assignment-id');
    const comment = page.getByLabel('评审意见');
    await comment.click();
    await page.keyboard.type('关闭前最后输入的意见');
    // Close without waiting for the 已自动保存 indicator.
    await app.restartBrowser();
    await app.page.goto(app.harness.url);
    await app.page.getByTestId('screen-review').waitFor({ timeout: 60_000 });
    const item = app.page.locator(
      `[data-testid="review-queue-item"][data-assignment-id="${assignmentId}"]`,
    );
    await item.click();
    await app.page
      .locator(`[data-testid="review-form"][data-assignment-id="${assignmentId}"]`)
      .waitFor();
    await expect
      .poll(() => app.page.getByLabel('评审意见').inputValue())
      .toBe('关闭前最后输入的意见');
    await expect.poll(() => item.getAttribute('data-state')).toBe('draft');
  });
});

describe('the queue', () => {
  const selected = () =>
    app.page.locator('[data-testid="review-queue-item"][aria-selected="true"]');

  it('finds an item by the trainee name and keeps the selection across screens', async () => {
    const { page } = app;
    const third = page.getByTestId('review-queue-item').nth(2);
    const id = (await third.getAttribute('data-assignment-id')) ?? '';
    const trainee = ((await third.locator('p').nth(1).textContent()) ?? '').split(' · ')[0] ?? '';
    expect(trainee.length).toBeGreaterThan(1);
    await page.getByTestId('queue-search').fill(trainee);
    await expect
      .poll(() => page.getByTestId('review-queue-item').first().getAttribute('data-assignment-id'))
      .toBe(id);
    await page.getByTestId('review-queue-item').first().click();
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(id);
    await page.getByTestId('queue-search').fill('');
    await page.locator('[data-screen="settings"]').click();
    await page.getByTestId('audit-log-card').waitFor();
    await page.locator('[data-screen="review"]').click();
    await expect.poll(() => selected().getAttribute('data-assignment-id')).toBe(id);
    await page
      .locator(`[data-testid="review-form"][data-assignment-id="${id}"]`)
      .or(page.getByTestId('conflict-declare'))
      .first()
      .waitFor();
    await shot('queue-restored');
  });
});

describe('the action bar at 1366×768', () => {
  const VIEWPORT_HEIGHT = 768;
  const inView = async (testId: string) => {
    const box = await app.page.getByTestId(testId).boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT_HEIGHT;
  };

  it('keeps the total, the verdict and 提交 in view with the last criterion, and shows what 提交 did', async () => {
    const { page } = app;
    // The autosave test above restarted the browser: set the laptop's size again.
    await page.setViewportSize({ width: 1366, height: VIEWPORT_HEIGHT });
    const todo = page.locator('[data-testid="review-queue-item"][data-state="todo"]').first();
    const id = (await todo.getAttribute('data-assignment-id')) ?? '';
    await todo.click();
    await declareNoConflictIfAsked(page);
    await page.locator(`[data-testid="review-form"][data-assignment-id="${id}"]`).waitFor();
    const inputs = page.locator('input[data-criterion]');
    const count = await inputs.count();
    for (let i = 0; i < count; i++) {
      await inputs.nth(i).fill((await inputs.nth(i).getAttribute('data-max')) ?? '0');
    }
    const last = inputs.nth(count - 1);
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => inView('review-action-bar')).toBe(true);
    expect(await inView('review-total')).toBe(true);
    expect(await inView('review-submit')).toBe(true);
    expect(await page.getByTestId('verdict-pass').isVisible()).toBe(true);
    // The field scrolled to stops above the bar, not under it.
    const bar = (await page.getByTestId('review-action-bar').boundingBox())!;
    const field = (await last.boundingBox())!;
    expect(field.y + field.height).toBeLessThanOrEqual(bar.y);

    // A refused 提交: the list of problems shows with the rubric heading above it.
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-errors').waitFor();
    const pane = (await page.getByTestId('review-pane').boundingBox())!;
    await expect
      .poll(async () => (await page.getByText(/^评审标准：/).boundingBox())?.y ?? -1)
      // Within a pixel: layout positions are fractional (197.34 against 197.39 was seen).
      .toBeGreaterThanOrEqual(pane.y - 1);
    expect(await inView('review-errors')).toBe(true);

    await page.getByTestId('verdict-pass').check();
    await page.getByLabel('评审意见').fill('计划完整，市场分析充分，建议通过。');
    await page.getByTestId('no-conflict').check();
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-notice').waitFor();
    expect(await inView('review-notice')).toBe(true);
    await shot('action-bar-submitted');
  });
});
