// What the harness puts where Electron has safeStorage and native dialogs. The sealer really
// encrypts (AES-256-GCM under a key that lives only as long as the harness), so a keystore
// written in one run cannot be opened by another, as with a different OS login.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FileFilter, HostDialogs } from '../../../src-main/ipc/context';
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
  kind: 'open' | 'save' | 'folder';
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
  private readonly answers: {
    open: (string | null)[];
    save: (string | null)[];
    folder: (string | null)[];
  } = { open: [], save: [], folder: [] };

  answerNextOpen(filePath: string | null): void {
    this.answers.open.push(filePath);
  }

  answerNextSave(filePath: string | null): void {
    this.answers.save.push(filePath);
  }

  /** The folder the next folder dialog (挂载媒体文件夹) "chooses". */
  answerNextFolder(folderPath: string | null): void {
    this.answers.folder.push(folderPath);
  }

  openFolder(request: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'folder', title: request.title, filters: [] });
    return Promise.resolve(this.answers.folder.shift() ?? null);
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
