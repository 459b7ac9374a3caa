import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildCsp } from '../../../src-main/security/csp';
import {
  installNavigationGuards,
  type NavigationContents,
} from '../../../src-main/security/navigation';
import {
  ALLOWED_PERMISSIONS,
  installPermissionHandlers,
  isPermissionAllowed,
} from '../../../src-main/security/permissions';
import {
  APP_ORIGIN,
  isAllowedRequestUrl,
  resolveAppUrl,
} from '../../../src-main/security/protocol';
import { mainWindowOptions } from '../../../src-main/security/window';

const root = path.resolve('/opt/qihang/renderer');

describe('window options', () => {
  it('isolate and sandbox the renderer with no Node and no webviews', () => {
    const prefs = mainWindowOptions('/p/preload.js', false).webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      preload: '/p/preload.js',
    });
  });

  it('allow DevTools only when asked (development builds)', () => {
    expect(mainWindowOptions('/p', true).webPreferences!.devTools).toBe(true);
  });
});

describe('content security policy', () => {
  const csp = buildCsp();
  it.each([
    "default-src 'none'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "connect-src 'self'",
  ])('contains %s', (directive) => {
    expect(csp.split('; ')).toContain(directive);
  });

  it('never allows inline or evaluated scripts or remote hosts', () => {
    const script = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval|http|\*/);
    expect(csp).not.toMatch(/https?:\/\//);
  });

  // The reader (pdf.js) needs exactly this and nothing wider: its worker is a module script from
  // our own build (worker-src 'self'), the worker fetches cMaps and standard font data from our
  // own /pdfjs/ route (connect-src 'self'), page images are drawn to canvases, and documents
  // are opened with isEvalSupported: false, so no 'unsafe-eval' and no 'wasm-unsafe-eval'.
  it('lets the pdf.js reader run without widening scripts', () => {
    const directives = csp.split('; ');
    const worker = directives.find((d) => d.startsWith('worker-src'))!;
    expect(worker.split(' ')).toContain("'self'");
    expect(worker).not.toMatch(/unsafe|http|\*/);
    expect(directives).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
  });

  it('adds only the given extra connect sources', () => {
    expect(buildCsp({ connect: ['ws://127.0.0.1:1234'] })).toContain(
      "connect-src 'self' ws://127.0.0.1:1234",
    );
  });
});

describe('app:// protocol', () => {
  it('maps the root and files under it', () => {
    expect(resolveAppUrl('app://qihang/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://qihang/assets/index-abc.js', root)).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
  });

  it.each(['app://qihang/../../etc/passwd', 'app://qihang/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the renderer folder (the URL parser folds the dots first)',
    (url) => {
      const resolved = resolveAppUrl(url, root);
      expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
    },
  );

  it.each([
    'app://qihang/assets/..%2f..%2f..%2fetc/passwd',
    'app://qihang/..%5c..%5cwindows',
    'app://qihang/a%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://qihang/index.html',
    'app://qihang/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(url, root)).toBeNull();
  });

  it('lets the window request only its own origin', () => {
    expect(isAllowedRequestUrl('app://qihang/assets/a.js', { allowDevtools: false })).toBe(true);
    expect(isAllowedRequestUrl('file:///etc/passwd', { allowDevtools: false })).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/x.js', { allowDevtools: false })).toBe(false);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/x', { allowDevtools: false })).toBe(
      false,
    );
    expect(isAllowedRequestUrl('devtools://devtools/bundled/x', { allowDevtools: true })).toBe(
      true,
    );
    expect(
      isAllowedRequestUrl('http://127.0.0.1:9/x', {
        origin: 'http://127.0.0.1:9',
        allowDevtools: false,
      }),
    ).toBe(true);
  });
});

