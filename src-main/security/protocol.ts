// The app:// scheme serves the built renderer and nothing else. Registered privileged as
// standard + secure so the page has a fixed origin (app://qihang) for IndexedDB and CSP.
import path from 'node:path';
import { isPathInside } from '../common/isPathInside';
import { MEDIA_ROUTE_PREFIX } from '../../src-shared/ipc/media';
import { buildCsp, SECURITY_HEADERS } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'qihang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    codeCache: true,
  },
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

export function mimeTypeOf(filePath: string): string {
  return MIME[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** A URL path prefix of app://qihang and the folder it serves; `/` is the built renderer. */
export interface AppRoute {
  prefix: string;
  root: string;
}

export type AppTarget =
  | { kind: 'file'; filePath: string; root: string }
  /** `/media/<sha256>`: a verified media file, looked up by hash, never by path. */
  | { kind: 'media'; sha256: string }
  /** Not ours, or an attempt to leave the route's folder: answered 403. */
  | { kind: 'refused'; reason: string }
  /** No route serves this path: answered 404. */
  | { kind: 'no-route' };

/**
 * Maps an app:// URL to a file under the folder of the longest matching route. Refuses URLs
 * that are not ours or try to leave that folder (encoded `..`, backslashes, NUL bytes).
 */
export function resolveAppTarget(rawUrl: string, routes: readonly AppRoute[]): AppTarget {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { kind: 'refused', reason: 'foreign origin' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', reason: 'bad escape' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return { kind: 'refused', reason: 'NUL or backslash' };
  }
  if (pathname === '/') pathname = '/index.html';
  if (pathname.startsWith(MEDIA_ROUTE_PREFIX)) {
    const sha256 = pathname.slice(MEDIA_ROUTE_PREFIX.length);
    return /^[0-9a-f]{64}$/.test(sha256) ? { kind: 'media', sha256 } : { kind: 'no-route' };
  }
  const route = [...routes]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .find((r) => pathname.startsWith(r.prefix));
  if (!route) return { kind: 'no-route' };
  const root = path.resolve(route.root);
  const filePath = path.resolve(root, pathname.slice(route.prefix.length).replace(/^\/+/, ''));
  if (!isPathInside(root, filePath)) return { kind: 'refused', reason: 'outside the route folder' };
  return { kind: 'file', filePath, root };
}

/** The folders app:// serves, the same under Electron and in the browser harness. */
export function appRoutes(folders: { rendererRoot: string }): AppRoute[] {
  return [{ prefix: '/', root: folders.rendererRoot }];
}

/** The renderer-only form of {@link resolveAppTarget}: a file under `root`, or null. */
export function resolveAppUrl(rawUrl: string, root: string): string | null {
  const target = resolveAppTarget(rawUrl, [{ prefix: '/', root }]);
  return target.kind === 'file' ? target.filePath : null;
}

/** Headers every app:// answer carries, whatever its status. */
export function appBaseHeaders(csp: string = buildCsp()): Record<string, string> {
  // electronegativity-justified: CSP_GLOBAL_CHECK — the CSP is a response header of the app:// handler (not a meta tag the scanner looks for); every response carries it, tested in appHandler.test.ts
  return { ...SECURITY_HEADERS, 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache' };
}

/**
 * Only our own origin (and DevTools in development) may be requested by the window: no remote
 * content, no file://. The browser harness applies the same rule with its loopback origin.
 */
export function isAllowedRequestUrl(
  rawUrl: string,
  options: { origin?: string; allowDevtools: boolean },
): boolean {
  const origin = options.origin ?? APP_ORIGIN;
  try {
    const url = new URL(rawUrl);
    if (`${url.protocol}//${url.host}` === origin) return true;
    if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
    if (options.allowDevtools && url.protocol === 'devtools:') return true;
    return false;
  } catch {
    return false;
  }
}
