import { mkdirSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/ipc/contract';
import { REPO_ROOT } from './harness/server';
import { enterDemo, openProfile, switchUser as switchUserIn } from './helpers/profiles';
import { startApp, type AppSession } from './harness/session';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screens');
let app: AppSession;

const switchUser = () => switchUserIn(app.page);

async function navLabels(): Promise<string[]> {
  return app.page
    .locator('[data-testid="role-nav"] [data-screen]')
    .evaluateAll((els: Element[]) =>
      els.map((e) => e.querySelector('.mantine-NavLink-label')?.textContent ?? ''),
    );
}

/** The expert's first screen offers the package's experts to link to: records from the demo. */
async function demoExpertsOffered(): Promise<number> {
  const select = app.page.getByTestId('expert-link-select');
  await select.click();
  const options = app.page.getByRole('option');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  const n = await options.count();
  await app.page.keyboard.press('Escape');
  return n;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

describe('the workstation in the browser harness', () => {
  it('opens in Simplified Chinese on first run and offers 体验演示 and 新建用户', async () => {
    await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    await expect.poll(() => app.page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => app.page.title()).toBe('启航评审工作站');
    await app.page.getByText('还没有本地用户。').waitFor();
    await app.page.getByRole('button', { name: '进入演示' }).waitFor();
    await app.page.getByRole('button', { name: '创建并进入' }).waitFor();
    await app.page.screenshot({ path: path.join(SHOTS, 'profile-picker.png') });
  });

  it('体验演示 as an expert: a demo profile on the demo data, marked 演示 on every screen', async () => {
    await expect.poll(() => enterDemo(app.page, '评审专家')).toBe('演示评审专家');
    await expect.poll(() => navLabels()).toEqual(['评审任务', '同步', '设置']);
    for (const screen of ['review', 'sync', 'settings']) {
      await app.page.locator(`[data-screen="${screen}"]`).click();
      await app.page.getByTestId(`screen-${screen}`).waitFor();
      await expect
        .poll(() => app.page.getByTestId('demo-banner').textContent())
        .toContain('演示模式');
    }
    await app.page.locator('[data-screen="review"]').click();
    await expect
      .poll(() => app.page.getByTestId('package-line').textContent())
      .toContain('当前工作包');
    await expect.poll(() => demoExpertsOffered()).toBe(6);
    await app.page.screenshot({ path: path.join(SHOTS, 'expert-main.png') });
  });

  it.each([
    ['评审组长', ['评审任务', '组长会审', '同步', '设置']],
    ['区级审核员', ['视频抽查', '合规检查', '同步', '设置']],
    ['证书打印员', ['证书打印', '同步', '设置']],
  ])('gives the %s demo exactly the navigation of that role', async (role, expected) => {
    await switchUser();
    await enterDemo(app.page, role);
    await expect.poll(() => navLabels()).toEqual(expected);
  });

  it('switches screens with Alt+number', async () => {
    await app.page.keyboard.press('Alt+2');
    await app.page.getByTestId('screen-sync').waitFor();
    await app.page.keyboard.press('Alt+3');
    await app.page.getByTestId('screen-settings').waitFor();
    await expect
      .poll(() => app.page.getByTestId('app-version').textContent())
      .toMatch(/^\d+\.\d+\.\d+/);
    await expect
      .poll(() => app.page.getByTestId('log-file').textContent())
      .toBe(path.join(app.harness.userDataDir, 'logs', 'main.log'));
    await app.page.screenshot({ path: path.join(SHOTS, 'settings.png') });
    // From inside a text field too: the platform address on 同步.
    await app.page.keyboard.press('Alt+2');
    await app.page.getByTestId('platform-url').focus();
    await app.page.keyboard.press('Alt+3');
    await app.page.getByTestId('screen-settings').waitFor();
  });

  it('keeps profiles, the current user and the package across a reload', async () => {
    await app.page.reload();
    // A demo profile has no passphrase (until it makes a key), so it reopens by itself.
    await app.page.getByTestId('profile-name').filter({ hasText: '演示证书打印员' }).waitFor();
    await switchUser();
    await expect.poll(() => app.page.getByTestId('profile-entry').count()).toBe(4);
    await openProfile(app.page, '演示评审专家');
    await expect.poll(() => navLabels()).toEqual(['评审任务', '同步', '设置']);
  });

  it('keeps everything across a browser restart on the same profile folder', async () => {
    await app.restartBrowser();
    await app.page.goto(app.harness.url);
    await app.page.getByTestId('profile-name').filter({ hasText: '演示评审专家' }).waitFor();
    await expect.poll(() => demoExpertsOffered()).toBe(6);
  });

  it('gives the page no Node globals, only the contract API', async () => {
    const globals = await app.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
      api: Object.keys((window as unknown as { qihang: object }).qihang).sort(),
      frozen: Object.isFrozen((window as unknown as { qihang: object }).qihang),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      buffer: 'undefined',
      // One member per capability, plus the job-event subscriptions (api.jobs).
      api: [...Object.keys(contract), 'jobs'].sort(),
      frozen: true,
    });
  });

  it('rejects an IPC call with a bad payload with a typed error', async () => {
    const result = await app.page.evaluate(() =>
      (
        window as unknown as { qihang: { app: { getInfo(r: unknown): Promise<unknown> } } }
      ).qihang.app.getInfo({ evil: '<script>' }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses IPC connections without a ticket, with a used one or from another origin', async () => {
    const attempt = (ticket: string | null, origin: string) =>
      new Promise<string>((resolve) => {
        const url = ticket === null ? app.harness.wsUrl : `${app.harness.wsUrl}?ticket=${ticket}`;
        const ws = new WebSocket(url, { origin });
        ws.on('open', () => (ws.close(), resolve('open')));
        ws.on('error', (e) => resolve(e.message));
      });
    const main = { url: app.harness.url, isMainFrame: true };
    const { origin } = app.harness;
    expect(await attempt(null, origin)).toMatch(/401/);
    expect(await attempt('wrong', origin)).toMatch(/401/);
    expect(await attempt(app.harness.issueTicket(main), 'https://evil.example')).toMatch(/401/);
    const ticket = app.harness.issueTicket(main);
    expect(await attempt(ticket, origin)).toBe('open');
    // One use: a ticket read off the wire cannot open a second connection.
    expect(await attempt(ticket, origin)).toMatch(/401/);
  });

  it('serves no preload script a frame could fetch for its ticket', async () => {
    const status = await app.page.evaluate(() =>
      fetch('/__harness/preload.js').then((r) => r.status),
    );
    expect(status).toBe(404);
  });

  it('blocks window.open, navigation away, remote fetches and injected inline scripts', async () => {
    const { page } = app;
    const before = page.url();
    await page.evaluate(() => void window.open('https://example.com/popup', '_blank'));
    await expect.poll(() => app.guards.blockedRequests).toContain('https://example.com/popup');
    // Whether Chromium drops the popup itself or the guard closes it, no second page survives.
    // The popup's request was seen, so its page (if any) was already announced to the context.
    await expect.poll(() => app.context.pages().length).toBe(1);

    await page.evaluate(() => {
      location.href = 'https://example.com/nav';
    });
    await expect.poll(() => app.guards.blockedRequests).toContain('https://example.com/nav');
    // The navigation's request was refused, so the page cannot have left; it must still answer.
    await expect.poll(() => page.url()).toBe(before);
    await expect.poll(() => page.getByTestId('role-nav').isVisible()).toBe(true);

    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'fetched',
        (e: Error) => e.name,
      ),
    );
    expect(fetched).toBe('TypeError');

    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = true';
      document.body.appendChild(s);
      return (window as unknown as { __pwned?: boolean }).__pwned === true;
    });
    expect(inlineRan).toBe(false);
  });

  it('is served by the app:// handler Electron registers: Range, HEAD and refusals', async () => {
    const answers = await app.page.evaluate(async () => {
      const slice = await fetch('/index.html', { headers: { Range: 'bytes=0-8' } });
      const head = await fetch('/index.html', { method: 'HEAD' });
      const bad = await fetch('/index.html', { headers: { Range: 'bytes=999999-' } });
      const escape = await fetch('/assets/..%2f..%2f..%2fpackage.json');
      return {
        slice: [
          slice.status,
          slice.headers.get('content-range')?.startsWith('bytes 0-8/'),
          await slice.text(),
        ],
        head: [head.status, head.headers.get('accept-ranges'), await head.text()],
        bad: bad.status,
        escape: escape.status,
      };
    });
    expect(answers).toEqual({
      slice: [206, true, '<!doctype'],
      head: [200, 'bytes', ''],
      bad: 416,
      escape: 403,
    });
  });

  it('raised no uncaught page errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
