/// <reference lib="dom" />
// Issue 13 point 8: a day of scoring without the mouse. After 体验演示 every step is a key
// press through page.keyboard — linking the profile to its expert, Enter from the list into the
// first score, digits and Enter through the scores, the verdict, the comment, the declaration,
// Ctrl+Enter, Esc back to the row and J to the next — for three submissions, answering the
// 回避声明 by keyboard where the app asks for it; ? shows the key sheet.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { enterDemo } from './helpers/profiles';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const SLOW = { timeout: 20_000 };
let app: AppSession;

const active = () =>
  app.page.evaluate(() => {
    const el = document.activeElement;
    return {
      testid: el?.getAttribute('data-testid') ?? null,
      criterion: el?.getAttribute('data-criterion') ?? null,
      assignment: el?.getAttribute('data-assignment-id') ?? null,
      type: el?.getAttribute('type') ?? null,
      tag: el?.tagName ?? null,
    };
  });
const key = (k: string) => app.page.keyboard.press(k);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
  await enterDemo(app.page, '评审专家');
});

afterAll(async () => {
  await app?.close();
});

describe('reviewing by keyboard only', () => {
  it('links the profile to its expert without the mouse', async () => {
    const { page } = app;
    await page.getByTestId('expert-link-select').waitFor();
    await expect.poll(async () => (await active()).testid).toBe('expert-link-select');
    await page.keyboard.type('朱丽萍');
    await key('ArrowDown');
    await key('Enter');
    await expect
      .poll(() => page.getByTestId('expert-link-select').inputValue())
      .toContain('朱丽萍');
    await key('Tab');
    await expect.poll(async () => (await active()).testid).toBe('expert-link-confirm');
    await key('Enter');
    await page.getByTestId('review-queue').waitFor();
  });

  it('shows the key sheet on ?', async () => {
    const { page } = app;
    await key('?');
    await page.getByTestId('shortcut-sheet').waitFor();
    const text = (await page.getByTestId('shortcut-sheet').textContent()) ?? '';
    for (const k of ['Enter / →', 'Esc / Alt+←', 'Ctrl+Enter', 'J / ↓']) expect(text).toContain(k);
    await page.screenshot({ path: path.join(SHOTS, 'keyboard-sheet.png') });
    await key('Escape');
    await expect.poll(() => page.getByTestId('shortcut-sheet').count()).toBe(0);
  });

  it('reviews three submissions, declaring 无利害关系 by keyboard where asked', async () => {
    const { page } = app;
    const submitted: string[] = [];
    let declared = 0;
    for (let n = 0; n < 3; n++) {
      const row = page.locator('[data-testid="review-queue-item"][aria-selected="true"]');
      const id = (await row.getAttribute('data-assignment-id')) ?? '';
      expect(await row.getAttribute('data-state')).toBe('todo');
      const form = page.locator(`[data-testid="review-form"][data-assignment-id="${id}"]`);
      await page
        .locator(
          `[data-testid="review-form"][data-assignment-id="${id}"], [data-testid="conflict-declare"]`,
        )
        .first()
        .waitFor(SLOW);
      // From the list (or from nowhere) one key into the form.
      await key('Enter');
      if ((await active()).type === 'radio') {
        // The 回避声明 comes first for an organizer not yet declared: 无利害关系, 确认.
        await key('Space');
        await key('Tab');
        await expect.poll(async () => (await active()).testid).toBe('conflict-confirm');
        await key('Enter');
        await form.waitFor(SLOW);
        declared++;
        await key('Enter');
      }
      const scores = form.locator('input[data-criterion]');
      const first = await scores.first().getAttribute('data-criterion');
      await expect.poll(async () => (await active()).criterion).toBe(first);
      const count = await scores.count();
      for (let i = 0; i < count; i++) {
        await page.keyboard.type((await scores.nth(i).getAttribute('data-max')) ?? '0');
        await key('Enter');
      }
      // After the last score Enter lands on the verdict: Space picks 通过.
      await expect.poll(async () => (await active()).type).toBe('radio');
      await key('Space');
      // The verdict sits in the action bar below the form: one Shift+Tab back is the
      // 无利害关系 box, one more the general comment.
      await key('Shift+Tab');
      await expect.poll(async () => (await active()).testid).toBe('no-conflict');
      await key('Space');
      await key('Shift+Tab');
      await expect.poll(async () => (await active()).tag).toBe('TEXTAREA');
      await page.keyboard.type('键盘评审：计划完整，测算合理，同意通过。');
      await key('Control+Enter');
      await page.getByTestId('review-status').filter({ hasText: '待同步' }).waitFor(SLOW);
      submitted.push(id);
      if (n === 0) await page.screenshot({ path: path.join(SHOTS, 'keyboard-submitted.png') });
      // Back to the row, then the next one.
      await key('Escape');
      await expect.poll(async () => (await active()).assignment).toBe(id);
      await key('j');
      await expect.poll(async () => (await active()).assignment).not.toBe(id);
    }
    expect(new Set(submitted).size).toBe(3);
    expect(declared).toBeGreaterThanOrEqual(1);
    for (const id of submitted) {
      const item = page.locator(`[data-testid="review-queue-item"][data-assignment-id="${id}"]`);
      await expect.poll(() => item.getAttribute('data-state')).toBe('pending');
    }
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toMatch(/^已提交 3 /);
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
