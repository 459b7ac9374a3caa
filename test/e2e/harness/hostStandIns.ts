// What the harness puts where Electron has safeStorage (dialogs: test/doubles/dialogs.ts). The sealer really
// encrypts (AES-256-GCM under a key that lives only as long as the harness), so a keystore
// written in one run cannot be opened by another, as with a different OS login.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { HostPrinter, PrintOutcome } from '../../../src-main/ipc/context';
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
