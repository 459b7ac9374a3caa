// Electron glue for printing a finished PDF through the system print dialog. The PDF is written
// to a private temporary file and shown in a hidden window of its own in-memory session (the
// app's default session refuses file://, on purpose), and that window's webContents.print opens
// the dialog. Electron fixed blank pages when printing a PDF document this way in 30-32.x
// (electron/electron#43309). test/main/glue/printing.contract.test.ts checks the calls against
// electron.d.ts.
import { BrowserWindow } from 'electron';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HostPrinter, PrintOutcome } from './ipc/context';

/** In-memory (no `persist:` prefix): nothing of a print job outlives the app. */
export const PRINT_PARTITION = 'qihang-print';

export function printWindowOptions() {
  return {
    show: false,
    webPreferences: {
      partition: PRINT_PARTITION,
      // The PDF viewer is a plugin: without it the window would show nothing to print.
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
    },
  };
}

/** `tempDir` is asked for per job: app.getPath is only valid after ready. */
export function createElectronPrinter(tempDirOf: () => string): HostPrinter {
  return {
    async printPdf({ pdf, title, copies }): Promise<PrintOutcome> {
      const tempDir = tempDirOf();
      await mkdir(tempDir, { recursive: true, mode: 0o700 });
      const file = path.join(tempDir, `${randomBytes(12).toString('hex')}.pdf`);
      await writeFile(file, pdf, { mode: 0o600 });
      // electronegativity-justified: AUXCLICK_JS_CHECK, CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK — printWindowOptions() sets sandbox, contextIsolation, no node and no JavaScript (tested in printing.contract.test.ts); the hidden window has its own session, no preload and only shows our PDF
      const win = new BrowserWindow({ ...printWindowOptions(), title });
      try {
        await win.loadFile(file);
        return await new Promise<PrintOutcome>((resolve) => {
          // d.ts: print(options?, callback?: (success, failureReason) => void); the dialog is
          // shown because silent is false, and it lets the person pick the printer.
          win.webContents.print(
            { silent: false, printBackground: true, copies },
            (success, failureReason) => {
              if (success) resolve({ status: 'printed', printer: '系统打印对话框所选打印机' });
              else if (/cancel/i.test(failureReason)) resolve({ status: 'cancelled' });
              else resolve({ status: 'failed', message: failureReason });
            },
          );
        });
      } catch (e) {
        return { status: 'failed', message: (e as Error).message };
      } finally {
        win.destroy();
        await rm(file, { force: true });
      }
    },
  };
}
