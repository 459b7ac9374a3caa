// Plain language as a test: every stop of the walk (every screen of every role, the picker, the
// passphrase form) at 1366×768, its rendered text — what is visible, plus the title, aria-label,
// placeholder and alt a person or a screen reader meets — scanned for English words outside a
// short allow list, UUIDs, the work package's internal ids and rule ids inside sentences
// (test/e2e/helpers/textScan.ts). Paths shown verbatim carry `data-verbatim`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppSession } from './harness/session';
import { writeSignedPackage } from './helpers/packages';
import { scanText } from './helpers/textScan';
import { enterDemo, switchUser } from './helpers/profiles';
import { linkExpert } from './helpers/review';
import { VIEWPORT, walk } from './helpers/walk';

let app: AppSession;
const made: string[] = [];

beforeAll(async () => {
  app = await startApp();
  await app.page.setViewportSize(VIEWPORT);
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The text a person meets on the page now: visible text, then the attributes read aloud or shown on hover. */
function renderedText(): Promise<{ where: string; text: string }[]> {
  return app.page.evaluate(() => {
    // A file path or address the person must find or type exactly (the log file, a saved
    // file) is shown verbatim and marked so; everything else is the person's language.
    let body = document.body.innerText;
    // An id under a name another row of the same list also has is how the two are told apart.
    for (const el of document.querySelectorAll<HTMLElement>(
      '[data-verbatim], [data-testid="same-name-id"]',
    )) {
      body = body.split(el.innerText).join(' ');
    }
    // A closed 详情 is for support and not shown, but Chromium still counts its text in
    // innerText (closed <details> content is hidden with content-visibility, findable).
    for (const el of document.querySelectorAll<HTMLElement>(
      'details:not([open]) > :not(summary)',
    )) {
      if (el.innerText) body = body.split(el.innerText).join(' ');
    }
    const parts = [
      { where: 'title', text: document.title },
      { where: 'text', text: body },
    ];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (el.getClientRects().length === 0 || el.closest('[aria-hidden="true"]')) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) parts.push({ where: name, text: value });
      }
    }
    return parts;
  });
}

/** Every forbidden piece of the page's text, each with the line it sits in (where to look). */
async function hitsOnPage(): Promise<string[]> {
  const parts = await renderedText();
  const found = parts.flatMap(({ where, text }) =>
    text
      .split('\n')
      .flatMap((line) =>
        scanText(line).map(
          (hit) => `${hit.kind} ${hit.text} — ${where}: ${line.trim().slice(0, 120)}`,
        ),
      ),
  );
  return [...new Set(found)];
}

describe('no English word, UUID or internal id on any screen of any role', () => {
  for (const stop of walk()) {
    it(stop.name, async () => {
      await stop.reach(app.page);
      expect(await hitsOnPage()).toEqual([]);
    });
  }
});

describe('forms speak Chinese when something is missing', () => {
  it('新建用户 with no name says 请填写姓名 under the field, not the browser’s English bubble', async () => {
    const { page } = app;
    await switchUser(page);
    await page.getByRole('button', { name: '创建并进入' }).click();
    await expect.poll(() => page.getByText('请填写姓名').count()).toBe(1);
    // Without noValidate the browser would stop the submit and show its own bubble instead.
    expect(
      await page.evaluate(() => {
        const name = document.querySelector<HTMLInputElement>('input[required]');
        return name?.form?.noValidate;
      }),
    ).toBe(true);
  });
});

describe('error states the walk never reaches speak Chinese too', () => {
  it('a plan that is not a readable PDF: the pre-check names the plan, pdf.js’s words only behind 详情', async () => {
    const { page } = app;
    // After the walk a profile is open; run alone (-t), the picker is.
    await page
      .locator('[data-testid="profile-picker"], [data-testid="profile-name"]')
      .first()
      .waitFor();
    if (await page.getByTestId('profile-name').count()) await switchUser(page);
    await enterDemo(page, '评审专家');
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-scan-'));
    made.push(dir);
    const file = path.join(dir, 'broken-plans.qhpkg');
    // The factory's plan files are random bytes under a PDF name: what a damaged upload looks like.
    await writeSignedPackage(
      file,
      { classes: 1, traineesPerClass: 2, packageId: 'PKG-2025-BROKEN' },
      undefined,
      (m) => {
        m.records.assignments = m.records.submissions.map((sub, i) => ({
          id: `ASG-${i + 1}`,
          submissionId: sub.id,
          panelId: 'PNL-1',
          expertId: 'EXP-1',
        }));
      },
    );
    await page.locator('nav [data-screen="settings"]').click();
    app.harness.dialogs.answerNextOpen(file);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-close').click();
    await page.locator('nav [data-screen="review"]').click();
    await linkExpert(page, '李专家');
    await page.getByTestId('similarity-open').click();
    await page.getByTestId('similarity-run').click();
    const failures = page.getByTestId('similarity-failure');
    await expect.poll(() => failures.count(), { timeout: 60_000 }).toBe(2);
    // Names are isolated (<bdi> and U+2068/2069) as package text; compare the words.
    const line = (await failures.first().innerText()).replace(/[\u2068\u2069]/g, '');
    expect(line).toContain('学员1-1《创业计划书 1-1》：文件不是可读取文字的 PDF');
    expect(await hitsOnPage()).toEqual([]);
    // Support still gets the file's path and the reader's own words, one click away.
    await failures.first().getByText('详情').click();
    const details = await failures.first().getByTestId('error-details').innerText();
    expect(details).toContain('文件：submissions/CLS-1/TRN-1-1.pdf');
    expect(details).toContain('not-a-pdf');
    expect(details.split('\n').length).toBeGreaterThan(2);
  });
});
