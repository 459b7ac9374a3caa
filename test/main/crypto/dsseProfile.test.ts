// The DSSE profile of docs/formats.md §1, checked against a third-party DSSE implementation
// (@sigstore/core's PAE) and Node's own Ed25519, so our signatures are not only self-consistent.
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dsse } from '@sigstore/core';
import { describe, expect, it } from 'vitest';
import {
  isCanonicalBase64,
  preAuthEncoding,
  type Envelope,
} from '../../../src-shared/wire/envelope';
import {
  addSignature,
  signEnvelope,
  verifyEnvelope,
} from '../../../src-main/services/crypto/ed25519';
import { signingKeyFromSeed } from '../../../src-main/services/crypto/seed';
import { zipEntries } from '../bundles/factories';

const ROOT = path.resolve(__dirname, '../../..');
const VECTORS = path.join(ROOT, 'test/fixtures/vectors');

/** An Ed25519 public key from its raw 32 bytes, through Node's JWK import (no code of ours). */
const publicKey = (raw: Uint8Array) =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });

function verifiesWithThirdPartyPae(envelope: Envelope, keys: Uint8Array[]): boolean[] {
  const pae = dsse.preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.map((s) =>
    keys.some((k) => verify(null, pae, publicKey(k), Buffer.from(s.sig, 'base64'))),
  );
}

describe('our envelopes verify with a third-party DSSE implementation', () => {
  it('the envelope vector: same PAE bytes, every signature valid', () => {
    const v = JSON.parse(readFileSync(path.join(VECTORS, 'envelope-v1.json'), 'utf8'));
    const keys = (v.signers as { publicKeyHex: string }[]).map((s) =>
      Buffer.from(s.publicKeyHex, 'hex'),
    );
    const payload = Buffer.from(v.envelope.payload, 'base64');
    expect(Buffer.from(preAuthEncoding(v.envelope.payloadType, payload))).toEqual(
      dsse.preAuthEncoding(v.envelope.payloadType, payload),
    );
    expect(verifiesWithThirdPartyPae(v.envelope, keys)).toEqual(
      v.envelope.signatures.map(() => true),
    );
  });

  it('the result-bundle vector, signed by an expert and a chair', async () => {
    const v = JSON.parse(readFileSync(path.join(VECTORS, 'result-bundle-v2.json'), 'utf8'));
    const keys = (v.signerSeedsHex as string[]).map(
      (h) => signingKeyFromSeed(Buffer.from(h, 'hex')).publicKeyRaw,
    );
    const files = await zipEntries(readFileSync(path.join(VECTORS, 'result-bundle-v2.qhres')));
    const envelope = JSON.parse(Buffer.from(files.get('envelope.json')!).toString('utf8'));
    expect(envelope.signatures).toHaveLength(2);
    expect(verifiesWithThirdPartyPae(envelope, keys)).toEqual([true, true]);
  });

  it('the demo work package, signed by the demo platform key', async () => {
    const raw = Buffer.from(
      readFileSync(path.join(ROOT, 'resources/demo/demo-platform-key.pub.b64'), 'utf8').trim(),
      'base64',
    );
    const files = await zipEntries(readFileSync(path.join(ROOT, 'resources/demo/demo.qhpkg')));
    const envelope = JSON.parse(Buffer.from(files.get('envelope.json')!).toString('utf8'));
    expect(verifiesWithThirdPartyPae(envelope, [raw])).toEqual([true]);
  });

  it('a changed payload byte fails the third-party check too', () => {
    const key = signingKeyFromSeed(new Uint8Array(32).fill(7));
    const env = signEnvelope(
      'application/vnd.qihang.receipt+json;version=1',
      new Uint8Array([1, 2, 3]),
      [key],
    );
    const forged = { ...env, payload: Buffer.from([1, 2, 4]).toString('base64') };
    expect(verifiesWithThirdPartyPae(forged, [key.publicKeyRaw])).toEqual([false]);
  });
});

describe('the DSSE profile: one base64 spelling, keyid mandatory, no key twice', () => {
  it.each([
    ['', true],
    ['AQID', true],
    ['AQI=', true],
    ['AQ==', true],
    ['AQ', false], // unpadded
    ['AQI', false], // unpadded
    ['AR==', false], // non-zero tail bits: another spelling of AQ==
    ['AQJ=', false], // non-zero tail bits: another spelling of AQI=
    ['AQ-_', false], // URL-safe alphabet
    ['AQID\nAQID', false], // line break
    ['AQ===', false],
    ['=AQI', false],
  ])('isCanonicalBase64(%j) is %s', (text, canonical) => {
    expect(isCanonicalBase64(text)).toBe(canonical);
  });

  const type = 'application/vnd.qihang.receipt+json;version=1';
  const key = signingKeyFromSeed(new Uint8Array(32).fill(9));
  const trusted = new Map([[key.keyid, key.publicKeyRaw]]);
  const env = signEnvelope(type, new TextEncoder().encode('{"a":1}'), [key]);

  it('accepts the envelope as signed', () => {
    expect(verifyEnvelope(env, type, trusted)).toMatchObject({ ok: true, signedBy: [key.keyid] });
  });

  it('refuses the same key signing twice, in any kind of document', () => {
    const twice = addSignature(env, key);
    expect(twice.signatures).toHaveLength(2);
    expect(verifyEnvelope(twice, type, trusted)).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses a signature re-spelled without padding, and one without a keyid', () => {
    const sig = env.signatures[0]!;
    const unpadded = { ...env, signatures: [{ ...sig, sig: sig.sig.replace(/=+$/, '') }] };
    expect(verifyEnvelope(unpadded, type, trusted)).toMatchObject({ ok: false, code: 'malformed' });
    const noKeyid = { ...env, signatures: [{ sig: sig.sig }] };
    expect(verifyEnvelope(noKeyid, type, trusted)).toMatchObject({ ok: false, code: 'malformed' });
  });
});
