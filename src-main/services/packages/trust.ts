// Which platform keys a profile accepts work packages from. A normal profile trusts exactly the
// keys the platform pinned for it at enrollment; the demo platform key (whose private half is
// in this repository, so anyone can sign with it) is trusted only by a profile the user created
// as a demo profile, so a forged "demo" package never reaches real review data.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { keyIdOf, type TrustedKeys } from '../crypto/ed25519';
import { predecessorsOf } from '../../../src-shared/keys/enrollment';
import { platformTrust } from '../keys/enrollment';
import { pinProfileKind } from './profileKinds';
import type { Failure } from '../../../src-shared/failure';

/** Relative to the resources folder. */
export const DEMO_KEY_FILE = 'demo/demo-platform-key.pub.b64';

export interface Importer {
  profileId: string;
  demo: boolean;
}

/** The keys a package's signers succeed through the profile's signed rotations. */
export type Predecessors = (signedBy: readonly string[]) => string[];

export type TrustResult = { ok: true; keys: TrustedKeys; predecessors?: Predecessors } | Failure;

export const NOT_ENROLLED_MESSAGE =
  '尚未完成平台注册，无法确认工作包来自管理平台。请先在“同步”页导入平台的注册回复，再导入工作包';

export async function readDemoKey(resourcesDir: string): Promise<TrustResult> {
  try {
    const text = await readFile(path.join(resourcesDir, DEMO_KEY_FILE), 'utf8');
    const raw = new Uint8Array(Buffer.from(text.trim(), 'base64'));
    if (raw.length !== 32) throw new Error('not a 32-byte key');
    return { ok: true, keys: new Map([[keyIdOf(raw), raw]]) };
  } catch {
    return {
      ok: false,
      code: 'demo-missing',
      message: `找不到或无法读取演示平台公钥（${DEMO_KEY_FILE}），请重新安装或运行 npm run demo:make`,
    };
  }
}

export async function trustForImporter(input: {
  importer: Importer;
  /** Folder of the profiles' trust stores (userData/keys). */
  keysDir: string;
  resourcesDir: string;
  now?: Date;
}): Promise<TrustResult> {
  const { importer } = input;
  const pinned = await pinProfileKind(input.keysDir, importer.profileId, importer.demo);
  if (!pinned.ok) return pinned;
  const enrolled = await platformTrust(input.keysDir, importer.profileId, input.now);
  // A corrupt trust store is reported even for a demo profile: it is never silently ignored.
  if (!enrolled.ok && enrolled.code !== 'not-enrolled') return enrolled;
  const keys = new Map(enrolled.ok ? enrolled.keys : []);
  // Read from this profile's own trust store in main: the renderer only applies the answer.
  const store = enrolled.ok ? enrolled.store : null;
  const predecessors: Predecessors = (signedBy) => predecessorsOf(store, signedBy);
  if (importer.demo) {
    const demo = await readDemoKey(input.resourcesDir);
    if (!demo.ok) return demo;
    for (const [id, raw] of demo.keys) keys.set(id, raw);
    return { ok: true, keys, predecessors };
  }
  if (!enrolled.ok) return { ok: false, code: 'not-enrolled', message: NOT_ENROLLED_MESSAGE };
  if (keys.size === 0) {
    return {
      ok: false,
      code: 'no-valid-platform-key',
      message: '本用户信任的平台密钥均已过期或停用，请在“同步”页导入新的注册回复后再导入工作包',
    };
  }
  return { ok: true, keys, predecessors };
}
