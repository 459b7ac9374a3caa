/// <reference lib="dom" />
// The expert reads the plan in the app: the demo PDF is served by main from the verified package
// store through the app's own scheme and drawn by pdf.js beside the scoring form.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readPackageFileBytes } from '../../src-main/services/packages/extract';
import { packageStoreDir } from '../../src-main/services/packages/store';
import type { PackageFile } from '../../src-shared/records/records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { enterDemo } from './helpers/profiles';
import { LONG_PLAN_PHRASE } from '../fixtures/longPlanPdf';
import {
  importLongPlan,
  LONG_PLAN_EXPERT,
  PORTFOLIO_TITLE,
  writeLongPlanPackage,
} from './helpers/longPlan';
import { linkExpert } from './helpers/review';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
let app: AppSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
  await enterDemo(app.page, '评审专家');
  await app.page.getByTestId('screen-review').waitFor();
  await linkExpert(app.page, '朱丽萍');
});

afterAll(async () => {
  await app?.close();
});

/** Standard deviation of the grey levels of the first rendered page canvas. */
async function canvasVariance(): Promise<number> {
  return app.page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(
      '[data-testid="pdf-scroll"] .page canvas',
    );
    if (!canvas || canvas.width === 0) return 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let sq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const g = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
      sum += g;
      sq += g * g;
    }
    const mean = sum / n;
    return Math.sqrt(sq / n - mean * mean);
  });
}

const reader = () => app.page.getByTestId('pdf-reader');
/** The text of every page whose text layer has been built so far. */
const textLayers = async () =>
  (await app.page.locator('[data-testid="pdf-scroll"] .textLayer').allTextContents()).join('\n');

describe('reading a business plan beside the scoring form', () => {
  it('draws the first page of the demo PDF (not a blank canvas)', async () => {
    const { page } = app;
    await page.getByTestId('review-queue-item').first().click();
    await expect.poll(() => reader().getAttribute('data-status')).toBe('ready');
    await expect.poll(() => canvasVariance()).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('reader-pages').textContent()).toMatch(/\/ \d+/);
    await page.screenshot({ path: path.join(SHOTS, 'reader-first-page.png') });
  });

  it('shows every toolbar control and the kind badge whole at 1366×768 (no label cut short)', async () => {
    // Labels that do not fit are cut by their button, controls by the toolbar: neither may be.
    const cut = () =>
      app.page.getByTestId('reader-toolbar').evaluate((bar) => {
        const box = bar.getBoundingClientRect();
        const out: string[] = [];
        for (const label of bar.querySelectorAll<HTMLElement>('.mantine-Button-label'))
          if (label.scrollWidth > label.clientWidth + 1) out.push(`label ${label.textContent}`);
        for (const el of bar.querySelectorAll<HTMLElement>('button, input')) {
          const r = el.getBoundingClientRect();
          if (r.left < box.left - 1 || r.right > box.right + 1)
            out.push(`control ${el.textContent || el.getAttribute('aria-label')}`);
        }
        return out;
      });
    await expect.poll(() => app.page.getByTestId('reader-cite').isVisible()).toBe(true);
    expect(await cut()).toEqual([]);
    const kind = app.page.getByTestId('submission-kind').locator('.mantine-Badge-label');
    expect(await kind.evaluate((l) => l.scrollWidth <= l.clientWidth + 1)).toBe(true);
  });

  it('has a text layer holding the plan text, selectable', async () => {
    await expect.poll(() => textLayers()).toContain('创业计划书');
    await expect.poll(() => textLayers()).toContain('项目概述');
  });

  it('finds a phrase with Ctrl+F and highlights the hits', async () => {
    const { page } = app;
    await page.getByTestId('pdf-scroll').click();
    await page.keyboard.press('Control+f');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('reader-find');
    await page.keyboard.type('市场分析');
    await expect.poll(() => page.getByTestId('reader-find-count').textContent()).toBe('1 / 1');
    await expect
      .poll(() => page.locator('[data-testid="pdf-scroll"] .textLayer .highlight').count())
      .toBeGreaterThan(0);
    await expect
      .poll(() =>
        page.locator('[data-testid="pdf-scroll"] .textLayer .highlight').first().textContent(),
      )
      .toContain('市场');
    await page.screenshot({ path: path.join(SHOTS, 'reader-find.png') });
  });
});

/**
 * Damages the stored copy of the demo package on disk, as a failing disk or a hand would: one
 * byte in the middle of the file behind `url` (stored uncompressed), same size, same signature.
 */
async function damageStoredFile(url: string): Promise<PackageFile> {
  const sha256 = url.split('/').at(-1)!;
  const store = packageStoreDir(app.harness.userDataDir);
  const folder = path.join(store, readdirSync(store)[0]!);
  const index = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8')) as {
    packageFile: string;
    files: PackageFile[];
  };
  const file = index.files.find((f) => f.sha256 === sha256)!;
  const packagePath = path.join(folder, index.packageFile);
  const original = await readPackageFileBytes(packagePath, file);
  if (!original.ok) throw new Error(original.message);
  const zip = readFileSync(packagePath);
  const at = zip.indexOf(Buffer.from(original.bytes));
  if (at < 0) throw new Error('the demo PDF is expected to be stored uncompressed');
  const middle = at + Math.floor(original.bytes.length / 2);
  zip[middle] = zip[middle]! ^ 0xff;
  writeFileSync(packagePath, zip);
  return file;
}

