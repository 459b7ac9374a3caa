// The one gate every IPC message passes (after VS Code's validating IPC wrapper): known
// channel, trusted sender, valid request, valid response. Pure, so it is tested in Node and
// shared by Electron's ipcMain and the browser harness.
import { listChannels, type ContractSpec, type ChannelSpec, type HandlersOf } from './channel';
import { fail, type IpcResult } from './result';
import { firstIssue } from '../zodIssues';

export interface SenderInfo {
  /** URL of the frame that sent the message. */
  url: string | undefined;
  /** Whether that frame is the window's main frame (not an iframe). */
  isMainFrame: boolean;
}

export interface Gate {
  channels: readonly string[];
  dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>;
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    // Custom standard schemes report origin 'null' in some runtimes; rebuild it.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

export function createGate<C extends ContractSpec>(
  contract: C,
  handlers: HandlersOf<C>,
  options: { allowedOrigin: string; onError?: (channel: string, error: unknown) => void },
): Gate {
  const table = new Map<string, { spec: ChannelSpec; run: (req: unknown) => unknown }>();
  for (const { capability, method, name } of listChannels(contract)) {
    const spec = contract[capability]?.[method];
    const capHandlers = handlers[capability] as
      Record<string, (req: unknown) => unknown> | undefined;
    const run = capHandlers?.[method];
    if (!spec || !run) throw new Error(`IPC handler missing for ${name}`);
    table.set(name, { spec, run: run.bind(capHandlers) });
  }

  return {
    channels: [...table.keys()],
    async dispatch(channel, payload, sender) {
      const entry = typeof channel === 'string' ? table.get(channel) : undefined;
      if (!entry) return fail('unknown-channel', `未知的调用通道：${String(channel).slice(0, 80)}`);
      if (!sender.isMainFrame || originOf(sender.url) !== options.allowedOrigin) {
        return fail('forbidden-sender', '调用来自不受信任的页面，已拒绝');
      }
      const req = entry.spec.request.safeParse(payload);
      if (!req.success) {
        const { field, message } = firstIssue(req.error.issues, '(整个请求)');
        return fail('invalid-request', `请求参数不正确（${field}）：${message}`, field);
      }
      let result: IpcResult<unknown>;
      try {
        result = (await entry.run(req.data)) as IpcResult<unknown>;
      } catch (error) {
        options.onError?.(channel, error);
        return fail('handler-failed', '处理请求时发生内部错误，操作未完成');
      }
      if (!result || typeof result !== 'object' || !('ok' in result)) {
        options.onError?.(channel, new Error('handler returned a non-result'));
        return fail('invalid-response', '内部错误：处理结果格式不正确');
      }
      if (!result.ok) return result;
      const res = entry.spec.response.safeParse(result.value);
      if (!res.success) {
        options.onError?.(channel, res.error);
        return fail('invalid-response', '内部错误：处理结果未通过校验');
      }
      return { ok: true, value: res.data };
    },
  };
}
