// Plain language as a test: every stop of the walk (every screen of every role, the picker, the
// unlock dialog) at 1366×768, its rendered text — what is visible, plus the title, aria-label,
// placeholder and alt a person or a screen reader meets — scanned for English words outside a
// short allow list, UUIDs, the work package's internal ids and rule ids inside sentences
// (test/e2e/helpers/textScan.ts). Paths shown verbatim carry `data-verbatim`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppSession } from './harness/session';
import { scanText } from './helpers/textScan';
import { switchUser } from './helpers/profiles';
import { VIEWPORT, walk } from './helpers/walk';

let app: AppSession;

beforeAll(async () => {
  app = await startApp();
  await app.page.setViewportSize(VIEWPORT);
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

/** The text a person meets on the page now: visible text, then the attributes read aloud or shown on hover. */
function renderedText(): Promise<{ where: string; text: string }[]> {
  return app.page.evaluate(() => {
    // A file path or address the person must find or type exactly (the log file, a saved
    // file) is shown verbatim and marked so; everything else is the person's language.
    let body = document.body.innerText;
    for (const el of document.querySelectorAll<HTMLElement>('[data-verbatim]')) {
      body = body.split(el.innerText).join(' ');
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

describe('no English word, UUID or internal id on any screen of any role', () => {
  for (const stop of walk()) {
    it(stop.name, async () => {
      await stop.reach(app.page);
      const parts = await renderedText();
      // Each hit with the line it sits in, so the failure says where to look.
      const found = parts.flatMap(({ where, text }) =>
        text
          .split('\n')
          .flatMap((line) =>
            scanText(line).map(
              (hit) => `${hit.kind} ${hit.text} — ${where}: ${line.trim().slice(0, 120)}`,
            ),
          ),
      );
      expect([...new Set(found)]).toEqual([]);
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
