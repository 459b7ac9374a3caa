// The browser harness: the real main-process IPC gate and handlers in Node, the built renderer
// over loopback HTTP through the app:// handler Electron registers (same function, same
// routes, the app's CSP plus the harness WebSocket), and the real preload API over a
// WebSocket. Only the transport differs from Electron.
//
// Who is calling: Electron hands the gate the sender frame's URL and whether it is the main
// frame. Here the browser tells us, not the page: a frame asks the Playwright binding
// `__qihangTicket` (session.ts) for a one-use ticket, and Playwright's binding reports which frame
// really called it. The ticket is bound to that frame's URL and main-frame flag, the WebSocket
// opened with it carries those facts to the same gate Electron uses, and an iframe that obtains
// a ticket is refused by that gate, as it would be in Electron. The preload itself runs only in
// the top frame (as Electron's does without nodeIntegrationInSubFrames) and is never served as a
// script a frame could fetch. Only `npm run preview:browser`, for a person in any browser, bakes
// one main-frame ticket into a served script.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer } from 'ws';
import { createMainGate } from '../../../src-main/ipc';
import { createAppHandler } from '../../../src-main/security/appHandler';
import { buildCsp, SECURITY_HEADERS } from '../../../src-main/security/csp';
import { appRoutes } from '../../../src-main/security/protocol';
import { packageStoreDir, storedFileServer } from '../../../src-main/services/packages/store';
import { mainLogPath, openMainLog } from '../../../src-main/services/mainlog/mainLog';
import { openWorkPackage } from '../../../src-main/services/packages/open';
import { VerifiedMedia } from '../../../src-main/services/media/verifiedMedia';
import { HarnessHolds } from './holds';
import { ScriptedDialogs } from '../../doubles/dialogs';
import { harnessSealer, ScriptedPrinter } from './hostStandIns';
import { serveThroughAppHandler } from './nodeAdapter';
import type { SenderInfo } from '../../../src-shared/ipc/gate';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
// QH_RENDERER_DIR serves a renderer built elsewhere (QH_OUT_DIR=… electron-vite build).
export const RENDERER_DIR = process.env.QH_RENDERER_DIR
  ? path.resolve(process.env.QH_RENDERER_DIR)
  : path.join(REPO_ROOT, 'out/renderer');

export interface Harness {
  url: string;
  origin: string;
  /** The IPC WebSocket's URL; a connection needs `?ticket=` from issueTicket. */
  wsUrl: string;
  /** The preload for a Playwright init script (it asks `__qihangTicket` for its ticket). */
  preloadJs: string;
  /** A one-use ticket bound to the frame facts the gate will see for that connection. */
  issueTicket(sender: SenderInfo): string;
  /** Answer the next native file dialog from the spec. */
  dialogs: ScriptedDialogs;
  printer: ScriptedPrinter;
  /** Where main keeps its files for this run (keystores, exports, outbox). */
  userDataDir: string;
  /** Hold an IPC message or a package verification still while the spec acts. */
  holds: HarnessHolds;
  close(): Promise<void>;
}

export interface HarnessOptions {
  port?: number;
  rendererDir?: string;
  resourcesDir?: string;
  userDataDir?: string;
  /**
   * For a person's own browser (npm run preview:browser), which has no Playwright binding: the
   * entry page loads the preload from /__harness/preload.js with one reusable main-frame ticket
   * baked in. Never for the e2e suite, whose frames must each prove who they are.
   */
  preview?: boolean;
}