describe('permissions', () => {
  /** The request and check handlers installPermissionHandlers gives a session. */
  function installed(allowed?: ReadonlySet<string>) {
    let request:
      | ((wc: unknown, p: string, cb: (g: boolean) => void, d: { requestingUrl?: string }) => void)
      | undefined;
    let check: ((wc: unknown, p: string, o: string) => boolean) | undefined;
    installPermissionHandlers(
      {
        setPermissionRequestHandler: (h) => (request = h),
        setPermissionCheckHandler: (h) => (check = h),
      },
      APP_ORIGIN,
      allowed,
    );
    if (!request || !check) throw new Error('handlers not installed');
    return { request, check };
  }

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'pointerLock',
    'persistent-storage',
  ])('deny %s even to the app itself', (permission) => {
    expect(isPermissionAllowed(permission, APP_ORIGIN, APP_ORIGIN)).toBe(false);
  });

  it('allow fullscreen to the app itself only, and nothing else is allowed', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['fullscreen']);
    const { request, check } = installed();
    const granted = vi.fn();
    request(null, 'fullscreen', granted, { requestingUrl: `${APP_ORIGIN}/index.html#/audit` });
    expect(granted).toHaveBeenCalledWith(true);
    expect(check(null, 'fullscreen', APP_ORIGIN)).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html']) {
      const refused = vi.fn();
      request(null, 'fullscreen', refused, { requestingUrl: url });
      expect(refused).toHaveBeenCalledWith(false);
      expect(check(null, 'fullscreen', url)).toBe(false);
    }
  });

  it('name every allowed permission as Electron does (electron.d.ts, setPermissionRequestHandler)', () => {
    // Electron's docs (session.setPermissionRequestHandler) list the permission strings; the
    // Fullscreen API arrives as 'fullscreen'. A misspelt name would silently stay denied.
    const dts = readFileSync(
      path.join(process.cwd(), 'node_modules/electron/electron.d.ts'),
      'utf8',
    );
    const signature =
      /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:\|[^,]+)*),/.exec(
        dts,
      );
    expect(signature).not.toBeNull();
    const names = new Set([...signature![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]));
    for (const p of ALLOWED_PERMISSIONS) expect(names.has(p)).toBe(true);
  });

  it('install request and check handlers that deny', () => {
    const { request, check } = installed();
    const cb = vi.fn();
    request(null, 'media', cb, { requestingUrl: 'app://qihang/index.html' });
    expect(cb).toHaveBeenCalledWith(false);
    expect(check(null, 'notifications', APP_ORIGIN)).toBe(false);
  });

  it('recognise the app:// page as the app itself once a permission is allowed', () => {
    const { request, check } = installed(new Set(['fullscreen']));
    const granted = vi.fn();
    request(null, 'fullscreen', granted, { requestingUrl: `${APP_ORIGIN}/index.html#/audit` });
    expect(granted).toHaveBeenCalledWith(true);
    expect(check(null, 'fullscreen', APP_ORIGIN)).toBe(true);
    const other = vi.fn();
    request(null, 'fullscreen', other, { requestingUrl: 'https://example.com/' });
    expect(other).toHaveBeenCalledWith(false);
    request(null, 'media', other, { requestingUrl: `${APP_ORIGIN}/index.html` });
    expect(other).toHaveBeenLastCalledWith(false);
  });
});

describe('navigation guards', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents: NavigationContents = {
      on: ((name: string, l: (event: { preventDefault(): void }, url?: string) => void) =>
        listeners.set(name, l)) as NavigationContents['on'],
      setWindowOpenHandler: (h) => (openHandler = h),
    };
    return { contents, listeners, open: (url: string) => openHandler!({ url }) };
  }

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevent %s', (name) => {
    const f = fakeContents();
    const blocked = vi.fn();
    installNavigationGuards(f.contents, blocked);
    const event = { preventDefault: vi.fn() };
    f.listeners.get(name)!(event, 'https://example.com');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(blocked).toHaveBeenCalled();
  });

  it('deny every new window', () => {
    const f = fakeContents();
    installNavigationGuards(f.contents);
    expect(f.open('https://example.com')).toEqual({ action: 'deny' });
    expect(f.open('app://qihang/index.html')).toEqual({ action: 'deny' });
  });
});
