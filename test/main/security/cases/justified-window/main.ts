// Every finding here carries a justification, so the scanner test expects none to fail.
import { BrowserWindow, session } from 'electron';

// electronegativity-justified: CSP_GLOBAL_CHECK — a whole-app finding may be justified anywhere
export function openJustifiedWindow(): BrowserWindow {
  // electronegativity-justified: AUXCLICK_JS_CHECK, SANDBOX_JS_CHECK — one comment may list several
  // electronegativity-justified: CONTEXT_ISOLATION_JS_CHECK — stacked comment lines all count
  const win = new BrowserWindow({ webPreferences: { contextIsolation: true } });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  return win;
}
