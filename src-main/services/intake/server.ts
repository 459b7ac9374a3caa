// HTTP front of the reference intake. Loopback only unless told otherwise. Faults can be
// injected at each stage of a request so tests can prove the upload client loses nothing
// when the connection drops, the server errors, or answers arrive late or twice.
import http from 'node:http';
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

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function startIntakeServer(
  intake: Intake,
  opts: IntakeServerOptions,
): Promise<RunningIntakeServer> {
  const max = opts.maxBodyBytes ?? 1024 * 1024 * 1024;
  const fault = opts.faults ?? (() => undefined);

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
    const body = await readBody(req, max);
    if (body === null) return send(res, 413, errorBody('too-large', '上传内容过大'));
    if (apply(fault('body-read', route), res)) return;

    if (route === '/v1/enrollments') {
      const r = await intake.enroll(body);
      const text = r.ok ? r.replyText : errorBody(r.code, r.message);
      if (apply(fault('processed', route), res, text)) return;
      return send(res, r.ok ? 200 : r.status, text);
    }
    const r = await intake.acceptBundle(new Uint8Array(body));
    const text = r.ok ? r.receiptText : errorBody(r.code, r.message);
    if (apply(fault('processed', route), res, text)) return;
    return send(res, r.ok ? 200 : r.status, text);
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
            server.close(() => res());
          }),
      });
    });
  });
}
