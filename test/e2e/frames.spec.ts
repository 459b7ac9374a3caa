// An iframe gets no working window.qihang. Electron runs the preload in the main frame only and
// its gate refuses a sender that is not the main frame of app://qihang; the harness hands the
// same gate the real frame facts (a ticket per frame, issued through a Playwright binding that
// knows which frame asked), so a regression of the gate's frame check fails here.
import type { Frame, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type AppSession } from './harness/session';
import type { LaunchOptions } from './harness/browser';

const sessions: AppSession[] = [];

afterAll(async () => {
  for (const s of sessions) await s.close();
});

async function open(options: LaunchOptions = {}): Promise<AppSession> {
  const app = await startApp(options);
  sessions.push(app);
  await app.page.goto(app.harness.url);
  await app.page.getByText('选择本地用户').waitFor({ timeout: 60_000 });
  return app;
}

/** Adds an iframe to the page and returns its Frame once it has loaded. */
async function addFrame(page: Page, attrs: { src?: string; srcdoc?: string }): Promise<Frame> {
  const before = new Set(page.frames());
  await page.evaluate((a) => {
    const f = document.createElement('iframe');
    if (a.srcdoc !== undefined) f.srcdoc = a.srcdoc;
    if (a.src !== undefined) f.src = a.src;
    document.body.append(f);
    return new Promise<void>((resolve) => f.addEventListener('load', () => resolve()));
  }, attrs);
  const frame = page.frames().find((f) => !before.has(f));
  if (!frame) throw new Error('iframe did not appear');
  return frame;
}

const apiIn = (frame: Frame) =>
  frame.evaluate(() => typeof (window as unknown as { qihang?: unknown }).qihang);

/**
 * What a hostile script in the frame gets when it does what the preload does: asks the harness
 * for a ticket, opens the IPC socket with it and calls app:getInfo with a valid request.
 */
function callFromFrame(frame: Frame, wsUrl: string): Promise<unknown> {
  return frame.evaluate(async (url) => {
    const bind = (window as unknown as { __qihangTicket?: () => Promise<string> }).__qihangTicket;
    if (typeof bind !== 'function') return { transport: 'no-binding' };
    const ticket = await bind();
    return new Promise((resolve) => {
      const ws = new WebSocket(`${url}?ticket=${ticket}`);
      ws.onerror = () => resolve({ transport: 'refused' });
      ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel: 'app:getInfo', payload: {} }));
      ws.onmessage = (e) => {
        resolve((JSON.parse(String(e.data)) as { result: unknown }).result);
        ws.close();
      };
    });
  }, wsUrl);
}

describe('window.qihang in frames', () => {
  it('works in the main frame, through the same ticket path', async () => {
    const app = await open();
    expect(await apiIn(app.page.mainFrame())).toBe('object');
    expect(await callFromFrame(app.page.mainFrame(), app.harness.wsUrl)).toMatchObject({
      ok: true,
      value: { host: 'browser-harness' },
    });
  });

  it('a same-origin srcdoc iframe has none, and its calls are refused by the gate', async () => {
    const app = sessions[0]!;
    const frame = await addFrame(app.page, { srcdoc: '<p>frame</p>' });
    expect(await apiIn(frame)).toBe('undefined');
    expect(await callFromFrame(frame, app.harness.wsUrl)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    // The page's own API still works beside it.
    expect(await callFromFrame(app.page.mainFrame(), app.harness.wsUrl)).toMatchObject({
      ok: true,
    });
  });

  it('a same-origin page in an iframe (only the frame check can refuse it) has none and is refused', async () => {
    // frame-src 'none' and frame-ancestors 'none' keep every page out of an iframe in the app;
    // this session ignores the page's CSP and serves one same-origin page without the header, so
    // that the frame's URL is the app's own and its origin passes: the one thing left that
    // refuses it is the gate's main-frame check.
    // A page the spec fulfils counts as a public address to Chromium, which then blocks its
    // socket to loopback (Local Network Access) before the harness sees it: switched off here.
    const app = await open({
      bypassCSP: true,
      extraArgs: ['--disable-features=LocalNetworkAccessChecks'],
    });
    const framed = `${app.harness.origin}/framed.html`;
    await app.page.route(framed, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<p>same origin</p>' }),
    );
    const frame = await addFrame(app.page, { src: framed });
    expect(frame.url()).toBe(framed);
    expect(await apiIn(frame)).toBe('undefined');
    expect(await callFromFrame(frame, app.harness.wsUrl)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('a cross-origin (opaque data:) iframe has none and cannot even open the socket', async () => {
    const app = sessions[1]!;
    const frame = await addFrame(app.page, { src: 'data:text/html,<p>other origin</p>' });
    expect(await apiIn(frame)).toBe('undefined');
    expect(await callFromFrame(frame, app.harness.wsUrl)).toEqual({ transport: 'refused' });
  });

  it('raised no uncaught errors in the main pages', () => {
    for (const s of sessions) expect(s.pageErrors).toEqual([]);
  });
});
