import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/server';
import { enterDemo } from './helpers/profiles';
import { startApp, type AppSession } from './harness/session';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
let app: AppSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
});

const rows = () => app.page.getByTestId('certificate-row');

describe('证书打印 for a demo print operator', () => {
  it('lists the 2024 online class with reasons: 7 printable, one without a number', async () => {
    await enterDemo(app.page, '证书打印员');
    await app.page.locator('[data-screen="certificates"]').click();
    await app.page.getByTestId('certificates-table').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => app.page.getByTestId('certificates-class').inputValue())
      .toContain('2024年海淀区网络创业培训（「互联网+」版）第3期');
    // The class by its name: its record id is not shown where no other class has that name.
    expect(await app.page.getByTestId('certificates-class').inputValue()).not.toContain(
      'C-2024-HD-O03',
    );
    expect(
      await app.page.locator('[data-testid="certificate-row"][data-status="printable"]').count(),
    ).toBe(7);
    const waiting = app.page.locator(
      '[data-testid="certificate-row"][data-status="awaiting-number"]',
    );
    await expect.poll(() => waiting.count()).toBe(1);
    await expect.poll(() => waiting.textContent()).toContain('待平台编号');
    await expect.poll(() => rows().count()).toBe(8);
  });

  it('previews page 1 from the batch data', async () => {
    await app.page.getByTestId('certificates-preview').click();
    const preview = app.page.getByTestId('certificate-preview');
    await preview.waitFor({ timeout: 60_000 });
    await expect.poll(() => preview.textContent()).toContain('北京市网络创业培训合格证书');
    await expect.poll(() => preview.textContent()).toContain('BJWL-2024-004100');
    await app.page.screenshot({ path: path.join(SHOTS, 'certificates.png') });
  });

  it('saves the batch as one PDF and logs it; a reprint without a reason is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-cert-e2e-'));
    const out = path.join(dir, 'batch.pdf');
    app.harness.dialogs.answerNextSave(out);
    await app.page.getByTestId('certificates-save').click();
    const result = app.page.getByTestId('certificates-result');
    await result.waitFor({ timeout: 60_000 });
    await expect.poll(() => result.textContent()).toContain(out);
    expect(existsSync(out)).toBe(true);
    await app.page.getByTestId('print-log-row').first().waitFor();
    await expect
      .poll(() => app.page.getByTestId('print-log-row').first().textContent())
      .toContain('BJWL-2024-004100');

    // Text in the PDF is in the embedded font: pdftotext with no system fonts reads it back.
    const conf = path.join(dir, 'fonts.conf');
    writeFileSync(conf, '<?xml version="1.0"?><fontconfig></fontconfig>');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], {
      env: { ...process.env, FONTCONFIG_FILE: conf },
      encoding: 'utf8',
    });
    expect(text).toContain('BJWL-2024-004142');

    await app.page.getByTestId('certificates-save').click();
    await app.page
      .getByTestId('certificates-result')
      .filter({ hasText: '重印须填写原因' })
      .waitFor();
    await expect.poll(() => app.page.getByTestId('print-log-row').count()).toBe(1);
  });

  it('voids a printed certificate only with a reason', async () => {
    await app.page.getByTestId('void-number').fill('BJWL-2024-004100');
    await app.page.getByTestId('void-button').click();
    await app.page.getByTestId('void-message').filter({ hasText: '须填写原因' }).waitFor();
    await app.page.getByTestId('void-reason').fill('打印错位');
    await app.page.getByTestId('void-button').click();
    await app.page.getByTestId('void-message').filter({ hasText: '已作废' }).waitFor();
    await expect.poll(() => app.page.getByTestId('print-log-row').count()).toBe(2);
    await app.page.screenshot({ path: path.join(SHOTS, 'certificates-log.png'), fullPage: true });
  });

  it('prints through the system print dialog with the copies asked, and logs the printer', async () => {
    app.harness.printer.answerNextPrint({ status: 'printed', printer: '海淀区人社局 1 号打印机' });
    // Every number was printed above: this is a reprint, so it carries a reason.
    await app.page.getByTestId('certificates-reason').fill('卡纸重印');
    await app.page.getByTestId('certificates-copies').fill('2');
    await app.page.getByTestId('certificates-print').click();
    const result = app.page.getByTestId('certificates-result');
    await expect.poll(() => result.textContent()).toContain('已送打印');
    await expect.poll(() => app.harness.printer.asked.length).toBe(1);
    const job = app.harness.printer.asked[0]!;
    expect(job.copies).toBe(2);
    expect(job.title).toMatch(/^演示-合格证书_[^_]+_\d{4}-\d{2}-\d{2}_\d+张$/);
    expect(Buffer.from(job.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    // The page handed to the printer is the demo batch: marked 演示 inside.
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-cert-print-'));
    const file = path.join(dir, 'printed.pdf');
    writeFileSync(file, job.pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('演示数据');
    await expect.poll(() => app.page.getByTestId('print-log-row').count()).toBe(3);
    await expect
      .poll(() => app.page.getByTestId('print-log').textContent())
      .toContain('海淀区人社局 1 号打印机');
  });

  it('logs nothing when the print dialog is cancelled', async () => {
    await app.page.getByTestId('certificates-reason').fill('再次重印');
    await app.page.getByTestId('certificates-print').click();
    await expect
      .poll(() => app.page.getByTestId('certificates-result').textContent())
      .toContain('已取消打印');
    expect(app.harness.printer.asked).toHaveLength(2);
    await expect.poll(() => app.page.getByTestId('print-log-row').count()).toBe(3);
  });
});
