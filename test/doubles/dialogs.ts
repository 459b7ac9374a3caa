// The one stand-in for native file dialogs, used by the browser harness and by handler tests:
// queue the path the "user" will pick before the action that opens the dialog. An unanswered
// dialog is a cancel, as closing it would be.
import type { FileFilter, HostDialogs } from '../../src-main/ipc/context';

export interface DialogRequest {
  kind: 'open' | 'save' | 'folder';
  title: string;
  defaultName?: string;
  filters: FileFilter[];
}

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
