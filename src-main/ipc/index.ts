// The handler table, built from the contract in one place: features never touch ipcMain.
import { contract, type QihangHandlers } from '../../src-shared/ipc/contract';
import { createGate, type Gate } from '../../src-shared/ipc/gate';
import { appHandlers } from './app';
import type { MainContext } from './context';
import { keysHandlers } from './keys';
import { packagesHandlers } from './packages';
import { panelHandlers } from './panel';
import { policyHandlers } from './policy';
import { syncHandlers } from './sync';

export function createHandlers(ctx: MainContext): QihangHandlers {
  return {
    app: appHandlers(ctx),
    packages: packagesHandlers(ctx),
    keys: keysHandlers(ctx),
    sync: syncHandlers(ctx),
    policy: policyHandlers(ctx),
    panel: panelHandlers(ctx),
  };
}

export function createMainGate(
  ctx: MainContext,
  allowedOrigin: string,
  log: (msg: string) => void = console.error,
): Gate {
  return createGate(contract, createHandlers(ctx), {
    allowedOrigin,
    onError: (channel, error) =>
      log(`[ipc] ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`),
  });
}
