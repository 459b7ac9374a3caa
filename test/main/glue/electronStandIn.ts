// A small recording stand-in for the `electron` module, for the glue contract test. It does
// only what src-main/index.ts uses, and it enforces what Electron's own documentation says
// about those calls: a call the docs forbid throws (and is recorded), so a wrong glue fails
// loudly here instead of opening a blank window on a user's desktop.
//
// Sources quoted below: node_modules/electron/electron.d.ts (the API reference generated from
// Electron's docs, cited as "d.ts L<line>") and the Electron docs pages named in each comment.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FrameFacts {
  url: string;
  /** false: an iframe of the window, not its main frame. */
  main: boolean;
}

interface RequestDetails {
  url: string;
}
type BeforeRequest = (
  details: RequestDetails,
  callback: (response: { cancel?: boolean }) => void,
) => void;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type IpcListener = (event: unknown, ...args: unknown[]) => unknown;

export interface StandInOptions {
  appPath: string;
  userData: string;
  packaged?: boolean;
}

export class DocumentedRuleBroken extends Error {}

export function createElectronStandIn(options: StandInOptions) {
  let ready = false;
  const violations: string[] = [];
  const calls: string[] = [];
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const privileged: { scheme: string; privileges: Record<string, unknown> }[] = [];
  let privilegedCalls = 0;
  let beforeRequest: BeforeRequest | null = null;
  const ipcHandlers = new Map<string, IpcListener>();
  const windows: StandInWindow[] = [];
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  function broken(rule: string): never {
    violations.push(rule);
    throw new DocumentedRuleBroken(`Electron documentation: ${rule}`);
  }
  function record(call: string): void {
    calls.push(`${ready ? 'after' : 'before'} ready: ${call}`);
  }
  /**
   * protocol docs (https://electronjs.org/docs/api/protocol): "All methods unless specified
   * can only be used after the ready event of the app module gets emitted."
   * BrowserWindow docs: "This module cannot be used until the ready event of the app module is
   * emitted." session: Electron throws "Session can only be received when app is ready"
   * (electron/electron#5820, "Throw error when session module is used before app is ready").
   * Everything else the glue does is kept after ready too, so the pre-ready phase holds only
   * the calls documented for it (see `beforeReadyAllowed`).
   */
  function afterReady(call: string): void {
    record(call);
    if (!ready) broken(`${call} was called before the app's ready event`);
  }

  /**
   * The one pipeline every request of the session goes through, as Electron documents it for
   * net.fetch (d.ts L10960-10965): "requests made with net.fetch can be made to custom
   * protocols as well as file:, and will trigger webRequest handlers if present. When the
   * non-standard bypassCustomProtocolHandlers option is set in RequestInit, custom protocol
   * handlers will not be called for this request. [...] webRequest handlers will still be
   * triggered when bypassing custom protocols." Page requests take the same path: the
   * session's webRequest filter first, then the handler registered for the scheme.
   */
  async function sessionRequest(
    input: string | Request,
    init: RequestInit & { bypassCustomProtocolHandlers?: boolean } = {},
  ): Promise<Response> {
    const request = typeof input === 'string' ? new Request(input, init) : input;
    const url = request.url;
    if (beforeRequest) {
      const decision = await new Promise<{ cancel?: boolean }>((resolve) =>
        beforeRequest?.({ url }, resolve),
      );
      if (decision.cancel) throw new TypeError(`net::ERR_BLOCKED_BY_CLIENT ${url}`);
    }
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = protocolHandlers.get(scheme);
    if (handler && !init.bypassCustomProtocolHandlers) return handler(request);
    if (scheme === 'file') {
      // The built-in file handler: the bytes on disk.
      return new Response(readFileSync(fileURLToPath(url)), { status: 200 });
    }
    // Offline: no network, and an unhandled custom scheme has no built-in handler.
    throw new TypeError(`net::ERR_FAILED ${url}`);
  }

  const webContentsOf = (win: StandInWindow) => {
    const mainFrame = { url: '' };
    return {
      mainFrame,
      listeners: new Map<string, unknown>(),
      windowOpenHandler: null as unknown,
      on(event: string, listener: unknown) {
        this.listeners.set(event, listener);
        return this;
      },
      setWindowOpenHandler(handler: unknown) {
        this.windowOpenHandler = handler;
      },
      window: win,
    };
  };

  class StandInWindow {
    readonly options: unknown;
    readonly webContents: ReturnType<typeof webContentsOf>;
    readonly loads: { url: string; response: Promise<Response> }[] = [];
    shown = false;
    private onceListeners = new Map<string, () => void>();
    constructor(windowOptions: unknown) {
      afterReady('new BrowserWindow');
      this.options = windowOptions;
      this.webContents = webContentsOf(this);
      windows.push(this);
    }
    once(event: string, listener: () => void) {
      this.onceListeners.set(event, listener);
      return this;
    }
    show() {
      this.shown = true;
    }
    /** The window asks the session for the URL, as a page navigation does. */
    loadURL(url: string): Promise<void> {
      record('BrowserWindow.loadURL');
      this.webContents.mainFrame.url = url;
      const response = sessionRequest(url);
      this.loads.push({ url, response });
      return response.then(() => undefined);
    }
    static getFocusedWindow() {
      return null;
    }
    static getAllWindows() {
      return windows;
    }
  }

  const app = {
    get isPackaged() {
      return options.packaged ?? false;
    },
    // app docs: enableSandbox "can only be called before app is ready" (d.ts L1245-1251).
    enableSandbox() {
      record('app.enableSandbox');
      if (ready) broken('app.enableSandbox() was called after ready');
    },
    getAppPath: () => options.appPath,
    getVersion: () => '0.0.0-standin',
    getPath(name: string) {
      if (name === 'userData') return options.userData;
      if (name === 'documents') return options.userData;
      throw new Error(`stand-in has no path ${name}`);
    },
    on(event: string) {
      record(`app.on(${event})`);
      return app;
    },
    whenReady: () => readyPromise,
    isReady: () => ready,
    quit() {
      record('app.quit');
    },
  };

  const protocol = {
    // d.ts L12404-12405: registerSchemesAsPrivileged "can only be used before the ready event
    // of the app module gets emitted and can be called only once."
    registerSchemesAsPrivileged(schemes: typeof privileged) {
      record('protocol.registerSchemesAsPrivileged');
      if (ready) broken('protocol.registerSchemesAsPrivileged() was called after ready');
      privilegedCalls += 1;
      if (privilegedCalls > 1) broken('protocol.registerSchemesAsPrivileged() was called twice');
      privileged.push(...schemes);
    },
    handle(scheme: string, handler: ProtocolHandler) {
      afterReady(`protocol.handle(${scheme})`);
      protocolHandlers.set(scheme, handler);
    },
  };

  const defaultSession = {
    webRequest: {
      onBeforeRequest(listener: BeforeRequest) {
        record('session.webRequest.onBeforeRequest');
        beforeRequest = listener;
      },
    },
    permissionRequest: null as unknown,
    permissionCheck: null as unknown,
    setPermissionRequestHandler(handler: unknown) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: unknown) {
      this.permissionCheck = handler;
    },
  };
  const session = {
    get defaultSession() {
      afterReady('session.defaultSession');
      return defaultSession;
    },
  };

  const ipcMain = {
    handle(channel: string, listener: IpcListener) {
      afterReady(`ipcMain.handle(${channel})`);
      // Electron's ipcMain.handle throws "Attempted to register a second handler for
      // '<channel>'" when a channel already has one (reported in electron/electron issues,
      // e.g. brafdlog/caspion#278); the d.ts (L9442) documents one handler per invokeable IPC.
      if (ipcHandlers.has(channel))
        broken(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
    },
  };

  const net = {
    fetch(
      input: string | Request,
      init?: RequestInit & { bypassCustomProtocolHandlers?: boolean },
    ) {
      afterReady('net.fetch');
      return sessionRequest(input, init);
    },
  };

  const safeStorage = {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: () => broken('safeStorage is not available in the stand-in'),
    decryptString: () => broken('safeStorage is not available in the stand-in'),
  };

  const dialog = {
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showSaveDialog: () => Promise.resolve({ canceled: true }),
  };

  const module = {
    app,
    protocol,
    session,
    ipcMain,
    net,
    safeStorage,
    dialog,
    BrowserWindow: StandInWindow,
  };

  return {
    module,
    violations,
    calls,
    privileged,
    windows,
    ipcHandlers,
    protocolHandlers,
    emitReady() {
      ready = true;
      resolveReady();
    },
    /** A request from the page of the first window, through the session like a real one. */
    pageRequest: (url: string) => sessionRequest(url),
    /** An ipcRenderer.invoke from a frame: the event carries the frame facts Electron gives. */
    invoke(channel: string, payload: unknown, frame: FrameFacts | null) {
      const listener = ipcHandlers.get(channel);
      if (!listener) throw new Error(`no ipcMain.handle for ${channel}`);
      const mainFrame = { url: frame?.url ?? '' };
      const senderFrame = frame ? (frame.main ? mainFrame : { url: frame.url }) : null;
      return listener({ senderFrame, sender: { mainFrame } }, payload);
    },
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
