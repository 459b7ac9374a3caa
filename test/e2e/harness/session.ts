// One running app for a spec: harness + Chromium with a fresh profile + host guards.
import { rmSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright-core';

/** What Playwright tells a binding about its caller (the frame cannot choose it). */
type BindingSource = { page: Page; frame: Frame };
import { launchBrowser, type LaunchOptions } from './browser';
import { installHostGuards, type GuardLog } from './host-guards';
import { startHarness, type Harness } from './server';

export interface AppSession {
  harness: Harness;
  context: BrowserContext;
  page: Page;
  guards: GuardLog;
  userDataDir: string;
  pageErrors: string[];
  /** Closes the browser only, keeping the profile dir, and opens it again. */
  restartBrowser(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects a browser context to the harness as Electron connects a window to main: the preload
 * in every document before its scripts (it installs itself in the top frame only), and the one
 * way to a ticket, a binding through which Playwright tells the harness which frame really asked.
 * Every context that loads the app needs it (the specs' sessions, the browser benchmarks).
 */
export async function attachHarness(context: BrowserContext, harness: Harness): Promise<void> {
  await context.exposeBinding('__qihangTicket', (source: BindingSource) =>
    harness.issueTicket({
      url: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
    }),
  );
  await context.addInitScript({ content: harness.preloadJs });
}

async function openPage(harness: Harness, userDataDir?: string, launch: LaunchOptions = {}) {
  const { context, userDataDir: dir } = await launchBrowser(userDataDir, launch);
  await attachHarness(context, harness);
  // The guards need the page lazily: they are installed before it exists.
  const holder: { page?: Page } = {};
  const guards = await installHostGuards(context, harness.origin, () => holder.page);
  const page = context.pages()[0] ?? (await context.newPage());
  holder.page = page;
  return { context, page, guards, userDataDir: dir };
}

export async function startApp(launch: LaunchOptions = {}): Promise<AppSession> {
  const harness = await startHarness();
  const opened = await openPage(harness, undefined, launch);
  const session: AppSession = {
    harness,
    ...opened,
    pageErrors: [],
    async restartBrowser() {
      await session.context.close();
      const again = await openPage(harness, session.userDataDir, launch);
      Object.assign(session, again);
      session.page.on('pageerror', (e) => session.pageErrors.push(e.message));
    },
    async close() {
      await session.context.close();
      await harness.close();
      // Both folders were made for this session (startHarness and launchBrowser without a dir).
      for (const dir of [session.userDataDir, harness.userDataDir])
        rmSync(dir, { recursive: true, force: true });
    },
  };
  session.page.on('pageerror', (e) => session.pageErrors.push(e.message));
  return session;
}
