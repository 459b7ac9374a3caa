// Electron glue only: lifecycle, window, protocol, session hardening and the IPC wiring.
// Every decision lives in a pure module (security/*, ipc/*) that is tested in Node, and
// test/main/glue/index.contract.test.ts checks this file against Electron's documented rules.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import path from 'node:path';
import { createMainGate } from './ipc';
import type { HostDialogs } from './ipc/context';
import { createAppHandler } from './security/appHandler';
import { packageStoreDir, storedFileServer } from './services/packages/store';
import { buildCsp } from './security/csp';
import { installNavigationGuards } from './security/navigation';
import { installPermissionHandlers } from './security/permissions';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  appRoutes,
  appSchemePrivileges,
  isAllowedRequestUrl,
} from './security/protocol';
import { createElectronPrinter } from './printing';
import { mainWindowOptions } from './security/window';
import { sealerFromSafeStorage } from './services/keys/osSealer';
import { VerifiedMedia } from './services/media/verifiedMedia';
import { mainLogPath, openMainLog } from './services/mainlog/mainLog';

// Must happen before 'ready': privileged schemes cannot be registered later.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

const devTools = !app.isPackaged;
// The app folder (the repo in development, app.asar when packaged) holds the build output.
const appPath = app.getAppPath();
const rendererRoot = path.join(appPath, 'out/renderer');
const preloadPath = path.join(appPath, 'out/preload/index.js');
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(appPath, 'resources');
// One set of verified media for the IPC handlers (which verify) and app:// (which serves).
const verifiedMedia = new VerifiedMedia();
const log = openMainLog(mainLogPath(app.getPath('userData')));
log.write({
  kind: 'step',
  step: 'start',
  detail: { version: app.getVersion(), platform: process.platform, packaged: app.isPackaged },
});

function hardenSession(): void {
  const ses = session.defaultSession;
  protocol.handle(
    APP_SCHEME,
    createAppHandler({
      routes: appRoutes({ rendererRoot }),
      csp: buildCsp(),
      packageFiles: storedFileServer(packageStoreDir(app.getPath('userData'))),
      media: verifiedMedia,
      onRefused: ({ status, url, reason }) =>
        log.write({ kind: 'request-refused', status, url, reason }),
    }),
  );
  // file:// is never served to the page, even if something asks for it. The app handler reads
  // with node:fs, so nothing of ours goes through this.
  protocol.handle('file', (request) => {
    log.write({ kind: 'request-refused', status: 403, url: request.url, reason: 'file scheme' });
    return new Response(null, { status: 403 });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, { allowDevtools: devTools });
    if (!allowed)
      log.write({ kind: 'request-refused', url: details.url, reason: 'not our origin' });
    callback({ cancel: !allowed });
  });
  installPermissionHandlers(ses, APP_ORIGIN);
  log.write({ kind: 'step', step: 'session hardened' });
}

const dialogs: HostDialogs = {
  async openFile({ title, filters }) {
    const parent = BrowserWindow.getFocusedWindow();
    const options = { title, filters, properties: ['openFile' as const] };
    const r = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async saveFile({ title, defaultName, filters }) {
    const parent = BrowserWindow.getFocusedWindow();
    const options = {
      title,
      filters,
      defaultPath: path.join(app.getPath('documents'), defaultName),
    };
    const r = parent
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options);
    return r.canceled ? null : (r.filePath ?? null);
  },
  async openFolder({ title }) {
    const parent = BrowserWindow.getFocusedWindow();
    const options = { title, properties: ['openDirectory' as const] };
    const r = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
};

/** The app's one window; job events go to its page only (not to the hidden print window). */
let mainWindow: BrowserWindow | null = null;

function wireIpc(): void {
  const gate = createMainGate(
    {
      version: app.getVersion(),
      host: 'electron',
      packaged: app.isPackaged,
      platform: process.platform,
      resourcesDir,
      userDataDir: app.getPath('userData'),
      logFile: log.file,
      dialogs,
      media: verifiedMedia,
      sendEvent: (channel, message) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, message);
      },
      printer: createElectronPrinter(() => path.join(app.getPath('temp'), 'qihang-print')),
      // getSelectedStorageBackend exists on Linux only; elsewhere the platform name stands in.
      sealer: sealerFromSafeStorage(safeStorage, () =>
        process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform,
      ),
    },
    APP_ORIGIN,
    (channel, error) => {
      console.error(`[ipc] ${channel} failed:`, error);
      log.write({ kind: 'failure', where: `ipc ${channel}`, error });
    },
  );
  for (const channel of gate.channels) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const frame = event.senderFrame;
      const result = await gate.dispatch(channel, payload, {
        url: frame?.url,
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
      });
      if (!result.ok) log.write({ kind: 'ipc-error', channel, code: result.error.code });
      return result;
    });
  }
  log.write({ kind: 'step', step: 'ipc wired', detail: { channels: gate.channels.length } });
}

function createWindow(): void {
  // electronegativity-justified: CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK, AUXCLICK_JS_CHECK — the options come from secureWebPreferences() (contextIsolation, sandbox, no nodeIntegration; tested in hardening.test.ts) and the navigation guards deny every window.open and navigation, middle-click included
  const win = new BrowserWindow(mainWindowOptions(preloadPath, devTools));
  // A closed window reports isDestroyed(); sendEvent checks that before sending.
  mainWindow = win;
  installNavigationGuards(win.webContents, (what, url) => {
    console.warn(`[security] blocked ${what} ${url}`);
    log.write({ kind: 'request-refused', url, reason: `blocked ${what}` });
  });
  win.webContents.on('did-finish-load', () => log.write({ kind: 'step', step: 'page loaded' }));
  win.webContents.on('did-fail-load', (_event, errorCode, _description, url) =>
    log.write({ kind: 'request-refused', url, reason: `page load failed ${errorCode}` }),
  );
  win.webContents.on('render-process-gone', (_event, details) =>
    log.write({ kind: 'step', step: 'renderer gone', detail: { reason: details.reason } }),
  );
  win.once('ready-to-show', () => win.show());
  log.write({ kind: 'step', step: 'window created' });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log.write({ kind: 'failure', where: 'loadURL', error });
  });
}

app.on('web-contents-created', (_event, contents) => {
  installNavigationGuards(contents);
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  log.write({ kind: 'step', step: 'ready' });
  hardenSession();
  wireIpc();
  createWindow();
});
