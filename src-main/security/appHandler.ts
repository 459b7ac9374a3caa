// The one app:// handler. Electron registers it with protocol.handle; the browser harness
// adapts Node's HTTP server to the very same function. Files are read with node:fs streams,
// never net.fetch: a net.fetch of file:// would meet our own file:// refusal and the session's
// request filter (see electron.d.ts on net.fetch), and the page would never load.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { isPathInside } from '../common/isPathInside';
import { appBaseHeaders, mimeTypeOf, resolveAppTarget, type AppRoute } from './protocol';
import { contentRange, parseRange } from './range';

export type AppHandler = (request: Request) => Promise<Response>;

export interface AppRefusal {
  status: number;
  url: string;
  reason: string;
}

/**
 * Where `/media/<sha256>` finds its file: only files main verified in this run, still at the
 * size and mtime they were hashed at (services/media/verifiedMedia.ts implements it).
 */
export interface MediaSource {
  lookup(sha256: string): Promise<{ path: string; size: number } | 'unverified' | 'changed'>;
}

export interface AppHandlerOptions {
  routes: readonly AppRoute[];
  /** The Content-Security-Policy header; the harness adds its loopback WebSocket. */
  csp: string;
  /** Every 4xx answer, for main's log. */
  onRefused?: (refusal: AppRefusal) => void;
  /** Verified media; without it `/media/…` is 404 like any unknown path. */
  media?: MediaSource;
}

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

  const serveFile = (request: Request, file: { path: string; size: number }): Response => {
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

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(request, 405, 'method', { Allow: 'GET, HEAD' });
    }
    const target = resolveAppTarget(request.url, options.routes);
    if (target.kind === 'refused') return refuse(request, 403, target.reason);
    if (target.kind === 'no-route') return refuse(request, 404, 'no route');
    if (target.kind === 'media') {
      // Unverified, or changed since it was hashed: no bytes, whatever the Range says.
      const found = options.media ? await options.media.lookup(target.sha256) : 'unverified';
      if (found === 'unverified') return refuse(request, 404, 'media not verified');
      if (found === 'changed') return refuse(request, 403, 'media changed since verified');
      return serveFile(request, found);
    }
    const file = await regularFileInside(target.root, target.filePath);
    if (file === 'outside') return refuse(request, 403, 'link outside the route folder');
    if (file === 'missing') return refuse(request, 404, 'no such file');
    return serveFile(request, file);
  };
}
