// The demo package's experts' keys. They derive from public seeds, like the demo platform key:
// anyone can sign with them, which is why only a demo profile ever uses one and why a demo
// bundle says so in its signed manifest (a real intake refuses it). The demo generator lists
// them in the package; a demo chair's workstation co-signs panel decisions with its chair's.
import { createHash } from 'node:crypto';
import type { SigningKey } from '../crypto/ed25519';
import { signingKeyFromSeed } from '../crypto/seed';

export function demoExpertKey(expertId: string): SigningKey {
  const seed = createHash('sha256').update(`qihang-demo-expert-key:${expertId}`).digest();
  return signingKeyFromSeed(new Uint8Array(seed));
}
