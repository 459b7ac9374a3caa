// Window options as a pure function so the hardening is tested without Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

export function secureWebPreferences(
  preloadPath: string,
  devTools: boolean,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: undefined,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}

export function mainWindowOptions(
  preloadPath: string,
  devTools: boolean,
): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '启航评审工作站',
    backgroundColor: '#f8f9fa',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}
