// Finds a Chromium for the e2e suite: an explicit path, then Debian's, then the one shipped
// inside the @sparticuz/chromium npm package, else a clear message of what is missing.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export async function findChromium(): Promise<{ path: string; source: string }> {
  const fromEnv = process.env.QIHANG_CHROMIUM ?? process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`QIHANG_CHROMIUM 指向的浏览器不存在：${fromEnv}`);
    return { path: fromEnv, source: 'env' };
  }
  for (const candidate of SYSTEM_CANDIDATES) {
    if (existsSync(candidate)) return { path: candidate, source: 'system' };
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      const mod = (await import('@sparticuz/chromium')) as unknown as {
        default: { executablePath(): Promise<string> };
      };
      const p = await mod.default.executablePath();
      if (p && existsSync(p)) return { path: p, source: '@sparticuz/chromium' };
    } catch (error) {
      throw new Error(
        `未找到可用的 Chromium：/usr/bin/chromium 不存在，@sparticuz/chromium 解包失败（${(error as Error).message}）。请安装 chromium（apt-get install -y chromium）或设置 QIHANG_CHROMIUM。`,
      );
    }
  }
  throw new Error(
    '未找到可用的 Chromium：请安装 chromium（Debian: apt-get install -y chromium fonts-noto-cjk），或设置环境变量 QIHANG_CHROMIUM 指向浏览器可执行文件。',
  );
}

export interface LaunchOptions {
  /**
   * Ignore the page's CSP. Only the frame-check spec sets it: the app's frame-src 'none' keeps
   * any same-origin page out of an iframe, so without it the gate's frame check could never be
   * the check that decides.
   */
  bypassCSP?: boolean;
  /** More Chromium switches for this one session. */
  extraArgs?: string[];
}

export async function launchBrowser(
  userDataDir?: string,
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; userDataDir: string }> {
  const browser = await findChromium();
  const dir = userDataDir ?? mkdtempSync(path.join(tmpdir(), 'qihang-e2e-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: browser.path,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    viewport: { width: 1360, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  return { context, userDataDir: dir };
}
