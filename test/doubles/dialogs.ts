// The one stand-in for native file dialogs, used by the browser harness and by handler tests:
// queue the path the "user" will pick before the action that opens the dialog. An unanswered
// dialog is a cancel, as closing it would be.
import type { FileFilter, HostDialogs } from '../../src-main/ipc/context';

export interface DialogRequest {
  kind: 'open' | 'save';
  title: string;
  defaultName?: string;
  filters: FileFilter[];
}

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
