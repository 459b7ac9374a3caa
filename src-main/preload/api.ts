// Builds the renderer's API from the contract: one function per channel and nothing else, so
// the page never sees ipcRenderer, event objects or channel names it could forge. Shared by
// the Electron preload and the browser harness, which differ only in `invoke`.
import { contract, type QihangApi } from '../../src-shared/ipc/contract';
import { listChannels } from '../../src-shared/ipc/channel';
import type { IpcResult } from '../../src-shared/ipc/result';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

export function buildApi(invoke: Invoke): QihangApi {
  const api: Record<string, Record<string, (req: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const { capability, method, name } of listChannels(contract)) {
    const cap = (api[capability] ??= {});
    cap[method] = async (request: unknown) => {
      try {
        return (await invoke(name, request)) as IpcResult<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'transport-failed', message: '与主进程的连接中断，请重试' },
        };
      }
    };
  }
  for (const cap of Object.values(api)) Object.freeze(cap);
  return Object.freeze(api) as unknown as QihangApi;
}