async function bundlePreload(wsUrl: string, previewTicket: string | null): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'browser-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: {
      __HARNESS_WS_URL__: JSON.stringify(wsUrl),
      __HARNESS_PREVIEW_TICKET__: JSON.stringify(previewTicket),
    },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`找不到已构建的界面：${rendererDir}/index.html。请先运行 npm run build。`);
  }
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}/__ipc`;
  const tickets = new Map<string, { sender: SenderInfo; reusable: boolean }>();
  const issue = (sender: SenderInfo, reusable = false) => {
    const ticket = randomBytes(24).toString('hex');
    tickets.set(ticket, { sender: { ...sender }, reusable });
    return ticket;
  };
  const previewTicket = options.preview
    ? issue({ url: `${origin}/index.html`, isMainFrame: true }, true)
    : null;
  const preloadJs = await bundlePreload(wsUrl, previewTicket);
  const csp = buildCsp({ connect: [`ws://127.0.0.1:${port}`] });

  const dialogs = new ScriptedDialogs();
  const holds = new HarnessHolds();
  const printer = new ScriptedPrinter();
  const userDataDir =
    options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'qihang-harness-data-'));
  const log = openMainLog(mainLogPath(userDataDir));
  log.write({ kind: 'step', step: 'start', detail: { host: 'browser-harness' } });
  // As in the glue: the handlers verify media into this set, the app:// handler serves from it.
  const media = new VerifiedMedia();
  const appHandler = createAppHandler({
    routes: appRoutes({ rendererRoot: rendererDir }),
    csp,
    packageFiles: storedFileServer(packageStoreDir(userDataDir)),
    media,
    onRefused: ({ status, url, reason }) =>
      log.write({ kind: 'request-refused', status, url, reason }),
  });
  const gate = createMainGate(
    {
      version: (
        JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version,
      host: 'browser-harness',
      packaged: false,
      platform: process.platform,
      resourcesDir: options.resourcesDir ?? path.join(REPO_ROOT, 'resources'),
      userDataDir,
      logFile: log.file,
      dialogs,
      media,
      printer,
      sealer: harnessSealer(),
      // Electron's webContents.send: to the page(s) connected over the socket.
      sendEvent: (channel, message) => {
        const text = JSON.stringify({ event: channel, message });
        for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
      },
    },
    origin,
    (channel, error) => {
      process.stderr.write(`[ipc] ${channel} failed: ${String(error)}\n`);
      log.write({ kind: 'failure', where: `ipc ${channel}`, error });
    },
    { openWorkPackage: holds.wrapOpen(openWorkPackage) },
  );

  server.on('request', (req, res) => {
    void (async () => {
      const urlPath = new URL(req.url ?? '/', origin).pathname;
      if (options.preview && urlPath === '/__harness/preload.js') {
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Security-Policy': csp,
          'Cache-Control': 'no-store',
          'Content-Type': 'text/javascript; charset=utf-8',
        });
        res.end(preloadJs);
        return;
      }
      // The e2e suite's preload is an init script (session.ts); only a preview injects it here,
      // before any page script, as Electron runs its preload.
      await serveThroughAppHandler(
        appHandler,
        req,
        res,
        options.preview
          ? (html) =>
              html.replace('<head>', '<head>\n    <script src="/__harness/preload.js"></script>')
          : undefined,
      );
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const senders = new WeakMap<http.IncomingMessage, SenderInfo>();
  const wss = new WebSocketServer({
    server,
    path: '/__ipc',
    maxPayload: 64 * 1024 * 1024,
    verifyClient: ({ origin: o, req }: { origin: string; req: http.IncomingMessage }) => {
      const t = new URL(req.url ?? '', origin).searchParams.get('ticket') ?? '';
      const entry = tickets.get(t);
      if (o !== origin || !entry) return false;
      if (!entry.reusable) tickets.delete(t);
      senders.set(req, entry.sender);
      return true;
    },
  });
  wss.on('connection', (ws, req) => {
    const sender = senders.get(req);
    senders.delete(req);
    if (!sender) return ws.close();
    ws.on('message', (data) => {
      void (async () => {
        let msg: { id?: unknown; channel?: unknown; payload?: unknown };
        try {
          msg = JSON.parse(String(data)) as typeof msg;
        } catch {
          return;
        }
        await holds.beforeDispatch(String(msg.channel));
        const result = await gate.dispatch(String(msg.channel), msg.payload, sender);
        if (!result.ok) {
          log.write({ kind: 'ipc-error', channel: String(msg.channel), code: result.error.code });
        }
        ws.send(JSON.stringify({ id: msg.id, result }));
      })();
    });
  });

  return {
    url: `${origin}/index.html`,
    origin,
    wsUrl,
    preloadJs,
    issueTicket: (sender) => issue(sender),
    dialogs,
    printer,
    userDataDir,
    holds,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
