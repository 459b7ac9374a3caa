// The one app:// handler. Electron registers it with protocol.handle; the browser harness
// adapts Node's HTTP server to the very same function. Files are read with node:fs streams,
// never net.fetch: a net.fetch of file:// would meet our own file:// refusal and the session's
// request filter (see electron.d.ts on net.fetch), and the page would never load.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReaderFileError } from '../../src-shared/reader/fileErrors';
import { readerFileErrors } from '../../src-shared/reader/fileErrors';
import { FILES_ROUTE, parsePackageFileUrl } from '../../src-shared/reader/fileUrl';
import { isPathInside } from '../common/isPathInside';
import {
  APP_ORIGIN,
  appBaseHeaders,
  mimeTypeOf,
  resolveAppTarget,
  type AppRoute,
} from './protocol';
import { contentRange, parseRange } from './range';

export type AppHandler = (request: Request) => Promise<Response>;

export interface AppRefusal {
  status: number;
  url: string;
  reason: string;
}

/** A file of an imported package, already checked against its signed manifest, or why not. */
export type PackageFileAnswer =
  { ok: true; bytes: Uint8Array; mediaType: string } | { ok: false; error: ReaderFileError };

export interface AppHandlerOptions {
  routes: readonly AppRoute[];
  /** The Content-Security-Policy header; the harness adds its loopback WebSocket. */
  csp: string;
  /** Every 4xx answer, for main's log. */
  onRefused?: (refusal: AppRefusal) => void;
  /**
   * Serves `/files/<packageId>/<sha256>` from the verified package store (services/packages/
   * store.ts, wired by the host). The answer's bytes must already match the signed manifest.
   */
  packageFiles?: (packageId: string, sha256: string) => Promise<PackageFileAnswer>;
}

// Only types the reader shows are named; anything else goes out as opaque bytes.
const SERVED_FILE_TYPES: Record<string, string> = {
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'text/csv': 'text/csv; charset=utf-8',
};
const servedType = (mediaType: string) =>
  SERVED_FILE_TYPES[mediaType.toLowerCase().split(';')[0]!.trim()] ?? 'application/octet-stream';

/** The real file behind `filePath` if it is a regular file still inside `root` (symlinks too). */
async function regularFileInside(
  root: string,
  filePath: string,
): Promise<{ path: string; size: number } | 'missing' | 'outside'> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(filePath)]);
    if (!isPathInside(realRoot, realFile)) return 'outside';
    const st = await stat(realFile);
    return st.isFile() ? { path: realFile, size: st.size } : 'missing';
  } catch {
    return 'missing';
  }
}

export function createAppHandler(options: AppHandlerOptions): AppHandler {
  const base = () => appBaseHeaders(options.csp);
  const refuse = (request: Request, status: number, reason: string, extra = {}): Response => {
    options.onRefused?.({ status, url: request.url, reason });
    return new Response(null, { status, headers: { ...base(), ...extra } });
  };

  /** A refusal the viewer can read: the typed error as a JSON body. */
  const fileRefusal = (request: Request, error: ReaderFileError): Response => {
    options.onRefused?.({ status: error.status, url: request.url, reason: error.code });
    return new Response(JSON.stringify({ code: error.code, message: error.message }), {
      status: error.status,
      headers: { ...base(), 'Content-Type': 'application/json; charset=utf-8' },
    });
  };

  async function servePackageFile(
    request: Request,
    pathname: string,
    packageFiles: NonNullable<AppHandlerOptions['packageFiles']>,
  ): Promise<Response> {
    const wanted = parsePackageFileUrl(pathname);
    if (!wanted) return fileRefusal(request, readerFileErrors.badUrl());
    const answer = await packageFiles(wanted.packageId, wanted.sha256);
    if (!answer.ok) return fileRefusal(request, answer.error);
    const size = answer.bytes.length;
    const range = parseRange(request.headers.get('range'), size);
    if (range.kind === 'unsatisfiable') {
      return refuse(request, 416, 'range', { 'Content-Range': contentRange(range, size) });
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    const headers: Record<string, string> = {
      ...base(),
      'Content-Type': servedType(answer.mediaType),
      'Content-Length': String(size === 0 ? 0 : end - start + 1),
      'Accept-Ranges': 'bytes',
    };
    const rangeHeader = contentRange(range, size);
    if (rangeHeader) headers['Content-Range'] = rangeHeader;
    const status = range.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
    return new Response(answer.bytes.slice(start, end + 1), { status, headers });
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(request, 405, 'method', { Allow: 'GET, HEAD' });
    }
    const url = new URL(request.url);
    if (
      options.packageFiles &&
      `${url.protocol}//${url.host}` === APP_ORIGIN &&
      url.pathname.startsWith(FILES_ROUTE)
    ) {
      return servePackageFile(request, url.pathname, options.packageFiles);
    }
    const target = resolveAppTarget(request.url, options.routes);
    if (target.kind === 'refused') return refuse(request, 403, target.reason);
    if (target.kind === 'no-route') return refuse(request, 404, 'no route');
    const file = await regularFileInside(target.root, target.filePath);
    if (file === 'outside') return refuse(request, 403, 'link outside the route folder');
    if (file === 'missing') return refuse(request, 404, 'no such file');

    const range = parseRange(request.headers.get('range'), file.size);
    if (range.kind === 'unsatisfiable') {
      return refuse(request, 416, 'range', { 'Content-Range': contentRange(range, file.size) });
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, file.size - 1];
    const length = file.size === 0 ? 0 : end - start + 1;
    const headers: Record<string, string> = {
      ...base(),
      'Content-Type': mimeTypeOf(file.path),
      'Content-Length': String(length),
      'Accept-Ranges': 'bytes',
    };
    const rangeHeader = contentRange(range, file.size);
    if (rangeHeader) headers['Content-Range'] = rangeHeader;
    const status = range.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD' || length === 0) {
      return new Response(null, { status, headers });
    }
    const stream = createReadStream(file.path, { start, end });
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
  };
}
