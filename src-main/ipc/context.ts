// What handlers need from the host, injected so the same handlers run under Electron and in
// the browser harness.
import type { OsSealer } from '../services/keys/osSealer';
import type { SendEvent } from './jobEvents';
import type { VerifiedMedia } from '../services/media/verifiedMedia';

export interface FileFilter {
  /** Shown to the user, in Chinese. */
  name: string;
  /** Without the dot. */
  extensions: string[];
}

/**
 * The native file dialogs. Under Electron these are `dialog.showOpenDialog` /
 * `showSaveDialog`; in the browser harness a spec answers them, so the same handler code runs
 * in both. `null` means the user cancelled.
 */
export interface HostDialogs {
  openFile(request: { title: string; filters: FileFilter[] }): Promise<string | null>;
  saveFile(request: {
    title: string;
    defaultName: string;
    filters: FileFilter[];
  }): Promise<string | null>;
  /** A folder (the media drive); `null` when cancelled. */
  openFolder(request: { title: string }): Promise<string | null>;
}

/** What the system print dialog answered for one print job. */
export type PrintOutcome =
  | { status: 'printed'; printer: string }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

/**
 * Printing a finished PDF through the system print dialog. Under Electron a hidden window shows
 * the PDF and `webContents.print` opens the dialog (src-main/printing.ts); in the browser harness
 * a spec answers for the "user" and records what was asked.
 */
export interface HostPrinter {
  printPdf(request: { pdf: Uint8Array; title: string; copies: number }): Promise<PrintOutcome>;
}

export interface MainContext {
  version: string;
  host: 'electron' | 'browser-harness';
  packaged: boolean;
  platform: string;
  /** Folder holding fonts, templates, the policy pack and the demo package. */
  resourcesDir: string;
  /** Folder for the workstation's own files (keystores, exports). */
  userDataDir: string;
  /** main.log, shown in 设置 so a user can find it and send it. */
  logFile?: string;
  dialogs: HostDialogs;
  /** Absent where no printer can be reached: printing is then refused with a message. */
  printer?: HostPrinter;
  /** Electron safeStorage under Electron; a test sealer in the harness. */
  sealer: OsSealer;
  /**
   * The verified media the app:// handler serves (`/media/<sha256>`). The glue and the harness
   * pass the same object to both; a context without it (tests of other capabilities) gets a
   * private one from the media handlers, which then serves nothing.
   */
  media?: VerifiedMedia;
  /**
   * Pushes a job event to the page (webContents.send under Electron, the WebSocket in the
   * harness). Absent in tests that do not follow jobs: events then go nowhere.
   */
  sendEvent?: SendEvent;
}
