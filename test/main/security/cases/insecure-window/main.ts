// Deliberately insecure: the scanner test expects both options below to be reported.
import { BrowserWindow } from 'electron';

export function openInsecureWindow(): BrowserWindow {
  return new BrowserWindow({
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
    },
  });
}
