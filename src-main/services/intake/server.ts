// HTTP front of the reference intake. Loopback only unless told otherwise. Faults can be
// injected at each stage of a request so tests can prove the upload client loses nothing
// when the connection drops, the server errors, or answers arrive late or twice.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import type { Intake } from './intake';

export type FaultStage = 'received' | 'body-read' | 'processed';
/** 'drop' destroys the socket; 'error500' answers 500; 'truncate' (processed only) sends half the answer. */
export type FaultAction = 'drop' | 'error500' | 'truncate' | undefined;
export type FaultHook = (stage: FaultStage, path: string) => FaultAction;

export interface IntakeServerOptions {
  port: number;
  host?: string;
  maxBodyBytes?: number;
  /** Uploads received at the same time; more get 503 and retry later (default 16). */
  maxConcurrentUploads?: number;
  /** Where bodies are received before verification; a fresh temp folder when not given. */
  incomingDir?: string;
  faults?: FaultHook;
}

export interface RunningIntakeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const errorBody = (code: string, message: string) => JSON.stringify({ code, message });

/**
 * A 413 the client can read: answered, then the connection closed once the answer is out,
 * so a client still sending is not left with a reset instead of a status it would retry.
 */
function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
  res.setHeader('connection', 'close');
  send(res, 413, errorBody('too-large', `上传内容超过上限 ${limit} 字节，已拒收`));
  req.unpipe();
  // Node's type says a socket, but an IncomingMessage whose connection already went away holds
  // null here (seen under load): then there is nothing left to close.
  const socket = req.socket as typeof req.socket | null;
  res.on('finish', () => setTimeout(() => socket?.destroy(), 1000).unref());
}

class TooLarge extends Error {}

/**
 * Streams a request body into `file`, never holding more than a chunk in memory; refuses (and
 * stops reading) once it passes `max` bytes.
 */
async function receiveToFile(req: http.IncomingMessage, file: string, max: number) {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > max ? new TooLarge() : null, chunk);
    },
  });
  await pipeline(req, counter, createWriteStream(file, { mode: 0o600 }));
}

/** Enrollment requests are a few hundred bytes of JSON. */
const MAX_ENROLLMENT_BYTES = 1024 * 1024;

async function readSmallBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function startIntakeServer(
  intake: Intake,
  opts: IntakeServerOptions,
): Promise<RunningIntakeServer> {
  const max = opts.maxBodyBytes ?? 1024 * 1024 * 1024;
  const maxUploads = opts.maxConcurrentUploads ?? 16;
  const fault = opts.faults ?? (() => undefined);
  let uploads = 0;
  let ownIncoming: Promise<string> | null = null;
  const incoming = async () => {
    if (opts.incomingDir) {
      await mkdir(opts.incomingDir, { recursive: true });
      return opts.incomingDir;
    }
    ownIncoming ??= mkdtemp(path.join(tmpdir(), 'qihang-intake-'));
    return ownIncoming;
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, errorBody('internal', '接收端内部错误'));
      else res.destroy();
    });
  });

  function apply(action: FaultAction, res: http.ServerResponse, body?: string): boolean {
    if (action === 'drop') {
      res.socket?.destroy();
      return true;
    }
    if (action === 'error500') {
      send(res, 500, errorBody('injected', '接收端暂时故障'));
      return true;
    }
    if (action === 'truncate' && body !== undefined) {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      res.socket?.destroy();
      return true;
    }
    return false;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/v1/health')
      return send(res, 200, JSON.stringify({ ok: true }));
    const route =
      req.method === 'POST' && (url === '/v1/bundles' || url === '/v1/enrollments') ? url : null;
    if (!route)
      return send(res, 404, errorBody('not-found', `没有这个接口：${req.method ?? ''} ${url}`));
    if (apply(fault('received', route), res)) return;
    const limit = route === '/v1/enrollments' ? MAX_ENROLLMENT_BYTES : max;
    // Refused from the header, before a byte of the body is read.
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge(req, res, limit);

    if (route === '/v1/enrollments') {
      let body: Buffer;
      try {
        body = await readSmallBody(req, limit);
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge(req, res, limit);
        throw error;
      }
      if (apply(fault('body-read', route), res)) return;
      const r = await intake.enroll(body);
      const text = r.ok ? r.replyText : errorBody(r.code, r.message);
      if (apply(fault('processed', route), res, text)) return;
      return send(res, r.ok ? 200 : r.status, text);
    }

    if (uploads >= maxUploads) {
      res.setHeader('retry-after', '1');
      res.setHeader('connection', 'close');
      return send(res, 503, errorBody('busy', '接收端正忙，请稍后重试'));
    }
    uploads++;
    const file = path.join(await incoming(), `${randomUUID()}.upload.tmp`);
    try {
      try {
        await receiveToFile(req, file, limit);
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge(req, res, limit);
        throw error;
      }
      if (apply(fault('body-read', route), res)) return;
      const r = await intake.acceptBundle(file);
      const text = r.ok ? r.receiptText : errorBody(r.code, r.message);
      if (apply(fault('processed', route), res, text)) return;
      return send(res, r.ok ? 200 : r.status, text);
    } finally {
      uploads--;
      await rm(file, { force: true });
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((res) => {
            server.closeAllConnections();
            server.close(() => {
              const own = ownIncoming;
              if (!own) return res();
              void own.then((dir) => rm(dir, { recursive: true, force: true })).then(() => res());
            });
          }),
      });
    });
  });
}
