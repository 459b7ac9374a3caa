// The handler table, built from the contract in one place: features never touch ipcMain.
import { contract, type QihangHandlers } from '../../src-shared/ipc/contract';
import { createGate, type Gate } from '../../src-shared/ipc/gate';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { certificatesHandlers } from './certificates';
import type { MainContext } from './context';
import { keysHandlers } from './keys';
import { mediaHandlers } from './media';
import { openWorkPackage } from '../services/packages/open';
import { packagesHandlers } from './packages';
import { panelHandlers } from './panel';
import { policyHandlers } from './policy';
import { profilesHandlers } from './profiles';
import { syncHandlers } from './sync';

/**
 * Services a host may wrap. Electron uses the real ones; the browser harness wraps package
 * verification so a spec can hold it still (test/e2e/harness/holds.ts).
 */
export interface HandlerServices {
  openWorkPackage?: typeof openWorkPackage;
}

export function createHandlers(ctx: MainContext, services: HandlerServices = {}): QihangHandlers {
  return {
    app: appHandlers(ctx),
    packages: packagesHandlers(ctx, services.openWorkPackage ?? openWorkPackage),
    keys: keysHandlers(ctx),
    sync: syncHandlers(ctx),
    policy: policyHandlers(ctx),
    profiles: profilesHandlers(ctx),
    certificates: certificatesHandlers(ctx),
    panel: panelHandlers(ctx),
    media: mediaHandlers(ctx),
    audit: auditHandlers(ctx),
  };
}

export function createMainGate(
  ctx: MainContext,
  allowedOrigin: string,
  /** A handler threw or answered outside its schema; the channel and the error as thrown. */
  onError: (channel: string, error: unknown) => void = (channel, error) =>
    console.error(
      `[ipc] ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`,
    ),
  services: HandlerServices = {},
): Gate {
  return createGate(contract, createHandlers(ctx, services), { allowedOrigin, onError });
}
