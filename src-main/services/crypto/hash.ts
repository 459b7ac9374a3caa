// SHA-256 in main through node:crypto: synchronous and several times faster than WebCrypto
// for many small inputs. The async form matches src-shared's HashHex so it can be injected.
import { createHash } from 'node:crypto';
import type { HashHex } from '../../../src-shared/wire/digest';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const nodeSha256Hex: HashHex = async (bytes) => sha256Hex(bytes);
