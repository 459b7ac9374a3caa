// Where main keeps a profile's key material and outbox, and how it reads the small signed files
// people bring in (enrollment replies, receipts): bounded, so a wrong pick cannot load gigabytes.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KeyStoreConfig } from '../services/keys/keystore';
import type { ScryptParams } from '../services/keys/passphrase';
import type { MainContext } from './context';
import type { Failure } from '../../src-shared/failure';

/** Tests lower the scrypt cost and fix the clock; production passes nothing. */
export interface KeyOptions {
  scrypt?: ScryptParams;
  now?: () => Date;
}

export const keysDir = (ctx: Pick<MainContext, 'userDataDir'>) =>
  path.join(ctx.userDataDir, 'keys');
export const outboxDir = (ctx: MainContext) => path.join(ctx.userDataDir, 'outbox');

export function keyStoreConfig(ctx: MainContext, opts: KeyOptions): KeyStoreConfig {
  return {
    dir: keysDir(ctx),
    sealer: ctx.sealer,
    ...(opts.scrypt ? { scrypt: opts.scrypt } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  };
}

export const MAX_SIGNED_FILE_BYTES = 1024 * 1024;

export async function readSmallFile(
  file: string,
  what: string,
): Promise<{ ok: true; bytes: Uint8Array } | Failure> {
  const name = path.basename(file);
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, code: 'io-error', message: `${what} ${name} 不是文件` };
    if (info.size > MAX_SIGNED_FILE_BYTES)
      return {
        ok: false,
        code: 'too-large',
        message: `${what} ${name} 过大（超过 1 MB），不是本系统的${what}`,
      };
    return { ok: true, bytes: new Uint8Array(await readFile(file)) };
  } catch (e) {
    return {
      ok: false,
      code: 'io-error',
      message: `无法读取${what} ${name}：${(e as Error).message}`,
    };
  }
}
