// Builds the renderer's API from the contract: one function per channel and nothing else, so
// the page never sees ipcRenderer, event objects or channel names it could forge. Shared by
// the Electron preload and the browser harness, which differ only in `invoke`.
import { contract, jobs, type Jobs, type QihangApi } from '../../src-shared/ipc/contract';
import { listChannels } from '../../src-shared/ipc/channel';
import { createJobHub, jobEventChannel, type JobsApi } from '../../src-shared/ipc/events';
import type { IpcResult } from '../../src-shared/ipc/result';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
/** Registers the host's listener for one push channel (ipcRenderer.on, the harness socket). */
export type Listen = (channel: string, listener: (message: unknown) => void) => void;

/**
 * `api.jobs`: the page subscribes to a job by id and gets only events that passed the job's
 * schemas; cancel goes through the job's own cancel channel, so it passes the gate like any call.
 */
function buildJobs(invoke: Invoke, listen: Listen): JobsApi<Jobs> {
  const hub = createJobHub(jobs, (channel, reason) =>
    console.warn(`[ipc] refused event on ${channel}: ${reason}`),
  );
  for (const kind of Object.keys(jobs)) {
    listen(jobEventChannel(kind), (message) => hub.deliver(kind, message));
  }
  return Object.freeze({
    subscribe: (kind, jobId, handler) =>
      hub.subscribe(kind, jobId, handler as Parameters<typeof hub.subscribe>[2]),
    cancel: async (kind, jobId) => {
      try {
        return (await invoke(jobs[kind].cancel, { jobId })) as IpcResult<{ cancelled: boolean }>;
      } catch {
        return {
          ok: false,
          error: { code: 'transport-failed', message: '与主进程的连接中断，请重试' },
        };
      }
    },
  } satisfies JobsApi<Jobs>);
}

export function buildApi(invoke: Invoke, listen: Listen = () => undefined): QihangApi {
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
  return Object.freeze({ ...api, jobs: buildJobs(invoke, listen) }) as unknown as QihangApi;
}
