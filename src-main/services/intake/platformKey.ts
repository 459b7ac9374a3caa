// The reference intake's own signing key, kept in its data folder so receipts stay verifiable
// across restarts. Not for production platforms, which keep keys in an HSM.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { exportPkcs8, generateSigningKey, signingKeyFromPkcs8 } from '../crypto/ed25519';
import { writeFileAtomic } from '../../common/atomicFile';
import type { PlatformSigningKey } from './intake';

const keyFileSchema = z.object({ pkcs8: z.string(), notBefore: z.string(), notAfter: z.string() });

export function newPlatformKey(now: Date = new Date(), years = 2): PlatformSigningKey {
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return { key: generateSigningKey(), notBefore: now.toISOString(), notAfter: until.toISOString() };
}

export async function loadOrCreatePlatformKey(
  dir: string,
  now: Date = new Date(),
): Promise<{ key: PlatformSigningKey; created: boolean }> {
  const file = path.join(dir, 'platform-key.json');
  try {
    const saved = keyFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    return {
      key: {
        key: signingKeyFromPkcs8(new Uint8Array(Buffer.from(saved.pkcs8, 'base64'))),
        notBefore: saved.notBefore,
        notAfter: saved.notAfter,
      },
      created: false,
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = newPlatformKey(now);
  await writeFileAtomic(
    file,
    JSON.stringify(
      {
        pkcs8: Buffer.from(exportPkcs8(key.key)).toString('base64'),
        notBefore: key.notBefore,
        notAfter: key.notAfter,
      },
      null,
      2,
    ),
  );
  return { key, created: true };
}
