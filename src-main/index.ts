// Electron glue only: lifecycle, window, protocol, session hardening and the IPC wiring.
// Every decision lives in a pure module (security/*, ipc/*) that is tested in Node.
import { app, BrowserWindow, ipcMain, protocol, session, net } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMainGate } from './ipc';
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
const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(__dirname, '../../resources');

function hardenSession(): void {
  const ses = session.defaultSession;
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = appProtocolResponse(request.url, rendererRoot, existsSync);
    if (!decision.filePath) return new Response(null, { status: decision.status, headers: decision.headers });
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

function wireIpc(): void {
  const gate = createMainGate(
    {
      version: app.getVersion(),
      host: 'electron',
      packaged: app.isPackaged,
      platform: process.platform,
      resourcesDir,
      userDataDir: app.getPath('userData'),
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
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/index.js'), devTools));
  installNavigationGuards(win.webContents, (what, url) => console.warn(`[security] blocked ${what} ${url}`));
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
