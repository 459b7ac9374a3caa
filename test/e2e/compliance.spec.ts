import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src-shared/time';
import { REPO_ROOT } from './harness/server';
import { enterDemo } from './helpers/profiles';
import { writeSignedPackage } from './helpers/packages';
import { startApp, type AppSession } from './harness/session';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
let app: AppSession;

const line = (rule: string) =>
  app.page.locator(
    `[data-testid="class-detail"] [data-testid="finding-line"][data-rule-id="${rule}"]`,
  );

async function openClass(classId: string): Promise<void> {
  await app.page.locator(`[data-testid="class-item"][data-class-id="${classId}"]`).click();
  await app.page.locator(`[data-testid="class-detail"][data-class-id="${classId}"]`).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1440, height: 900 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

const made: string[] = [];
afterAll(async () => {
  await app?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('合规检查 for a 区级审核员 on the demo package', () => {
  it('opens the screen and runs the policy engine over every demo class', async () => {
    await enterDemo(app.page, '区级审核员');
    await app.page.locator('[data-screen="compliance"]').click();
    await app.page.getByTestId('screen-compliance').waitFor();
    await app.page.getByTestId('class-list').waitFor({ timeout: 30_000 });
    await expect.poll(() => app.page.getByTestId('class-item').count()).toBe(8);
    // Today is after every demo class started: no plan review unless the date is moved back.
    await expect.poll(() => app.page.getByTestId('plan-review-badge').count()).toBe(0);
  });

  it('shows a seeded violation with its facts, grouped under 错误, and the clause on hover', async () => {
    await openClass('C-2025-HD-B02');
    const size = line('R-CLASS-SIZE');
    await size.waitFor();
    await expect.poll(() => size.getAttribute('data-status')).toBe('fail');
    await expect.poll(() => size.textContent()).toContain('41 人 > 40 人');
    expect(
      await app.page
        .locator('[data-testid="findings-error"] [data-rule-id="R-CLASS-SIZE"]')
        .count(),
    ).toBe(1);
    await expect
      .poll(() => app.page.getByTestId('class-totals').textContent())
      .toContain('学员 41');

    await size.getByTestId('rule-badge').hover();
    const tip = app.page.getByTestId('clause-tooltip');
    await tip.waitFor();
    await expect.poll(() => tip.textContent()).toContain('每期培训班规模不得超过 40 人');
    await expect.poll(() => tip.textContent()).toContain('附件1 三（二）');
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-findings.png') });
    await app.page.mouse.move(0, 0);
  });

  it('shows per-trainee eligibility: T-00007 fails R-TARGET-GROUP (graduated 2021-06-30)', async () => {
    await openClass('C-2025-HD-B01');
    const target = line('R-TARGET-GROUP').filter({ hasText: '张辉' });
    await target.waitFor();
    await expect.poll(() => target.textContent()).toContain('毕业 2021-06-30');
    const row = app.page.locator('[data-testid="trainee-row"][data-trainee-id="T-00007"]');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('不可申领');
    await expect.poll(() => row.textContent()).toContain('0 元');
  });

  it('narrows the findings to one rule with the keyboard-reachable rule filter', async () => {
    const before = await app.page
      .locator('[data-testid="class-detail"] [data-testid="finding-line"]')
      .count();
    const filter = app.page.getByRole('combobox', { name: '按规则筛选' });
    await filter.focus();
    await filter.fill('R-PLAN-APPROVED');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => filter.inputValue()).toContain('R-PLAN-APPROVED');
    await openClass('C-2025-CY-B03');
    const lines = app.page.locator('[data-testid="class-detail"] [data-testid="finding-line"]');
    await expect.poll(() => lines.count()).toBe(1);
    expect(before).toBeGreaterThan(5);
    await expect.poll(() => lines.first().getAttribute('data-rule-id')).toBe('R-PLAN-APPROVED');
    await expect.poll(() => lines.first().textContent()).toContain('区审核 2025-04-16');
    // Every trainee of the class is blocked by it.
    await expect.poll(() => app.page.getByTestId('trainee-row').count()).toBe(15);
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-filter.png') });

    // A class where the rule passes says so in Chinese.
    await openClass('C-2025-HD-B01');
    await expect.poll(() => lines.count()).toBe(1);
    await expect.poll(() => lines.first().getAttribute('data-status')).toBe('pass');
    await expect
      .poll(() => app.page.getByTestId('trainees-empty').textContent())
      .toBe('没有学员受此规则影响。');
    await app.page.getByRole('button', { name: '清除规则筛选' }).click();
    await expect.poll(() => lines.count()).toBeGreaterThan(5);
  });

  it('moves through the class list with the arrow keys and opens a class with Enter', async () => {
    const first = app.page.getByTestId('class-item').first();
    await first.click();
    const firstId = await first.getAttribute('data-class-id');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    const secondId = await app.page.getByTestId('class-item').nth(1).getAttribute('data-class-id');
    expect(secondId).not.toBe(firstId);
    await app.page.locator(`[data-testid="class-detail"][data-class-id="${secondId}"]`).waitFor();
  });

  it('fails only the seeded rules: full recordings and course packages are filed, one 30-second package is not', async () => {
    const errorLines = app.page.locator(
      '[data-testid="class-detail"] [data-testid="findings-error"] [data-testid="finding-line"][data-status="fail"]',
    );
    // The finished 2024 class has no seeded class or eligibility error.
    await openClass('C-2024-HD-O03');
    await line('R-OFFLINE-FULL').waitFor();
    await expect.poll(() => line('R-OFFLINE-FULL').getAttribute('data-status')).toBe('pass');
    await expect.poll(() => errorLines.count()).toBe(0);
    // Its certificate numbers are the platform's signed records: a passed outcome, said so.
    const numbered = app.page.locator('[data-testid="trainee-row"][data-trainee-id="T-00126"]');
    await numbered.waitFor();
    await expect.poll(() => numbered.textContent()).toContain('可申领');
    await expect.poll(() => numbered.getByTestId('outcome-source').textContent()).toBe('平台记录');
    const t133 = app.page.locator('[data-testid="trainee-row"][data-trainee-id="T-00133"]');
    await expect.poll(() => t133.textContent()).toContain('待核查');
    await expect.poll(() => t133.getByTestId('outcome-source').count()).toBe(0);
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await numbered.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-platform-records.png') });
    await app.page.setViewportSize({ width: 1440, height: 900 });

    await openClass('C-2025-CY-O02');
    const pkg = line('R-PKG-45MIN').filter({ hasText: '不足 45 分钟' });
    await pkg.waitFor();
    await expect.poll(() => pkg.getAttribute('data-status')).toBe('fail');
    // Named by its recorded session, not by its file id.
    await expect.poll(() => pkg.textContent()).toMatch(/“[^”]+”的课程包 0\.5 分钟/);
    expect(await pkg.textContent()).not.toContain('course-');
    await expect.poll(() => line('R-OFFLINE-FULL').getAttribute('data-status')).toBe('pass');
    const failing = await errorLines.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-rule-id')),
    );
    expect(new Set(failing)).toEqual(new Set(['R-RECORDED-MAX', 'R-PKG-45MIN']));
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-seeded-pkg.png') });
  });

  it('shows classes not yet started on the evaluation day as 开班前计划审核', async () => {
    await app.page.getByTestId('as-of').fill('2025-04-10');
    const planned = app.page.locator('[data-testid="class-item"]', { hasText: '开班前计划审核' });
    await expect.poll(() => planned.count(), { timeout: 20_000 }).toBe(4);
    await openClass('C-2025-CY-B03');
    await app.page.getByTestId('plan-review').waitFor();
    await expect
      .poll(() => app.page.getByTestId('plan-review').textContent())
      .toContain('2025-04-14');
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-plan-review.png') });
    await app.page.getByTestId('as-of').fill(shanghaiDate(new Date()));
    await expect.poll(() => planned.count()).toBe(0);
  });

  it('shows totals per organizer', async () => {
    await app.page.getByRole('tab', { name: '按培训组织方合计' }).click();
    await expect.poll(() => app.page.getByTestId('organizer-row').count()).toBe(4);
    await expect
      .poll(() => app.page.getByTestId('package-totals').textContent())
      .toContain('学员 152');
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-organizers.png') });
  });

  it('lists the quarter’s claimable and unclaimable trainees with the deadline and exports the XLSX', async () => {
    await app.page.getByTestId('tab-sheet').click();
    await app.page.getByTestId('subsidy-sheet').waitFor();
    await app.page.getByTestId('sheet-quarter').click();
    await app.page.getByRole('option', { name: '2025Q2', exact: true }).click();
    await expect
      .poll(() => app.page.getByTestId('sheet-deadline').textContent())
      .toContain('报送截止：2025-06-20');
    const claimableBadge = await app.page.getByTestId('sheet-claimable-count').textContent();
    const unclaimableBadge = await app.page.getByTestId('sheet-unclaimable-count').textContent();
    const claimable = Number(/(\d+)/.exec(claimableBadge ?? '')![1]);
    const unclaimable = Number(/(\d+)/.exec(unclaimableBadge ?? '')![1]);
    // Seven classes end in Q2 with 144 trainees (training subsidy): none is claimable yet, the
    // seeded errors block their classes and the other trainees wait on the outcome review and
    // the certificate numbers the platform assigns after it (待核查). T-00126 / T-00128 reach
    // their 6 practice months in Q2: their 2024 class's platform certificate numbers are passed
    // outcomes, so their practice subsidy is claimable.
    expect(claimable).toBe(2);
    expect(unclaimable).toBe(144);
    await expect.poll(() => app.page.getByTestId('sheet-not-applicable').count()).toBe(0);
    // A planned request date after the deadline turns R-FUND-DEADLINE into an error.
    await app.page.getByTestId('sheet-request-date').fill('2025-06-25');
    await expect
      .poll(() => app.page.getByTestId('sheet-deadline').textContent())
      .toContain('用款申请晚于截止日');
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-sheet.png') });
    await app.page.getByTestId('sheet-request-date').fill('');

    // Cancelled dialog: nothing written, a quiet note.
    await app.page.getByTestId('export-sheet').click();
    await app.page.getByTestId('export-cancelled').waitFor();

    const sheetDir = mkdtempSync(path.join(tmpdir(), 'qh-sheet-'));
    made.push(sheetDir);
    const out = path.join(sheetDir, '2025Q2.xlsx');
    app.harness.dialogs.answerNextSave(out);
    await app.page.getByTestId('export-sheet').click();
    await app.page.getByTestId('export-result').waitFor();
    await expect.poll(() => app.page.getByTestId('export-result').textContent()).toContain(out);
    expect(existsSync(out)).toBe(true);
    expect(app.harness.dialogs.asked.at(-1)).toMatchObject({
      kind: 'save',
      // A demo profile's sheet says so in its name (main's record of the profile decides).
      defaultName: '演示-补贴申领表_全部_2025年第2季度.xlsx',
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('可申领')!;
    expect(String(ws.getCell('A2').value)).toContain('报送截止：2025-06-20');
    // …and inside: the title and the notice row above the table.
    expect(String(ws.getCell('A1').value)).toMatch(/^【演示】/);
    expect(String(ws.getCell('A3').value)).toContain('演示数据');
    expect(ws.getRow(4).getCell(9).value).toBe('补贴金额（元）');
    // Data rows start at 5; the totals row follows them.
    expect(ws.getCell(`A${5 + claimable}`).value).toBe('合计');
    const us = wb.getWorksheet('不可申领')!;
    const reasons = new Map<string, string>();
    us.eachRow((r, n) => {
      if (n >= 5 && r.getCell(1).value !== null)
        reasons.set(
          `${String(r.getCell(5).value)}|${String(r.getCell(7).value)}`,
          String(r.getCell(9).value),
        );
    });
    expect(reasons.size).toBe(unclaimable);
    // Only seeded violations block: a class error in B02, the trainee's own in B01 …
    // A class error by its title, clause and id (the id last, for support).
    expect(reasons.get('T-00048|培训补贴')).toMatch(/班级问题：[^（]+（.*，R-CLASS-SIZE）/);
    expect(reasons.get('T-00007|培训补贴')).toMatch(/R-TARGET-GROUP/);
    expect(reasons.get('T-00010|培训补贴')).toMatch(/R-ONE-PER-YEAR/);
    expect(reasons.get('T-00117|培训补贴')).toMatch(/班级问题：[^（]+（[^；]*，R-RECORDED-MAX）/);
    expect(reasons.get('T-00117|培训补贴')).toMatch(/班级问题：[^（]+（[^；]*，R-PKG-45MIN）/);
    // … and no class is held up by a missing recording or course package any more.
    expect([...reasons.values()].filter((r) => /R-OFFLINE-FULL/.test(r))).toEqual([]);
    expect([...reasons.entries()].filter(([, r]) => /R-PKG-45MIN/.test(r)).length).toBe(14);
    // A trainee of a class without a seeded error only waits for the reviewers (待核查).
    expect(reasons.get('T-00011|培训补贴')).not.toMatch(/班级问题/);
    expect(reasons.get('T-00011|培训补贴')).toMatch(/R-CERT-PASSED/);
    expect(reasons.has('T-00126|创业实践指导补贴')).toBe(false);
    const claimed = [5, 6].map((n) => [
      String(ws.getRow(n).getCell(6).value),
      String(ws.getRow(n).getCell(8).value),
      ws.getRow(n).getCell(9).value,
    ]);
    expect(claimed).toEqual([
      ['T-00126', '创业实践指导补贴', 1000],
      ['T-00128', '创业实践指导补贴', 1000],
    ]);
    expect(ws.getCell('I7').value).toMatchObject({ result: 2000 });
    expect(wb.getWorksheet('不适用')).toBeUndefined();
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-exported.png') });
  });

  it('no pack, no claim: a class starting 2026-01-05 is 不适用, names the pack it needs and stays out of the sheet', async () => {
    // A package signed with the demo key whose one class starts after 京人社能发〔2023〕25号
    // ended.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'qh-nopack-')), 'nopack.qhpkg');
    const fixture = await writeSignedPackage(file, {
      classes: 1,
      traineesPerClass: 3,
      packageId: 'PKG-2026-NOPACK',
    });
    // The auditor's demo profile trusts the demo key: the package goes into its own database.
    await app.page.locator('[data-screen="settings"]').click();
    app.harness.dialogs.answerNextOpen(file);
    await app.page.getByTestId('import-button').click();
    await app.page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('import-close').click();

    await app.page.locator('[data-screen="compliance"]').click();
    const classId = fixture.manifest.records.classes[0]!.id;
    await openClass(classId);
    const alert = app.page.getByTestId('outside-pack');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain('不适用');
    await expect.poll(() => alert.textContent()).toContain('须导入有效期覆盖 2026-01-05 的政策包');
    await expect
      .poll(() => app.page.getByTestId('totals-not-applicable').textContent())
      .toContain('3');
    await expect
      .poll(() => app.page.getByTestId('class-totals').textContent())
      .toContain('可申领金额 0 元');
    const rows = app.page.getByTestId('trainee-row');
    await expect.poll(() => rows.count()).toBe(3);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('不适用');
      expect(text).not.toContain('可申领');
      expect(text).toContain('参考');
    }
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-no-pack.png') });
    await rows.first().scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-no-pack-trainees.png') });

    await app.page.getByTestId('tab-sheet').click();
    await app.page.getByTestId('sheet-quarter').click();
    await app.page.getByRole('option', { name: '2026Q1', exact: true }).click();
    const na = app.page.getByTestId('sheet-not-applicable');
    await na.waitFor();
    // Named by the class's name; its id is not shown where the name says which class.
    const className = fixture.manifest.records.classes[0]!.name;
    await expect.poll(() => na.textContent()).toContain(className);
    expect(await na.textContent()).not.toContain(classId);
    await expect
      .poll(() => app.page.getByTestId('sheet-claimable-count').textContent())
      .toContain('0');
    await expect
      .poll(() => app.page.getByTestId('sheet-unclaimable-count').textContent())
      .toContain('0');
    await expect
      .poll(() => app.page.getByTestId('sheet-empty').textContent())
      .toBe('本季度没有可申领的补贴。');
    await app.page.screenshot({ path: path.join(SHOTS, 'compliance-no-pack-sheet.png') });
    await app.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('raised no uncaught page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
