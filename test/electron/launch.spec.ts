// The foundation checks on the real app: the built main, preload and renderer in the Electron
// binary, driven by Playwright's _electron. Needs the binary (`npx install-electron`) and the
// build (`npm run test:electron` builds first). Where the binary is missing this fails at once
// with that reason; `npm test` does not start it there and prints it as skipped instead.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary, NO_ELECTRON_BINARY } from '../../scripts/electron-binary.mjs';

const REPO_ROOT = path.resolve(__dirname, '../..');
let electronApp: ElectronApplication;
let page: Page;
let userData: string;

type QihangWindow = {
  qihang: { app: { getInfo(request: object): Promise<unknown> } };
};

beforeAll(async () => {
  const executablePath = findElectronBinary(REPO_ROOT);
  if (!executablePath) throw new Error(NO_ELECTRON_BINARY);
  userData = mkdtempSync(path.join(tmpdir(), 'qh-electron-'));
  electronApp = await _electron.launch({
    executablePath,
    // The app folder: package.json "main" points at out/main/index.js.
    args: [REPO_ROOT, `--user-data-dir=${userData}`],
    cwd: REPO_ROOT,
    env: { ...process.env, LANG: 'zh_CN.UTF-8' },
  });
  page = await electronApp.firstWindow();
});

afterAll(async () => {
  await electronApp?.close();
});

describe('the workstation in Electron', () => {
  it('opens its first window on app://qihang with the profile picker', async () => {
    await page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
    expect(page.url()).toBe('app://qihang/index.html');
    expect(await page.title()).toBe('启航评审工作站');
  });

  it('gives the page window.qihang, answered by main through the IPC gate', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as QihangWindow).qihang.app.getInfo({}),
    );
    expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
    const logFile = (info as { value: { logFile: string } }).value.logFile;
    expect(logFile).toBe(path.join(userData, 'logs', 'main.log'));
  });

  it('refuses file:// and remote requests from the page (CSP first)', async () => {
    const outcome = await page.evaluate(async () => {
      const attempt = (url: string) =>
        fetch(url).then(
          (r) => `answered ${r.status}`,
          (e: Error) => e.name,
        );
      return {
        file: await attempt('file:///etc/hostname'),
        remote: await attempt('https://example.com/'),
      };
    });
    expect(outcome).toEqual({ file: 'TypeError', remote: 'TypeError' });
  });

  it('keeps the window on app:// when the page navigates to file://', async () => {
    await page.evaluate(() => {
      location.href = 'file:///etc/hostname';
    });
    await page.getByText('选择本地用户').waitFor();
    expect(page.url()).toBe('app://qihang/index.html');
  });

  it('refuses remote and file:// requests at the session too, even from main', async () => {
    const outcome = await electronApp.evaluate(async ({ net }) => {
      const attempt = (url: string) =>
        net.fetch(url).then(
          (r) => `answered ${r.status}`,
          (e: Error) => e.message,
        );
      return {
        remote: await attempt('https://example.com/'),
        file: await attempt('file:///etc/hostname'),
      };
    });
    expect(outcome.remote).toMatch(/ERR_BLOCKED_BY_CLIENT/);
    // The request filter cancels it; were it to pass, the file: handler answers 403.
    expect(outcome.file).toMatch(/ERR_BLOCKED_BY_CLIENT|answered 403/);
  });

  it('wrote its start-up steps and the refusals to main.log', async () => {
    const logFile = path.join(userData, 'logs', 'main.log');
    await expect
      .poll(() => readFileSync(logFile, 'utf8'), { timeout: 10_000 })
      .toMatch(/ step page loaded$/m);
    const text = readFileSync(logFile, 'utf8');
    expect(text).toMatch(/ refused cancel file:\/\/… \(blocked navigate\)$/m);
    expect(text).toMatch(/ refused cancel https:\/\/example\.com\/… \(not our origin\)$/m);
    expect(text).not.toMatch(/ refused \d+ app:/);
  });
});
