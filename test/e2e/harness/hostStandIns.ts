// What the harness puts where Electron has safeStorage and native dialogs. The sealer really
// encrypts (AES-256-GCM under a key that lives only as long as the harness), so a keystore
// written in one run cannot be opened by another, as with a different OS login.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type {
  FileFilter,
  HostDialogs,
  HostPrinter,
  PrintOutcome,
} from '../../../src-main/ipc/context';
import type { OsSealer } from '../../../src-main/services/keys/osSealer';

export function harnessSealer(): OsSealer {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    backend: () => 'browser-harness',
    encryptString(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

export interface DialogRequest {
  kind: 'open' | 'save';
  title: string;
  defaultName?: string;
  filters: FileFilter[];
}

/**
 * Native dialogs answered by the spec: queue the path the "user" will pick before clicking
 * the button that opens the dialog. An unanswered dialog is a cancel, as closing it would be.
 */
export class ScriptedDialogs implements HostDialogs {
  readonly asked: DialogRequest[] = [];
  private readonly answers: { open: (string | null)[]; save: (string | null)[] } = {
    open: [],
    save: [],
  };

  answerNextOpen(filePath: string | null): void {
    this.answers.open.push(filePath);
  }

  answerNextSave(filePath: string | null): void {
    this.answers.save.push(filePath);
  }

  openFile(request: { title: string; filters: FileFilter[] }): Promise<string | null> {
    this.asked.push({ kind: 'open', ...request });
    return Promise.resolve(this.answers.open.shift() ?? null);
  }

  saveFile(request: {
    title: string;
    defaultName: string;
    filters: FileFilter[];
  }): Promise<string | null> {
    this.asked.push({ kind: 'save', ...request });
    return Promise.resolve(this.answers.save.shift() ?? null);
  }
}

/**
 * The system print dialog, answered by the spec the way ScriptedDialogs answers file dialogs:
 * queue what the "user" does in the dialog before clicking. Every request is kept (the PDF
 * bytes included) so a spec can check what reached the printer glue. Unanswered is a cancel.
 */
export class ScriptedPrinter implements HostPrinter {
  readonly asked: { pdf: Uint8Array; title: string; copies: number }[] = [];
  private readonly answers: PrintOutcome[] = [];

  answerNextPrint(outcome: PrintOutcome): void {
    this.answers.push(outcome);
  }

  printPdf(request: { pdf: Uint8Array; title: string; copies: number }): Promise<PrintOutcome> {
    this.asked.push(request);
    return Promise.resolve(this.answers.shift() ?? { status: 'cancelled' });
  }
}
