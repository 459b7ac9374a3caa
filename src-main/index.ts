// Electron glue only: lifecycle, window, protocol, session hardening and the IPC wiring.
// Every decision lives in a pure module (security/*, ipc/*) that is tested in Node.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, net } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMainGate } from './ipc';
import type { HostDialogs } from './ipc/context';
import { sealerFromSafeStorage } from './services/keys/osSealer';
import { installNavigationGuards } from './security/navigation';
import { installPermissionHandlers } from './security/permissions';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  appProtocolResponse,
  appSchemePrivileges,
  isAllowedRequestUrl,
} from './security/protocol';
import { mainWindowOptions } from './security/window';

// Must happen before 'ready': privileged schemes cannot be registered later.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

const devTools = !app.isPackaged;
const rendererRoot = path.join(__dirname, '../renderer');
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(__dirname, '../../resources');

function hardenSession(): void {
  const ses = session.defaultSession;
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = appProtocolResponse(request.url, rendererRoot, existsSync);
    if (!decision.filePath)
      return new Response(null, { status: decision.status, headers: decision.headers });
    const file = await net.fetch(pathToFileURL(decision.filePath).toString());
    return new Response(file.body, { status: 200, headers: decision.headers });
  });
  // file:// is never served to the page, even if something asks for it.
  protocol.handle('file', () => new Response(null, { status: 403 }));
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, { allowDevtools: devTools }) });
  });
  installPermissionHandlers(ses, APP_ORIGIN);
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
};

function wireIpc(): void {
  const gate = createMainGate(
    {
      version: app.getVersion(),
      host: 'electron',
      packaged: app.isPackaged,
      platform: process.platform,
      resourcesDir,
      userDataDir: app.getPath('userData'),
      dialogs,
      // getSelectedStorageBackend exists on Linux only; elsewhere the platform name stands in.
      sealer: sealerFromSafeStorage(safeStorage, () =>
        process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform,
      ),
    },
    APP_ORIGIN,
  );
  for (const channel of gate.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const frame = event.senderFrame;
      return gate.dispatch(channel, payload, {
        url: frame?.url,
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
      });
    });
  }
}

function createWindow(): void {
  // electronegativity-justified: CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK, AUXCLICK_JS_CHECK — the options come from secureWebPreferences() (contextIsolation, sandbox, no nodeIntegration; tested in hardening.test.ts) and the navigation guards deny every window.open and navigation, middle-click included
  const win = new BrowserWindow(
    mainWindowOptions(path.join(__dirname, '../preload/index.js'), devTools),
  );
  installNavigationGuards(win.webContents, (what, url) =>
    console.warn(`[security] blocked ${what} ${url}`),
  );
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
}

app.on('web-contents-created', (_event, contents) => {
  installNavigationGuards(contents);
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  hardenSession();
  wireIpc();
  createWindow();
});
