// Loads the real src-main/index.ts against the recording stand-in of `electron` and checks the
// glue against Electron's documented behaviour: what may happen before `ready`, how requests
// reach the app:// handler, the window options, the preload file and the IPC wiring.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listChannels } from '../../../src-shared/ipc/channel';
import { contract } from '../../../src-shared/ipc/contract';
import { APP_ENTRY_URL, appSchemePrivileges } from '../../../src-main/security/protocol';
import { mainWindowOptions, secureWebPreferences } from '../../../src-main/security/window';
import { ensureRendererBuilt } from '../../e2e/harness/build';
import { createElectronStandIn, type ElectronStandIn } from './electronStandIn';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const OUT = path.join(REPO_ROOT, 'out');
const PRELOAD = path.join(OUT, 'preload/index.js');

const holder = vi.hoisted(() => ({ standIn: undefined as unknown }));
vi.mock('electron', () => (holder.standIn as ElectronStandIn).module);

let electron: ElectronStandIn;
let userData: string;

beforeAll(async () => {
  // The glue points the window at the build output, so the build must exist.
  if (!existsSync(PRELOAD)) ensureRendererBuilt(true);
  else ensureRendererBuilt();
  userData = mkdtempSync(path.join(tmpdir(), 'qh-glue-'));
  electron = createElectronStandIn({ appPath: REPO_ROOT, userData });
  holder.standIn = electron;
  await import('../../../src-main/index');
}, 240_000);

afterAll(() => {
  // Every documented rule the glue broke, in one place, even if it was swallowed by a promise.
  expect(electron.violations).toEqual([]);
});

describe('before the ready event', () => {
  it('registers app:// as privileged and does nothing else the docs reserve for after ready', () => {
    expect(electron.privileged).toEqual([appSchemePrivileges]);
    const beforeReady = electron.calls.filter((c) => c.startsWith('before ready: '));
    for (const call of beforeReady) {
      expect(call).toMatch(
        /^before ready: (protocol\.registerSchemesAsPrivileged|app\.enableSandbox|app\.on\(.+\))$/,
      );
    }
    expect(beforeReady).toContain('before ready: protocol.registerSchemesAsPrivileged');
    expect(electron.violations).toEqual([]);
  });
});

describe('after the ready event', () => {
  beforeAll(async () => {
    electron.emitReady();
    await vi.waitFor(() => expect(electron.windows[0]?.loads.length).toBe(1), {
      timeout: 10_000,
    });
  });

  it('opens one window with exactly the hardened options', () => {
    expect(electron.windows).toHaveLength(1);
    const win = electron.windows[0]!;
    expect(win.options).toEqual(mainWindowOptions(PRELOAD, true));
    expect((win.options as { webPreferences: unknown }).webPreferences).toEqual(
      secureWebPreferences(PRELOAD, true),
    );
  });

  it('gives the window a preload that exists and is one CommonJS file requiring only electron', () => {
    // Sandbox docs (https://electronjs.org/docs/tutorial/sandbox#preload-scripts): a sandboxed
    // preload gets a polyfilled require that loads only `electron` (its renderer modules) and
    // a few Node built-ins, and "does not support ... splitting your preload script into
    // multiple files" loaded as CommonJS modules: it must be one bundled CJS file.
    const preloadPath = (electron.windows[0]!.options as { webPreferences: { preload: string } })
      .webPreferences.preload;
    expect(preloadPath).toBe(PRELOAD);
    expect(existsSync(preloadPath)).toBe(true);
    const code = readFileSync(preloadPath, 'utf8');
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\(/);
  });

  it('loads the entry page through the app:// handler with its CSP, byte for byte', async () => {
    const { url, response } = electron.windows[0]!.loads[0]!;
    expect(url).toBe(APP_ENTRY_URL);
    const res = await response;
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(body.equals(readFileSync(path.join(OUT, 'renderer/index.html')))).toBe(true);
  });

  it('serves every script and stylesheet the entry page names', async () => {
    const html = readFileSync(path.join(OUT, 'renderer/index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const url = new URL(ref, APP_ENTRY_URL);
      const res = await electron.pageRequest(url.href);
      expect(res.status, url.href).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const onDisk = readFileSync(path.join(OUT, 'renderer', decodeURIComponent(url.pathname)));
      expect(body.equals(onDisk), url.href).toBe(true);
    }
  });

  it('refuses file:// and remote requests from the page', async () => {
    await expect(electron.pageRequest('file:///etc/hostname')).rejects.toThrow(/BLOCKED/);
    await expect(electron.pageRequest('https://example.com/')).rejects.toThrow(/BLOCKED/);
  });

  it('registers exactly one ipcMain.handle per contract channel', () => {
    const expected = listChannels(contract).map((c) => c.name);
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...expected].sort());
  });

  it('passes each sender frame’s real URL and main-frame fact to the gate', async () => {
    for (const { name } of listChannels(contract)) {
      for (const frame of [
        { url: APP_ENTRY_URL, main: false },
        { url: 'https://evil.example/', main: true },
        null,
      ]) {
        const result = await electron.invoke(name, {}, frame);
        expect(result, `${name} from ${JSON.stringify(frame)}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden-sender' },
        });
      }
    }
    const info = await electron.invoke('app:getInfo', {}, { url: APP_ENTRY_URL, main: true });
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'electron', logFile: path.join(userData, 'logs/main.log') },
    });
  });

  it('logs start-up, refused requests and IPC errors to userData/logs/main.log, no payloads', async () => {
    const secret = '张三的口令 correct-horse-7731';
    const created = await electron.invoke(
      'keys:create',
      { profileId: 'p1', passphrase: secret },
      { url: APP_ENTRY_URL, main: true },
    );
    expect(created).toMatchObject({ ok: false });
    const code = (created as { error: { code: string } }).error.code;
    const escape = await electron.pageRequest('app://qihang/..%2f..%2fhome%2fzhangsan%2fplan.pdf');
    expect(escape.status).toBe(403);

    const text = readFileSync(path.join(userData, 'logs/main.log'), 'utf8');
    const steps = [...text.matchAll(/ step (.+?)(?: \w+=|$)/gm)].map((m) => m[1]);
    expect(steps).toEqual(['start', 'ready', 'session hardened', 'ipc wired', 'window created']);
    expect(text).toMatch(/ refused cancel file:\/\/… \(not our origin\)$/m);
    expect(text).toMatch(/ refused cancel https:\/\/example\.com\/… \(not our origin\)$/m);
    expect(text).toMatch(/ refused 403 app:\/\/qihang\/… \(outside the route folder\)$/m);
    expect(text).toContain(` ipc-error keys:create ${code}\n`);
    expect(text).toContain(' ipc-error app:getInfo forbidden-sender\n');
    for (const leak of ['correct-horse', '张三', 'zhangsan', 'plan.pdf', '/etc/hostname']) {
      expect(text).not.toContain(leak);
    }
  });
});
