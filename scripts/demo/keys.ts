// The demo platform key. Generated once and committed, so the committed package stays
// verifiable after every regeneration; only a demo profile ever trusts it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { base64ToBytes, bytesToBase64 } from '../../src-shared/wire/envelope';
import {
  exportPkcs8,
  generateSigningKey,
  signingKeyFromPkcs8,
  type SigningKey,
} from '../../src-main/services/crypto/ed25519';

export function loadOrCreateDemoKey(
  privatePath: string,
  publicPath: string,
): { key: SigningKey; created: boolean } {
  if (existsSync(privatePath)) {
    const key = signingKeyFromPkcs8(base64ToBytes(readFileSync(privatePath, 'utf8').trim()));
    return { key, created: false };
  }
  const key = generateSigningKey();
  mkdirSync(dirname(privatePath), { recursive: true });
  mkdirSync(dirname(publicPath), { recursive: true });
  writeFileSync(privatePath, `${bytesToBase64(exportPkcs8(key))}\n`);
  writeFileSync(publicPath, `${bytesToBase64(key.publicKeyRaw)}\n`);
  return { key, created: true };
}
