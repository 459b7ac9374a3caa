// main.log: what a user whose window stays blank can send us. Start-up steps, every refused
// request and every IPC error, one line each. Lines are built only from the structured events
// below, never from payloads or error messages, so no passphrase, name or file path of the
// user's can reach the file; URLs are cut down to what says where a request went.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export type MainLogEvent =
  | { kind: 'step'; step: string; detail?: Record<string, string | number | boolean> }
  | { kind: 'request-refused'; url: string; status?: number; reason: string }
  | { kind: 'ipc-error'; channel: string; code: string }
  | { kind: 'failure'; where: string; error: unknown };

export interface MainLog {
  readonly file: string;
  write(event: MainLogEvent): void;
}

export interface MainLogOptions {
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number;
  /** How many rotated files (main.log.1 … main.log.N) are kept. */
  keep?: number;
  now?: () => Date;
}

export function mainLogPath(userDataDir: string): string {
  return path.join(userDataDir, 'logs', 'main.log');
}

/**
 * Where a request went, without what it carried: app:// keeps its first path segment (the
 * route), other schemes keep only scheme and host. No query, no file name, no user folder.
 */
export function describeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  if (url.protocol === 'app:') {
    const route = url.pathname.split('/').filter(Boolean)[0] ?? '';
    const shown = /^[\w.-]{1,40}$/.test(route) && !route.includes('..') ? route : '…';
    return `app://${url.host}/${shown}${url.pathname.split('/').length > 2 ? '/…' : ''}`;
  }
  if (url.protocol === 'file:') return 'file://…';
  return url.host ? `${url.protocol}//${url.host}/…` : `${url.protocol}…`;
}

/** An error's kind, not its message: messages carry paths and user input. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}

const SAFE_TOKEN = /^[\w:./ -]{0,80}$/;
const token = (v: string | number | boolean) =>
  typeof v === 'string' && !SAFE_TOKEN.test(v) ? '…' : String(v);

export function formatEvent(event: MainLogEvent): string {
  switch (event.kind) {
    case 'step': {
      const detail = Object.entries(event.detail ?? {})
        .map(([k, v]) => ` ${token(k)}=${token(v)}`)
        .join('');
      return `step ${token(event.step)}${detail}`;
    }
    case 'request-refused':
      return `refused ${event.status ?? 'cancel'} ${describeUrl(event.url)} (${token(event.reason)})`;
    case 'ipc-error':
      return `ipc-error ${token(event.channel)} ${token(event.code)}`;
    case 'failure':
      return `failure ${token(event.where)} ${describeError(event.error)}`;
  }
}

/**
 * Synchronous appends: a crash right after a step still leaves the step in the file, and the
 * few lines per start do not need a queue. Writing never throws into the caller: a log that
 * cannot be written must not stop the app.
 */
export function openMainLog(file: string, options: MainLogOptions = {}): MainLog {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  let size: number | undefined;

  function rotate(): void {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(file, `${file}.1`);
    size = 0;
  }

  return {
    file,
    write(event) {
      const line = `${now().toISOString()} ${formatEvent(event)}\n`;
      try {
        if (size === undefined) {
          mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
          try {
            size = statSync(file).size;
          } catch {
            size = 0;
          }
        }
        const bytes = Buffer.byteLength(line);
        if (size > 0 && size + bytes > maxBytes) rotate();
        appendFileSync(file, line, { mode: 0o600 });
        size += bytes;
      } catch {
        // Nowhere better to report it; the console still has the event.
      }
    },
  };
}
