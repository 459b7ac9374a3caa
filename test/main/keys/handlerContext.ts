// A MainContext for handler tests: temp userData folder, the fake OS sealer, scripted dialogs,
// and a gate over one capability so every answer is also checked against its response schema.
import path from 'node:path';
import type { ContractSpec, HandlersOf } from '../../../src-shared/ipc/channel';
import { createGate, type Gate } from '../../../src-shared/ipc/gate';
import type { IpcResult } from '../../../src-shared/ipc/result';
import type { FileFilter, HostDialogs, MainContext } from '../../../src-main/ipc/context';
import type { OsSealer } from '../../../src-main/services/keys/osSealer';
import { fakeSealer } from '../bundles/factories';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

export const NOW = new Date('2026-03-02T02:00:00Z');
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export class FakeDialogs implements HostDialogs {
  readonly asked: {
    kind: 'open' | 'save';
    title: string;
    defaultName?: string;
    filters: FileFilter[];
  }[] = [];
  readonly open: (string | null)[] = [];
  readonly save: (string | null)[] = [];
  openFile(req: { title: string; filters: FileFilter[] }) {
    this.asked.push({ kind: 'open', ...req });
    return Promise.resolve(this.open.shift() ?? null);
  }
  saveFile(req: { title: string; defaultName: string; filters: FileFilter[] }) {
    this.asked.push({ kind: 'save', ...req });
    return Promise.resolve(this.save.shift() ?? null);
  }
  openFolder(): Promise<string | null> {
    return Promise.resolve(null);
  }
}

export async function makeContext(
  sealer: OsSealer = fakeSealer(),
): Promise<MainContext & { dialogs: FakeDialogs; tmp: string }> {
  const tmp = await temp.make('qh-ipc-');
  return {
    version: '0.0.0-test',
    host: 'browser-harness',
    packaged: false,
    platform: process.platform,
    resourcesDir: path.join(tmp, 'resources'),
    userDataDir: path.join(tmp, 'userData'),
    dialogs: new FakeDialogs(),
    sealer,
    tmp,
  };
}

const ORIGIN = 'app://qihang';

/** Calls a channel through the real gate (request and response schemas both enforced). */
export function caller<C extends ContractSpec>(contract: C, handlers: HandlersOf<C>) {
  const gate: Gate = createGate(contract, handlers, {
    allowedOrigin: ORIGIN,
    onError: (channel, error) => {
      throw new Error(`${channel}: ${String(error)}`);
    },
  });
  return async <T = Record<string, unknown>>(name: string, req: unknown): Promise<IpcResult<T>> =>
    (await gate.dispatch(name, req, {
      url: `${ORIGIN}/index.html`,
      isMainFrame: true,
    })) as IpcResult<T>;
}

export function expectOk<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
