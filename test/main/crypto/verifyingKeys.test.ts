// Public keys are turned into KeyObjects once per raw key (ed25519.ts): a key stays itself
// however often it verifies, and a keyid bound to other key bytes never borrows a cached key.
import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  signEnvelope,
  verifyEnvelope,
} from '../../../src-main/services/crypto/ed25519';

const TYPE = 'application/vnd.qihang.result-bundle+json;version=2';

describe('verifying keys', () => {
  it('answer by the key bytes the caller trusts, not by keyid or by what verified before', () => {
    const a = generateSigningKey();
    const b = generateSigningKey();
    const env = signEnvelope(TYPE, new TextEncoder().encode('{"n":1}'), [a]);
    const asA = new Map([[a.keyid, a.publicKeyRaw]]);
    // The same keyid, bound to someone else's key bytes.
    const asB = new Map([[a.keyid, b.publicKeyRaw]]);
    expect(verifyEnvelope(env, TYPE, asA).ok).toBe(true);
    expect(verifyEnvelope(env, TYPE, asA).ok).toBe(true);
    expect(verifyEnvelope(env, TYPE, asB)).toMatchObject({ ok: false, code: 'bad-signature' });
    expect(verifyEnvelope(env, TYPE, asA).ok).toBe(true);
  });

  it('still refuses key bytes that are not an Ed25519 public key', () => {
    const a = generateSigningKey();
    const env = signEnvelope(TYPE, new TextEncoder().encode('{"n":1}'), [a]);
    expect(() =>
      verifyEnvelope(env, TYPE, new Map([[a.keyid, a.publicKeyRaw.subarray(1)]])),
    ).toThrow('32 bytes');
  });
});
