// What Electron's session and webContents guards do (src-main/security: request filter,
// window-open handler, will-navigate), applied to a Playwright context with the same pure
// request rule, so the page under test meets the same walls as in the app.
import type { BrowserContext, Page } from 'playwright-core';
import { isAllowedRequestUrl } from '../../../src-main/security/protocol';

export interface GuardLog {
  blockedRequests: string[];
  blockedWindows: string[];
}

export async function installHostGuards(
  context: BrowserContext,
  origin: string,
  mainPage: () => Page | undefined,
): Promise<GuardLog> {
  const log: GuardLog = { blockedRequests: [], blockedWindows: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowedRequestUrl(url, { origin, allowDevtools: false })) return route.continue();
    log.blockedRequests.push(url);
    // A refused navigation must leave the page where it was, as will-navigate's preventDefault
    // does; 'aborted' cancels it quietly, any other error would commit Chromium's error page.
    return route.abort(route.request().isNavigationRequest() ? 'aborted' : 'blockedbyclient');
  });
  context.on('page', (page) => {
    if (page === mainPage()) return;
    log.blockedWindows.push(page.url());
    void page.close();
  });
  return log;
}
