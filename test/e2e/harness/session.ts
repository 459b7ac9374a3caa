// One running app for a spec: harness + Chromium with a fresh profile + host guards.
import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
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

async function openPage(harness: Harness, userDataDir?: string) {
  const { context, userDataDir: dir } = await launchBrowser(userDataDir);
  // The guards need the page lazily: they are installed before it exists.
  const holder: { page?: Page } = {};
  const guards = await installHostGuards(context, harness.origin, () => holder.page);
  const page = context.pages()[0] ?? (await context.newPage());
  holder.page = page;
  return { context, page, guards, userDataDir: dir };
}

export async function startApp(): Promise<AppSession> {
  const harness = await startHarness();
  const opened = await openPage(harness);
  const session: AppSession = {
    harness,
    ...opened,
    pageErrors: [],
    async restartBrowser() {
      await session.context.close();
      const again = await openPage(harness, session.userDataDir);
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
