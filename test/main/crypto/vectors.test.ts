import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema, preAuthEncoding } from '../../../src-shared/wire/envelope';
import { signEnvelope, verifyEnvelope } from '../../../src-main/services/crypto/ed25519';
import { signingKeyFromSeed } from '../../../src-main/services/crypto/seed';
import { sign } from 'node:crypto';

const vectorSchema = z.object({
  rfc8032Test1: z.object({
    seedHex: z.string(),
    publicKeyHex: z.string(),
    messageHex: z.string(),
    signatureHex: z.string(),
  }),
  signers: z.array(z.object({ seedHex: z.string(), publicKeyHex: z.string(), keyid: z.string() })),
  payloadType: z.string(),
  payloadUtf8: z.string(),
  paeHex: z.string(),
  envelope: envelopeSchema,
});
const vectors = vectorSchema.parse(
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/vectors/envelope-v1.json'), 'utf8')),
);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('committed envelope test vectors', () => {
  it('derives the RFC 8032 test 1 public key and signature from its seed', () => {
    const v = vectors.rfc8032Test1;
    const key = signingKeyFromSeed(fromHex(v.seedHex));
    expect(hex(key.publicKeyRaw)).toBe(v.publicKeyHex);
    expect(hex(sign(null, fromHex(v.messageHex), key.privateKey))).toBe(v.signatureHex);
  });

  it('derives each signer public key and keyid from its seed', () => {
    for (const s of vectors.signers) {
      const key = signingKeyFromSeed(fromHex(s.seedHex));
      expect(hex(key.publicKeyRaw)).toBe(s.publicKeyHex);
      expect(key.keyid).toBe(s.keyid);
    }
  });

  it('encodes the payload with the expected DSSE pre-authentication bytes', () => {
    const pae = preAuthEncoding(vectors.payloadType, new TextEncoder().encode(vectors.payloadUtf8));
    expect(hex(pae)).toBe(vectors.paeHex);
    expect(
      new TextDecoder()
        .decode(pae)
        .startsWith(`DSSEv1 ${vectors.payloadType.length} ${vectors.payloadType} `),
    ).toBe(true);
  });

  it('reproduces the committed envelope byte for byte and verifies it', () => {
    const keys = vectors.signers.map((s) => signingKeyFromSeed(fromHex(s.seedHex)));
    const env = signEnvelope(
      vectors.payloadType,
      new TextEncoder().encode(vectors.payloadUtf8),
      keys,
    );
    expect(env).toEqual(vectors.envelope);
    const trusted = new Map(keys.map((k) => [k.keyid, k.publicKeyRaw]));
    expect(verifyEnvelope(vectors.envelope, vectors.payloadType, trusted)).toMatchObject({
      ok: true,
      signedBy: keys.map((k) => k.keyid),
    });
  });

  it('fails the committed envelope when the payload type is changed', () => {
    const keys = vectors.signers.map((s) => signingKeyFromSeed(fromHex(s.seedHex)));
    const trusted = new Map(keys.map((k) => [k.keyid, k.publicKeyRaw]));
    const renamed = { ...vectors.envelope, payloadType: `${vectors.payloadType};x` };
    expect(verifyEnvelope(renamed, renamed.payloadType, trusted)).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });
});
