// Tries the two ways of silencing a finding without an argued reason; both must fail the scan.
import { BrowserWindow } from 'electron';

export function openHiddenWindow(): BrowserWindow[] {
  return [
    new BrowserWindow({ webPreferences: { nodeIntegration: true } }), // eng-disable NODE_INTEGRATION_JS_CHECK
    // electronegativity-justified: CONTEXT_ISOLATION_JS_CHECK — ok
    new BrowserWindow({ webPreferences: { contextIsolation: false } }),
  ];
}
