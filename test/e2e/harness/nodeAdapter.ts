// Node's HTTP request/response adapted to the app:// handler Electron registers, so the harness
// serves the renderer with the very same function (src-main/security/appHandler.ts). Only the
// origin differs: the harness is on loopback HTTP, the handler sees app://qihang URLs.
import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AppHandler } from '../../../src-main/security/appHandler';
import { APP_ORIGIN } from '../../../src-main/security/protocol';

export function toAppRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // Only GET and HEAD are served; a body is never read.
  return new Request(new URL(req.url ?? '/', APP_ORIGIN), { method: req.method, headers });
}

export async function writeAppResponse(
  response: Response,
  res: http.ServerResponse,
  /** Lets the harness put its preload script into the entry page. */
  transformHtml?: (html: string) => string,
): Promise<void> {
  // forEach rather than iteration: the Headers type differs between the DOM and Node typings.
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const isHtml = headers['content-type']?.startsWith('text/html') ?? false;
  if (transformHtml && isHtml && response.status === 200 && response.body) {
    const body = Buffer.from(transformHtml(await response.text()));
    res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // pipeline closes the file stream when the browser goes away mid-answer (a seeking player).
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res).catch(
    () => undefined,
  );
}

export async function serveThroughAppHandler(
  handler: AppHandler,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  transformHtml?: (html: string) => string,
): Promise<void> {
  await writeAppResponse(await handler(toAppRequest(req)), res, transformHtml);
}
