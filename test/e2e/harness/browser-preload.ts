// The browser stand-in for src-main/preload/index.ts: the same buildApi, with ipcRenderer
// replaced by a WebSocket to the harness. Bundled by the harness; the e2e sessions install it
// as an init script (session.ts), a preview serves it (server.ts).
import '../../../src-shared/ipc/pageZod';
import { API_GLOBAL } from '../../../src-shared/ipc/contract';
import { buildApi } from '../../../src-main/preload/api';

declare const __HARNESS_WS_URL__: string;
/** Only in `npm run preview:browser`: a person's browser has no Playwright binding. */
declare const __HARNESS_PREVIEW_TICKET__: string | null;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

const pending = new Map<number, Pending>();
const listeners = new Map<string, (message: unknown) => void>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;

/** A one-use ticket from the harness, bound to the frame Playwright says asked for it. */
async function ticket(): Promise<string> {
  const bound = (window as { __qihangTicket?: () => Promise<string> }).__qihangTicket;
  if (typeof bound === 'function') return bound();
  if (__HARNESS_PREVIEW_TICKET__) return __HARNESS_PREVIEW_TICKET__;
  throw new Error('harness ticket unavailable');
}

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = ticket().then(
    (t) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${__HARNESS_WS_URL__}?ticket=${encodeURIComponent(t)}`);
        ws.onopen = () => {
          socket = ws;
          resolve(ws);
        };
        ws.onerror = () => reject(new Error('harness connection failed'));
        ws.onclose = () => {
          socket = null;
          opened = null;
          for (const p of pending.values()) p.reject(new Error('harness connection closed'));
          pending.clear();
        };
        ws.onmessage = (event) => {
          const msg = JSON.parse(String(event.data)) as
            { id: number; result: unknown } | { event: string; message: unknown };
          // A job event main pushed (Electron: webContents.send → ipcRenderer.on). It can only
          // be for a job an invoke on this socket started, so the socket is open by then.
          if ('event' in msg) return listeners.get(msg.event)?.(msg.message);
          const p = pending.get(msg.id);
          if (p) {
            pending.delete(msg.id);
            p.resolve(msg.result);
          }
        };
      }),
  );
  // A failed attempt must not stick: the next call tries again with a fresh ticket.
  opened.catch(() => (opened = null));
  return opened;
}

async function invoke(channel: string, payload: unknown): Promise<unknown> {
  const ws = socket ?? (await connect());
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // JSON stands in for Electron's structured clone; undefined payloads become null.
    ws.send(JSON.stringify({ id, channel, payload: payload === undefined ? null : payload }));
  });
}

// Electron runs a preload in the main frame only (no nodeIntegrationInSubFrames): so here.
if (window === window.top) {
  Object.defineProperty(window, API_GLOBAL, {
    value: buildApi(invoke, (channel, listener) => listeners.set(channel, listener)),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}
