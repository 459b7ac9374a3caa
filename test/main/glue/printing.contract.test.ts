// src-main/printing.ts against a recording stand-in of Electron's BrowserWindow. Each rule cites
// electron.d.ts (node_modules/electron/electron.d.ts, Electron 45) or the Electron docs/issues.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempFolders } from '../tempFolders';

type PrintCallback = (success: boolean, failureReason: string) => void;

const holder = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>;
    loaded: string[];
    loadedBytes: Buffer[];
    printed: Record<string, unknown>[];
    destroyed: boolean;
  }[],
  answer: { success: true, failureReason: '' },
  violations: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    private readonly rec: (typeof holder.windows)[number];
    readonly webContents: { print: (o: Record<string, unknown>, cb: PrintCallback) => void };
    constructor(options: Record<string, unknown>) {
      this.rec = { options, loaded: [], loadedBytes: [], printed: [], destroyed: false };
      holder.windows.push(this.rec);
      const rec = this.rec;
      this.webContents = {
        // d.ts L19417: print(options?: WebContentsPrintOptions, callback?: (success, failureReason)).
        print(options, callback) {
          if (rec.loaded.length === 0) holder.violations.push('print() before the PDF was loaded');
          if (rec.destroyed) holder.violations.push('print() on a destroyed window');
          rec.printed.push(options);
          queueMicrotask(() => callback(holder.answer.success, holder.answer.failureReason));
        },
      };
    }
    // d.ts L6324: loadFile(filePath: string, options?): Promise<void> — resolves when loaded.
    loadFile(file: string): Promise<void> {
      if (!path.isAbsolute(file)) holder.violations.push('loadFile with a relative path');
      this.rec.loaded.push(file);
      this.rec.loadedBytes.push(readFileSync(file));
      return Promise.resolve();
    }
    // d.ts L5966 (class BrowserWindow): destroy(): void.
    destroy(): void {
      this.rec.destroyed = true;
    }
  }
  return { BrowserWindow, default: { BrowserWindow } };
});

const temp = tempFolders();
afterEach(() => {
  expect(holder.violations).toEqual([]);
  holder.windows.length = 0;
  holder.answer = { success: true, failureReason: '' };
});

async function printer() {
  const { createElectronPrinter, PRINT_PARTITION } = await import('../../../src-main/printing');
  const dir = path.join(temp.sync('qh-print-'), 'print');
  return { p: createElectronPrinter(() => dir), dir, PRINT_PARTITION };
}

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%test\n'));

describe('printing a PDF through the system print dialog (Electron glue)', () => {
  it('shows the PDF in a hidden, sandboxed window of its own session and opens the dialog', async () => {
    const { p, PRINT_PARTITION } = await printer();
    expect(await p.printPdf({ pdf: PDF, title: '合格证书', copies: 2 })).toMatchObject({
      status: 'printed',
    });
    const [win] = holder.windows;
    const prefs = win!.options.webPreferences as Record<string, unknown>;
    // d.ts L4461 show?: hidden; L20540 sandbox; docs (Sessions): a partition without `persist:`
    // is in memory — and not the default session, whose file:// handler refuses everything.
    expect(win!.options.show).toBe(false);
    expect(prefs).toMatchObject({
      partition: PRINT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      // d.ts L20512 plugins?: "Default is false" — the built-in PDF viewer needs it.
      plugins: true,
    });
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(prefs.preload).toBeUndefined();
    // The bytes loaded are the batch's bytes.
    expect(win!.loadedBytes[0]!.equals(Buffer.from(PDF))).toBe(true);
    // WebContentsPrintOptions (d.ts L25600): silent false shows the dialog; copies as asked.
    expect(win!.printed).toEqual([{ silent: false, printBackground: true, copies: 2 }]);
  });

  it('destroys the window and removes the temporary PDF however the job ends', async () => {
    for (const answer of [
      { success: true, failureReason: '' },
      // d.ts L19408-19413: failure reasons include "Print job canceled" and "Print job failed".
      { success: false, failureReason: 'Print job canceled' },
      { success: false, failureReason: 'Print job failed' },
    ]) {
      holder.answer = answer;
      const { p, dir } = await printer();
      const r = await p.printPdf({ pdf: PDF, title: 't', copies: 1 });
      expect(r.status).toBe(
        answer.success
          ? 'printed'
          : answer.failureReason.includes('canceled')
            ? 'cancelled'
            : 'failed',
      );
      expect(holder.windows.at(-1)!.destroyed).toBe(true);
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    }
  });
});
