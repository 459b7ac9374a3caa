// Ed25519 keys from a 32-byte seed (RFC 8032's private key). Used for committed test vectors
// and for importing keys exchanged as seeds; production keys come from generateSigningKey.
import { signingKeyFromPkcs8, type SigningKey } from './ed25519';

// PKCS#8 PrivateKeyInfo for Ed25519 is this fixed 16-byte prefix followed by the seed.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error('Ed25519 seed must be 32 bytes');
  return signingKeyFromPkcs8(Buffer.concat([PKCS8_PREFIX, Buffer.from(seed)]));
}
