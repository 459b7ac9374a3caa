// Text from a package is shown as it is stored, never obeyed: a title holding U+202E shows the
// control as a marker and cannot reverse the app's own 「（第 1 版）」 beside it; a trainee's name
// holding a NUL shows a marker on screen and no longer sinks the quarter's subsidy sheet — that
// row is held back and named, the rest is exported.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { startApp, type AppSession } from './harness/session';
import { writeSignedPackage } from './helpers/packages';
import { createProfile, enterDemo, switchUser } from './helpers/profiles';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
const TITLE = '季度报告\u202efdp.exe';
const NUL_NAME = '王\u0000五';
const LONG_NAME = `欧阳${'很长的名字'.repeat(12)}`;
/** As long as 新建用户 takes (40 characters). */
const LONG_PROFILE = `欧阳${'长'.repeat(38)}`;
const CLASS_ID = 'CLS-1';
const NUL_TRAINEE = 'TRN-1-2';
const LONG_TRAINEE = 'TRN-1-3';

let app: AppSession;
const made: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('record text from a hostile package', () => {
  it('imports a package whose title holds U+202E and a trainee name a NUL', async () => {
    await enterDemo(app.page, '区级审核员');
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-bidi-'));
    made.push(dir);
    const file = path.join(dir, 'bidi.qhpkg');
    await writeSignedPackage(
      file,
      { classes: 1, traineesPerClass: 3, packageId: 'PKG-2025-BIDI' },
      undefined,
      (m) => {
        m.title = TITLE;
        m.records.trainees[1]!.name = NUL_NAME;
        m.records.trainees[2]!.name = LONG_NAME;
        // Inside the notice's pack, so its trainees are rows of 2025Q4's sheet.
        Object.assign(m.records.classes[0]!, { startDate: '2025-10-08', endDate: '2025-11-20' });
      },
    );
    await app.page.locator('[data-screen="settings"]').click();
    app.harness.dialogs.answerNextOpen(file);
    await app.page.getByTestId('import-button').click();
    const summary = app.page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    // The import's own sentence quotes the title spelled and isolated, not obeyed.
    await expect.poll(() => summary.textContent()).toContain('季度报告⟦U+202E⟧fdp.exe');
    await app.page.getByTestId('import-close').click();
  });

  it('shows the title with a visible marker and keeps 「（第 1 版）」 after it, unreversed', async () => {
    const line = app.page.getByTestId('package-line');
    await expect
      .poll(() => line.textContent())
      .toBe('当前工作包：季度报告⟦U+202E⟧fdp.exe（第 1 版）');
    // The title is its own isolated element; the marker is a badge, the raw control is gone.
    const facts = await line.evaluate((el) => {
      const bdi = el.querySelector('bdi[data-record-text]');
      const marker = bdi?.querySelector('[data-hidden-char]');
      const after = bdi?.nextSibling;
      const range = document.createRange();
      if (after) range.selectNodeContents(after);
      const title = bdi?.getBoundingClientRect();
      const version = after ? range.getBoundingClientRect() : null;
      return {
        bdiCount: el.querySelectorAll('bdi').length,
        bdiText: bdi?.textContent,
        marker: marker?.getAttribute('data-hidden-char'),
        markerInBdi: marker?.closest('bdi') === bdi,
        afterText: after?.textContent,
        raw: el.textContent?.includes('\u202e'),
        titleRight: title?.right ?? NaN,
        versionLeft: version?.left ?? NaN,
        versionRight: version?.right ?? NaN,
      };
    });
    expect(facts).toMatchObject({
      bdiCount: 1,
      bdiText: '季度报告⟦U+202E⟧fdp.exe',
      marker: 'U+202E',
      markerInBdi: true,
      afterText: '（第 1 版）',
      raw: false,
    });
    // Laid out left to right as written: the version text starts where the title ends.
    expect(facts.versionLeft).toBeGreaterThanOrEqual(facts.titleRight - 1);
    expect(facts.versionRight).toBeGreaterThan(facts.versionLeft);
    await app.page.screenshot({
      path: path.join(SHOTS, 'record-text-title.png'),
      clip: { x: 0, y: 0, width: 1366, height: 120 },
    });
  });

  it('marks the NUL in the trainee’s name and cuts a long name with the whole of it on hover', async () => {
    await app.page.locator('[data-screen="compliance"]').click();
    await app.page.getByTestId('class-list').waitFor({ timeout: 30_000 });
    await app.page.locator(`[data-testid="class-item"][data-class-id="${CLASS_ID}"]`).click();
    const row = (id: string) =>
      app.page.locator(`[data-testid="trainee-row"][data-trainee-id="${id}"]`);
    await row(NUL_TRAINEE).waitFor();
    await expect
      .poll(() => row(NUL_TRAINEE).locator('bdi').first().textContent())
      .toBe('王⟦U+0000⟧五');
    const long = row(LONG_TRAINEE).locator('bdi').first();
    await expect.poll(() => long.getAttribute('title')).toBe(LONG_NAME);
    const shown = (await long.textContent()) ?? '';
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(LONG_NAME.length);
    await row(NUL_TRAINEE).scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(SHOTS, 'record-text-trainees.png') });
  });

  it('exports the quarter’s sheet with the NUL row held back and named', async () => {
    await app.page.getByTestId('tab-sheet').click();
    await app.page.getByTestId('subsidy-sheet').waitFor();
    await app.page.getByTestId('sheet-quarter').click();
    await app.page.getByRole('option', { name: '2025Q4', exact: true }).click();
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-bidi-sheet-'));
    made.push(dir);
    const out = path.join(dir, '2025Q4.xlsx');
    app.harness.dialogs.answerNextSave(out);
    await app.page.getByTestId('export-sheet').click();
    const flagged = app.page.getByTestId('export-flagged');
    await flagged.waitFor();
    const text = (await flagged.textContent()) ?? '';
    // Isolated (FSI … PDI) inside the app's sentence, spelled inside the isolate; named by row
    // and name (the id only shows where two rows share a name).
    expect(text).toContain(`\u2068王⟦U+0000⟧五\u2069`);
    expect(text).not.toContain(NUL_TRAINEE);
    const rowNo = Number(/第 (\d+) 行/.exec(text)?.[1]);
    expect(rowNo).toBeGreaterThan(0);
    await expect.poll(() => app.page.getByTestId('export-result').textContent()).toContain(out);
    await app.page.getByTestId('export-result').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(SHOTS, 'record-text-sheet.png') });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const us = wb.getWorksheet('不可申领')!;
    // The row number the message gives is the row's 序号 in the 不可申领 sheet.
    const held = us.getRow(4 + rowNo);
    expect(held.getCell(1).value).toBe(rowNo);
    expect(held.getCell(5).value).toBe(NUL_TRAINEE);
    expect(held.getCell(6).value).toBe('王⟦U+0000⟧五');
    expect(String(held.getCell(9).value)).toMatch(/^【需核实】学员姓名含不可见字符 U\+0000/);
    // The other trainees are in the sheet too.
    const ids: unknown[] = [];
    us.eachRow((r, n) => {
      if (n >= 5) ids.push(r.getCell(5).value);
    });
    expect(ids).toEqual(expect.arrayContaining(['TRN-1-1', NUL_TRAINEE, LONG_TRAINEE]));
  });

  it('cuts a long profile name in the picker, keeping its role and delete button in the card', async () => {
    await switchUser(app.page);
    await createProfile(app.page, LONG_PROFILE, '评审专家');
    await switchUser(app.page);
    const entry = app.page.getByTestId('profile-entry').filter({ hasText: '欧阳' });
    await expect.poll(() => entry.getByTitle(LONG_PROFILE).count()).toBe(1);
    const inCard = await app.page.getByLabel(`删除 ${LONG_PROFILE}`).evaluate((del) => {
      const card = del.closest('.mantine-Card-root')!.getBoundingClientRect();
      const row = del.parentElement!;
      const badge = [...row.querySelectorAll('.mantine-Badge-root')].find(
        (b) => b.textContent === '评审专家',
      );
      const inside = (el: Element | undefined) => {
        const r = el?.getBoundingClientRect();
        return !!r && r.width > 0 && r.left >= card.left && r.right <= card.right;
      };
      return { del: inside(del), badge: inside(badge) };
    });
    expect(inCard).toEqual({ del: true, badge: true });
    await app.page.screenshot({ path: path.join(SHOTS, 'record-text-picker.png') });
  });

  it('raised no uncaught page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
