// One Ed25519 key pair per local profile. The PKCS#8 private key is sealed twice: first with
// the person's passphrase (so one expert at a shared station cannot sign as another), then
// with the OS keyring (so a copied keystore file is useless off this user account). Both must
// open to get a signer; the key material itself never leaves this module.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import { recordId, sha256Hex } from '../../../src-shared/wire/primitives';
import { generateSigningKey, keyIdOf, rawPublicKey, type SigningKey } from '../crypto/ed25519';
import { readJsonFile, writeFileAtomic } from '../../common/atomicFile';
import { checkOsSealer, type OsSealer } from './osSealer';
import {
  DEFAULT_SCRYPT,
  openWithPassphrase,
  passphraseSealedSchema,
  sealWithPassphrase,
  type ScryptParams,
} from './passphrase';
import { signerFromKey, type Signer } from './signer';

export interface KeyStoreConfig {
  /** Folder holding one keystore file per profile (e.g. app.getPath('userData')/keys). */
  dir: string;
  sealer: OsSealer;
  /** Tests lower the cost; production uses DEFAULT_SCRYPT. */
  scrypt?: ScryptParams;
  now?: () => Date;
}

export type KeyError = {
  ok: false;
  code:
    | 'os-sealing-unavailable'
    | 'invalid-profile'
    | 'weak-passphrase'
    | 'key-exists'
    | 'no-key'
    | 'wrong-passphrase'
    | 'os-unseal-failed'
    | 'keystore-corrupt'
    | 'io-error';
  message: string;
};

export interface PublicKeyInfo {
  profileId: string;
  keyid: string;
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  createdAt: string;
}

const keystoreFileSchema = z.object({
  version: z.literal(1),
  profileId: recordId,
  keyid: sha256Hex,
  publicKey: z.string(),
  createdAt: z.string(),
  osBackend: z.string(),
  /** base64 of sealer.encryptString(JSON of the passphrase-sealed PKCS#8). */
  sealed: z.string(),
});

export const MIN_PASSPHRASE_LENGTH = 8;

// File names come from a hash so no profile id can steer a path.
export function keyFile(dir: string, profileId: string): string {
  return path.join(
    dir,
    `profile-${createHash('sha256').update(profileId).digest('hex').slice(0, 32)}.key.json`,
  );
}

function aadFor(profileId: string, keyid: string): Uint8Array {
  return new TextEncoder().encode(`qihang-key/v1\n${profileId}\n${keyid}`);
}

const fail = (code: KeyError['code'], message: string): KeyError => ({ ok: false, code, message });

/** Generates and stores a new key for the profile. Refuses to overwrite an existing key. */
export async function createProfileKey(
  cfg: KeyStoreConfig,
  profileId: string,
  passphrase: string,
): Promise<{ ok: true; key: PublicKeyInfo } | KeyError> {
  const sealerOk = checkOsSealer(cfg.sealer);
  if (!sealerOk.ok) return sealerOk;
  if (!recordId.safeParse(profileId).success) {
    return fail(
      'invalid-profile',
      `用户档案编号 ${profileId} 不合规：只能含字母、数字和 ._:-，最多 64 个字符`,
    );
  }
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    return fail('weak-passphrase', `口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符`);
  }
  const file = keyFile(cfg.dir, profileId);
  try {
    if ((await readJsonFile(file)) !== null)
      return fail('key-exists', '该用户档案已有签名密钥，不能覆盖');
  } catch {
    return fail('key-exists', '该用户档案的密钥文件已存在但无法读取，不能覆盖');
  }
  const key = generateSigningKey();
  const pkcs8 = new Uint8Array(key.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const inner = await sealWithPassphrase(
    pkcs8,
    passphrase,
    aadFor(profileId, key.keyid),
    cfg.scrypt ?? DEFAULT_SCRYPT,
  );
  pkcs8.fill(0);
  const info: PublicKeyInfo = {
    profileId,
    keyid: key.keyid,
    publicKey: bytesToBase64(key.publicKeyRaw),
    createdAt: (cfg.now?.() ?? new Date()).toISOString(),
  };
  const record: z.infer<typeof keystoreFileSchema> = {
    version: 1,
    ...info,
    osBackend: cfg.sealer.backend(),
    sealed: cfg.sealer.encryptString(JSON.stringify(inner)).toString('base64'),
  };
  try {
    await writeFileAtomic(file, JSON.stringify(record, null, 2));
  } catch (e) {
    return fail('io-error', `无法写入密钥文件 ${file}：${(e as Error).message}`);
  }
  return { ok: true, key: info };
}

