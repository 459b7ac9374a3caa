// The stand-in must itself keep the rules it claims to enforce; otherwise the glue contract
// test could pass on a glue that breaks them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createElectronStandIn, DocumentedRuleBroken } from './electronStandIn';

const make = () => createElectronStandIn({ appPath: '/app', userData: '/tmp/none' });

describe('the electron stand-in', () => {
  it('refuses protocol.handle, session, BrowserWindow, ipcMain and net before ready', () => {
    const e = make();
    const m = e.module;
    expect(() => m.protocol.handle('app', () => new Response(''))).toThrow(DocumentedRuleBroken);
    expect(() => m.session.defaultSession).toThrow(DocumentedRuleBroken);
    expect(() => new m.BrowserWindow({})).toThrow(DocumentedRuleBroken);
    expect(() => m.ipcMain.handle('a:b', () => 1)).toThrow(DocumentedRuleBroken);
    expect(() => m.net.fetch('app://qihang/')).toThrow(DocumentedRuleBroken);
    expect(e.violations).toHaveLength(5);
  });

  it('refuses privileged schemes and the sandbox switch after ready, and a second scheme call', () => {
    const e = make();
    e.module.protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: {} }]);
    expect(() =>
      e.module.protocol.registerSchemesAsPrivileged([{ scheme: 'x', privileges: {} }]),
    ).toThrow(/called twice/);
    e.emitReady();
    expect(() => e.module.app.enableSandbox()).toThrow(/after ready/);
  });

  it('refuses a second ipcMain.handle for a channel, as Electron does', () => {
    const e = make();
    e.emitReady();
    e.module.ipcMain.handle('app:getInfo', () => 1);
    expect(() => e.module.ipcMain.handle('app:getInfo', () => 2)).toThrow(
      /second handler for 'app:getInfo'/,
    );
  });

  it('routes net.fetch through the registered handler unless bypassed, and webRequest always', async () => {
    const e = make();
    e.emitReady();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'qh-standin-')), 'a.txt');
    writeFileSync(file, 'on disk');
    const url = pathToFileURL(file).href;
    e.module.protocol.handle('file', () => new Response(null, { status: 403 }));
    expect((await e.module.net.fetch(url)).status).toBe(403);
    const bypassed = await e.module.net.fetch(url, { bypassCustomProtocolHandlers: true });
    expect(await bypassed.text()).toBe('on disk');

    const seen: string[] = [];
    e.module.session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
      seen.push(details.url);
      callback({ cancel: details.url.startsWith('file:') });
    });
    await expect(e.module.net.fetch(url, { bypassCustomProtocolHandlers: true })).rejects.toThrow(
      /ERR_BLOCKED_BY_CLIENT/,
    );
    expect(seen).toEqual([url]);
  });
});
