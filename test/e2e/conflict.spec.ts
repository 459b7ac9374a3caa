// 回避声明 through the real UI: the first item of an organizer opens behind the declaration; a
// conflict takes every item of that organizer off the expert's list (shown under 已回避), the
// recusal records travel in the exported bundle (read back from the file), and a withdrawal
// needs a reason and brings the items back.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peekEntry } from '../../src-main/services/packages/zip';
import { BUNDLE_RECORDS_ENTRY } from '../../src-shared/bundle/resultBundle';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { enterDemo } from './helpers/profiles';
import { linkExpert } from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const PASS = 'qihang-e2e-口令';
const SLOW = { timeout: 20_000 };
let app: AppSession;
let files: string;
let organizerId = '';
let total = 0;
let recused = 0;

const shot = (name: string) =>
  app.page.screenshot({ path: path.join(SHOTS, `conflict-${name}.png`) });
const queueItems = () => app.page.getByTestId('review-queue-item');
/** The count a status filter shows in its label ("已回避 30"). */
async function statusCount(label: string): Promise<number> {
  const text = await app.page
    .getByTestId('queue-status')
    .getByText(new RegExp(`^${label}`))
    .textContent();
  return Number(/(\d+)$/.exec(text ?? '')?.[1] ?? NaN);
}
/** data-* of the rows in the page (the list is virtualised: the rows in view). */
const rendered = (attr: string) =>
  queueItems().evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(path.join(tmpdir(), 'qh-conflict-e2e-'));
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('an expert declares a conflict of interest', () => {
  it('asks for the 回避声明 before the first item of an organizer opens', async () => {
    const { page } = app;
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await enterDemo(page, '评审专家');
    await page.getByTestId('screen-review').waitFor();
    await linkExpert(page, '朱丽萍');
    await expect.poll(() => queueItems().count()).toBeGreaterThan(10);
    const first = page.locator('[data-testid="review-queue-item"][aria-selected="true"]');
    organizerId = (await first.getAttribute('data-organizer-id')) ?? '';
    expect(organizerId).not.toBe('');
    total = await statusCount('全部');
    expect(await statusCount('已回避')).toBe(0);
    await page.getByTestId('conflict-declare').waitFor();
    // No score field is reachable before the declaration.
    await expect.poll(() => page.locator('input[data-criterion]').count()).toBe(0);
    await shot('gate');
  });

  it('refuses a conflict without its type, then records 任职 with a note', async () => {
    const { page } = app;
    await page.getByTestId('conflict-yes').check();
    await page.getByTestId('conflict-confirm').click();
    await page.getByText('请选择利害关系类型').waitFor();
    await page.getByTestId('conflict-relation-employment').check();
    await page.getByTestId('conflict-note').fill('本人兼任该机构教学顾问');
    await shot('declare');
    await page.getByTestId('conflict-confirm').click();
    // The organizer's items leave the list (全部) for 已回避; nothing else does.
    await expect.poll(() => statusCount('已回避'), SLOW).toBeGreaterThan(0);
    recused = await statusCount('已回避');
    expect(await statusCount('全部')).toBe(total - recused);
    await expect.poll(() => rendered('data-organizer-id')).not.toContain(organizerId);
    await expect.poll(() => queueItems().count()).toBeGreaterThan(0);
  });

  it('shows them under 已回避, and a recused item offers only the withdrawal', async () => {
    const { page } = app;
    await page
      .getByTestId('queue-status')
      .getByText(/^已回避/)
      .click();
    await expect
      .poll(async () => [...new Set(await rendered('data-organizer-id'))])
      .toEqual([organizerId]);
    await expect.poll(async () => [...new Set(await rendered('data-state'))]).toEqual(['recused']);
    await queueItems().first().click();
    await page.getByTestId('recused-notice').waitFor();
    await expect.poll(() => page.getByTestId('recused-notice').textContent()).toContain('任职');
    await expect.poll(() => page.locator('input[data-criterion]').count()).toBe(0);
    await shot('recused');
  });

  it('writes the declaration to the audit log in words', async () => {
    const { page } = app;
    await page.locator('[data-screen="settings"]').click();
    await page.getByTestId('audit-log-card').waitFor();
    await page.getByTestId('audit-chain-status').filter({ hasText: '完整（共 1 条）' }).waitFor();
    // The chain's status and the log's rows come from separate queries: wait for the rows too.
    const rowsShown = page.locator('[data-testid="audit-log-rows"] tbody tr');
    await expect.poll(() => rowsShown.count()).toBe(1);
    const rows = await rowsShown.allTextContents();
    expect(rows[0]).toMatch(
      /声明.*回避声明：培训组织方「.+」，存在任职关系，回避：本人兼任该机构教学顾问/,
    );
  });

  it('sends one recusal record per item in the exported bundle', async () => {
    const { page } = app;
    await page.locator('[data-screen="sync"]').click();
    await page.getByTestId('screen-sync').waitFor();
    const message = () => page.getByTestId('sync-message');
    // No key yet: export waits for one, and says so beside the button.
    await expect
      .poll(() => page.getByRole('button', { name: '导出结果包' }).isDisabled(), SLOW)
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('sync-no-key').textContent())
      .toContain('还没有签名密钥');
    await page.getByTestId('key-passphrase').fill(PASS);
    await page.getByTestId('key-passphrase-confirm').fill(PASS);
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    await expect.poll(() => message().textContent(), SLOW).toContain('签名密钥已创建');
    const bundleFile = path.join(files, 'out.qhres');
    app.harness.dialogs.answerNextSave(bundleFile);
    await page.getByRole('button', { name: '导出结果包' }).click();
    await page.getByTestId('passphrase-input').fill(PASS);
    await page.getByTestId('passphrase-input').press('Enter');
    await expect.poll(() => message().textContent(), SLOW).toContain('结果包已保存到');

    const bytes = await peekEntry(bundleFile, BUNDLE_RECORDS_ENTRY, 16 * 1024 * 1024, 100);
    if (!bytes) throw new Error('records.json missing from the bundle');
    const records = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
      kind: string;
      payload: Record<string, unknown>;
    }[];
    const conflicts = records.filter((r) => r.kind === 'conflict');
    expect(conflicts).toHaveLength(recused);
    expect(new Set(conflicts.map((r) => r.payload.assignmentId)).size).toBe(recused);
    for (const r of conflicts) {
      expect(r.payload).toMatchObject({
        relation: 'employment',
        note: '本人兼任该机构教学顾问',
        party: { kind: 'organizer', id: organizerId },
      });
      expect(r.payload.reason).toMatch(/^与培训组织方「.+」存在任职关系：本人兼任该机构教学顾问$/);
    }
  });

  it('withdraws only with a reason, and the items come back', async () => {
    const { page } = app;
    await page.locator('[data-screen="review"]').click();
    await page
      .getByTestId('queue-status')
      .getByText(/^已回避/)
      .click();
    await queueItems().first().click();
    await page.getByTestId('recused-notice').waitFor();
    await page.getByTestId('withdraw-conflict').click();
    await page.getByText('撤回回避须写明理由').waitFor();
    await page.getByTestId('withdraw-reason').fill('顾问聘任已于去年终止，经核实无利害关系');
    await page.getByTestId('withdraw-conflict').click();
    await page.getByTestId('queue-status').getByText(/^全部/).click();
    await expect.poll(() => statusCount('已回避'), SLOW).toBe(0);
    await expect.poll(() => statusCount('全部'), SLOW).toBe(total);
    await page.locator('[data-screen="settings"]').click();
    await page.getByTestId('audit-chain-status').filter({ hasText: '完整（共 3 条）' }).waitFor();
    // The chain's status and the log's rows come from separate queries: wait for the rows too.
    const rows = page.locator('[data-testid="audit-log-rows"] tbody tr');
    await expect.poll(async () => (await rows.allTextContents())[0] ?? '', SLOW).toContain('撤回');
    expect(app.pageErrors).toEqual([]);
  });
});