describe('a damaged file', () => {
  it('shows why it is not displayed (hash mismatch), never a blank pane', async () => {
    const { page } = app;
    const items = page.getByTestId('review-queue-item');
    await items.first().click();
    await expect.poll(() => reader().getAttribute('data-status')).toBe('ready');
    const url = (await reader().getAttribute('data-url')) ?? '';
    const file = await damageStoredFile(url);
    // Open another outcome and come back: the file is fetched (and checked) again.
    await items.nth(1).click();
    await expect.poll(() => reader().getAttribute('data-url')).not.toBe(url);
    await items.first().click();
    await expect.poll(() => reader().getAttribute('data-status')).toBe('error');
    const message = (await page.getByTestId('reader-error').textContent()) ?? '';
    expect(message).toContain(file.path);
    expect(message).toContain('SHA-256 与签名清单不符');
    await page.screenshot({ path: path.join(SHOTS, 'reader-damaged.png') });
  });
});

describe('a 40-page plan in a Chinese font that is not embedded', () => {
  it('renders, extracts the Chinese text through the shipped cMaps and draws only visible pages', async () => {
    const { page } = app;
    const file = await writeLongPlanPackage(app.harness.userDataDir);
    await importLongPlan(page, app.harness, file);
    await page.getByRole('button', { name: '更换' }).click();
    await linkExpert(page, LONG_PLAN_EXPERT);
    await page.getByTestId('review-queue-item').filter({ hasText: '长篇创业计划书' }).click();
    await expect.poll(() => reader().getAttribute('data-status')).toBe('ready');
    await expect.poll(() => page.getByTestId('reader-pages').textContent()).toBe('/ 40');
    await expect.poll(() => canvasVariance()).toBeGreaterThan(5);
    // Without the UniGB-UCS2-H cMap pdf.js cannot map these codes to text at all.
    await expect.poll(() => textLayers()).toContain(LONG_PLAN_PHRASE);
    const drawn = () => page.locator('[data-testid="pdf-scroll"] .page canvas').count();
    await expect.poll(drawn).toBeGreaterThan(0);
    expect(await drawn()).toBeLessThan(40);
    await page.screenshot({ path: path.join(SHOTS, 'reader-long-plan.png') });
  });

  it('goes to a typed page number and follows it in the thumbnails', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '缩略图' }).click();
    await expect.poll(() => page.getByTestId('reader-thumb').count()).toBe(40);
    await page.getByTestId('reader-page').fill('30');
    await page.getByTestId('reader-page').press('Enter');
    await expect.poll(() => textLayers()).toContain('第 30 页');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="reader-thumb"][aria-current="page"]')
          .getAttribute('aria-label'),
      )
      .toBe('第 30 页');
  });
});

describe("an online portfolio with the trainee's sales sheet and shop screenshot", () => {
  it('says a file labelled PDF that is not one is not shown', async () => {
    const { page } = app;
    await page.getByTestId('review-queue-item').filter({ hasText: PORTFOLIO_TITLE }).click();
    await page.getByTestId('submission-reader').waitFor();
    await expect.poll(() => reader().getAttribute('data-status')).toBe('error');
    await expect
      .poll(() => page.getByTestId('reader-error').textContent())
      .toContain('内容不是 PDF');
  });

  it('shows the sales sheet as a table and a chart with the policy 6-month average', async () => {
    const { page } = app;
    // The switcher names files by what they are; the file name (with trainee numbers) is a title.
    const switcher = page.getByTestId('submission-reader').locator('label');
    await expect
      .poll(async () => (await switcher.allTextContents()).join('|'))
      .toMatch(/销售记录（CSV）.*\|经营材料（PNG）/);
    expect((await switcher.allTextContents()).join('|')).not.toMatch(/TRN-|\.csv|\.png|\.pdf/i);
    await expect
      .poll(() => page.locator('[data-file-name="TRN-1-3-sales.csv"]').getAttribute('title'))
      .toContain('TRN-1-3-sales.csv');
    await page.locator('label').filter({ hasText: '销售记录（CSV）' }).click();
    await page.getByTestId('sales-table').waitFor();
    await expect.poll(() => page.locator('[data-testid="sales-table"] tbody tr').count()).toBe(6);
    await expect
      .poll(() => page.getByTestId('sales-average').textContent())
      .toBe('近 6 个月月均销售额：5,612.33 元');
    await expect.poll(() => page.locator('[data-testid="sales-chart"] rect').count()).toBe(6);
    await page.screenshot({ path: path.join(SHOTS, 'reader-sales.png') });
  });

  it('shows the screenshot and zooms it', async () => {
    const { page } = app;
    await page.locator('label').filter({ hasText: '经营材料（PNG）' }).click();
    const img = page.locator('[data-testid="image-reader"] img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(360);
    await page.getByRole('button', { name: '原始大小' }).click();
    await expect.poll(() => img.evaluate((el) => el.getBoundingClientRect().width)).toBe(360);
    await page.getByRole('button', { name: '放大' }).click();
    await expect.poll(() => img.evaluate((el) => el.getBoundingClientRect().width)).toBe(450);
  });
});
