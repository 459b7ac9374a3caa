// Passphrase sealing: scrypt derives a key, AES-256-GCM encrypts and authenticates. Both are
// in BoringSSL, so this works unchanged inside Electron. The additional data binds the blob
// to its profile and key id, so a keystore file copied onto another profile does not open.
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto';
import { z } from 'zod';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~100 ms and 32 MiB on a laptop: slow enough to hamper guessing, fast enough to unlock. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

export const passphraseSealedSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  ct: z.string(),
});
export type PassphraseSealed = z.infer<typeof passphraseSealedSchema>;

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const opts: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    // NFC so the same passphrase typed with a different IME still opens the key.
    scrypt(passphrase.normalize('NFC'), salt, 32, opts, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function sealWithPassphrase(
  plain: Uint8Array,
  passphrase: string,
  aad: Uint8Array,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<PassphraseSealed> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, params);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

/** The plaintext, or null when the passphrase is wrong or the blob was altered (indistinguishable by design). */
export async function openWithPassphrase(
  sealed: PassphraseSealed,
  passphrase: string,
  aad: Uint8Array,
): Promise<Uint8Array | null> {
  const key = await deriveKey(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return new Uint8Array(
      Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]),
    );
  } catch {
    return null;
  }
}
