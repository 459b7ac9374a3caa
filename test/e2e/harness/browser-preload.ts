// The browser stand-in for src-main/preload/index.ts: the same buildApi, with ipcRenderer
// replaced by a WebSocket to the harness. Bundled by the harness with its per-run settings.
import { API_GLOBAL } from '../../../src-shared/ipc/contract';
import { buildApi } from '../../../src-main/preload/api';

declare const __HARNESS_WS_URL__: string;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

const pending = new Map<number, Pending>();
const listeners = new Map<string, (message: unknown) => void>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(__HARNESS_WS_URL__);
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
      // A job event main pushed (Electron: webContents.send → ipcRenderer.on).
      if ('event' in msg) return listeners.get(msg.event)?.(msg.message);
      const p = pending.get(msg.id);
      if (p) {
        pending.delete(msg.id);
        p.resolve(msg.result);
      }
    };
  });
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

// Events only arrive once the socket is open; open it now rather than at the first call.
void connect().catch(() => undefined);

Object.defineProperty(window, API_GLOBAL, {
  value: buildApi(invoke, (channel, listener) => listeners.set(channel, listener)),
  writable: false,
  configurable: false,
  enumerable: false,
});
