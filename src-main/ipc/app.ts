import { ok } from '../../src-shared/ipc/result';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import type { MainContext } from './context';

export function appHandlers(ctx: MainContext): QihangHandlers['app'] {
  return {
    getInfo: () =>
      ok({
        version: ctx.version,
        host: ctx.host,
        packaged: ctx.packaged,
        platform: ctx.platform,
        logFile: ctx.logFile ?? null,
      }),
  };
}