async function loadRecord(cfg: KeyStoreConfig, profileId: string) {
  const file = keyFile(cfg.dir, profileId);
  let raw: unknown;
  try {
    raw = await readJsonFile(file);
  } catch {
    return fail('keystore-corrupt', `密钥文件 ${path.basename(file)} 已损坏`);
  }
  if (raw === null) return fail('no-key', '该用户档案还没有签名密钥，请先创建');
  const parsed = keystoreFileSchema.safeParse(raw);
  if (!parsed.success || parsed.data.profileId !== profileId) {
    return fail('keystore-corrupt', `密钥文件 ${path.basename(file)} 已损坏或不属于该用户档案`);
  }
  return { ok: true as const, record: parsed.data };
}

export async function readPublicKey(
  cfg: KeyStoreConfig,
  profileId: string,
): Promise<{ ok: true; key: PublicKeyInfo } | KeyError> {
  const loaded = await loadRecord(cfg, profileId);
  if (!loaded.ok) return loaded;
  const { keyid, publicKey, createdAt } = loaded.record;
  return { ok: true, key: { profileId, keyid, publicKey, createdAt } };
}

async function openKey(
  cfg: KeyStoreConfig,
  profileId: string,
  passphrase: string,
): Promise<{ ok: true; key: SigningKey } | KeyError> {
  const sealerOk = checkOsSealer(cfg.sealer);
  if (!sealerOk.ok) return sealerOk;
  const loaded = await loadRecord(cfg, profileId);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  let innerJson: string;
  try {
    innerJson = cfg.sealer.decryptString(Buffer.from(record.sealed, 'base64'));
  } catch {
    return fail(
      'os-unseal-failed',
      '系统密钥保管无法解开该密钥（可能是在其他电脑或其他系统账户下创建的）',
    );
  }
  let inner;
  try {
    inner = passphraseSealedSchema.parse(JSON.parse(innerJson));
  } catch {
    return fail('keystore-corrupt', '密钥文件内容已损坏');
  }
  const pkcs8 = await openWithPassphrase(inner, passphrase, aadFor(profileId, record.keyid));
  if (!pkcs8) return fail('wrong-passphrase', '口令不正确');
  try {
    const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    pkcs8.fill(0);
    const publicKeyRaw = rawPublicKey(createPublicKey(privateKey));
    if (keyIdOf(publicKeyRaw) !== record.keyid)
      return fail('keystore-corrupt', '密钥文件中的私钥与公钥不匹配');
    return { ok: true, key: { keyid: record.keyid, publicKeyRaw, privateKey } };
  } catch {
    return fail('keystore-corrupt', '密钥文件中的私钥无法读取');
  }
}

/** Opens the profile's key with its passphrase and returns a signer holding it. */
export async function unlockProfileKey(
  cfg: KeyStoreConfig,
  profileId: string,
  passphrase: string,
): Promise<{ ok: true; signer: Signer } | KeyError> {
  const opened = await openKey(cfg, profileId, passphrase);
  return opened.ok ? { ok: true, signer: signerFromKey(opened.key) } : opened;
}

/** Re-seals the same key under a new passphrase; the key id does not change. */
export async function changePassphrase(
  cfg: KeyStoreConfig,
  profileId: string,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<{ ok: true } | KeyError> {
  if ([...newPassphrase].length < MIN_PASSPHRASE_LENGTH)
    return fail('weak-passphrase', `口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符`);
  const opened = await openKey(cfg, profileId, oldPassphrase);
  if (!opened.ok) return opened;
  const loaded = await loadRecord(cfg, profileId);
  if (!loaded.ok) return loaded;
  const pkcs8 = new Uint8Array(opened.key.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const inner = await sealWithPassphrase(
    pkcs8,
    newPassphrase,
    aadFor(profileId, opened.key.keyid),
    cfg.scrypt ?? DEFAULT_SCRYPT,
  );
  pkcs8.fill(0);
  const record = {
    ...loaded.record,
    osBackend: cfg.sealer.backend(),
    sealed: cfg.sealer.encryptString(JSON.stringify(inner)).toString('base64'),
  };
  try {
    await writeFileAtomic(keyFile(cfg.dir, profileId), JSON.stringify(record, null, 2));
  } catch (e) {
    return fail('io-error', `无法写入密钥文件：${(e as Error).message}`);
  }
  return { ok: true };
}
