// The similarity pre-check on the demo package: the expert cancels a run, runs it to the end,
// and sees the seeded near-copy pair (scripts/demo/similarity.ts) with its passages and pages,
// and not the pair that shares only the template headings; the chair sees the same pair.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { enterDemo, switchUser } from './helpers/profiles';
import { linkExpert } from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
// The seeded cases, as scripts/demo/similarity.ts picks them (test/main/demo checks the ids).
const COPY_PAIR = 'sub-T-00068-bp|sub-T-00093-bp';
const TEMPLATE_PAIR = ['sub-T-00066-bp', 'sub-T-00091-bp'];
// Extracting the text of 170 PDFs on a loaded two-core machine takes a while.
const RUN_TIMEOUT = 240_000;

let app: AppSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

async function openPrecheck() {
  const { page } = app;
  await page.getByTestId('similarity-open').click();
  await page.getByTestId('similarity-panel').waitFor();
}

async function runToEnd() {
  const { page } = app;
  await page.getByTestId('similarity-run').click();
  await page.getByTestId('similarity-count').waitFor({ timeout: RUN_TIMEOUT });
  await expect.poll(() => page.getByTestId('similarity-progress').count()).toBe(0);
}

describe('similarity pre-check', () => {
  it('cancels a running pre-check and keeps no result', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await enterDemo(page, '评审专家');
    await page.getByTestId('screen-review').waitFor();
    await linkExpert(page, '朱丽萍');
    await openPrecheck();
    await expect.poll(() => page.getByTestId('similarity-last').textContent()).toMatch(/尚未预检/);
    await page.getByTestId('similarity-run').click();
    await page.getByTestId('similarity-progress').waitFor();
    // Cancel only once extraction is under way, so the cancel stops real work.
    await expect
      .poll(() => page.getByTestId('similarity-progress').textContent())
      .toMatch(/正在提取文字：[1-9]\d* \/ \d+ 份/);
    await page.getByTestId('similarity-cancel').click();
    await page.getByTestId('similarity-cancelled').waitFor();
    await expect.poll(() => page.getByTestId('similarity-progress').count()).toBe(0);
    expect(await page.getByTestId('similarity-count').count()).toBe(0);
    await expect.poll(() => page.getByTestId('similarity-last').textContent()).toMatch(/尚未预检/);
  });

  it('finds the seeded near copy with its passages and both pages, not the template pair', async () => {
    const { page } = app;
    await runToEnd();
    await expect
      .poll(() => page.getByTestId('similarity-count').textContent())
      .toBe('发现 1 对相似的计划书');
    const pairs = await page
      .getByTestId('similarity-pair')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-pair')));
    expect(pairs).toEqual([COPY_PAIR]);
    for (const id of TEMPLATE_PAIR) expect(pairs.join(' ')).not.toContain(id);
    const score = (await page.getByTestId('pair-score').textContent()) ?? '';
    expect(Number(/(\d+)%/.exec(score)?.[1])).toBeGreaterThan(60);
    // The first pair opens with its passages side by side, each with its page.
    const passages = page.getByTestId('similarity-passage');
    await expect.poll(() => passages.count()).toBeGreaterThan(0);
    const a = (await page.getByTestId('passage-a').allTextContents()).join('\n');
    const b = (await page.getByTestId('passage-b').allTextContents()).join('\n');
    expect(a).toContain('养老驿站');
    expect(b).toContain('养老驿站');
    // The words the copier changed are marked on both sides (低糖 → 无糖).
    const changedA = await page
      .getByTestId('passage-a')
      .getByTestId('passage-changed')
      .allTextContents();
    const changedB = await page
      .getByTestId('passage-b')
      .getByTestId('passage-changed')
      .allTextContents();
    expect(changedA.join('')).toContain('低');
    expect(changedB.join('')).toContain('无');
    const pages = await page.getByTestId('passage-a-page').allTextContents();
    for (const p of [...pages, ...(await page.getByTestId('passage-b-page').allTextContents())])
      expect(p).toMatch(/^第 \d+(–\d+)? 页$|^申报表$/);
    await page.screenshot({ path: path.join(SHOTS, 'review-similarity.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the chair the same pair from 组长会审', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await switchUser(page);
    await enterDemo(page, '评审组长');
    await page.getByTestId('screen-review').waitFor();
    await linkExpert(page, '韩秀英');
    await page.locator('[data-screen="panel"]').click();
    await page.getByTestId('screen-panel').waitFor();
    await openPrecheck();
    await runToEnd();
    const pairs = await page
      .getByTestId('similarity-pair')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-pair')));
    expect(pairs).toEqual([COPY_PAIR]);
    await page.screenshot({ path: path.join(SHOTS, 'panel-similarity.png') });
  });
});
