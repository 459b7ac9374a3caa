import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { verifyResultBundle } from '../../../src-main/services/bundles/verify';
import { sha256Hex } from '../../../src-main/services/crypto/hash';
import { signingKeyFromSeed } from '../../../src-main/services/crypto/seed';
import { signerFromKey } from '../../../src-main/services/keys/signer';
import { parseBundleVector } from '../../fixtures/vectors/bundleVector';

const DIR = path.join(__dirname, '../../fixtures/vectors');
const vector = parseBundleVector(readFileSync(path.join(DIR, 'result-bundle-v2.json'), 'utf8'));
const file = new Uint8Array(readFileSync(path.join(DIR, 'result-bundle-v2.qhres')));
const signers = vector.signerSeedsHex.map((h) =>
  signerFromKey(signingKeyFromSeed(Buffer.from(h, 'hex'))),
);
const trusted = new Map(signers.map((s) => [s.keyid, s.publicKeyRaw]));

describe('committed result bundle vector (format 2)', () => {
  it('has its expected values recorded', () => {
    expect(vector.expected).toBeDefined();
    expect(sha256Hex(file)).toBe(vector.expected?.fileSha256);
  });

  it('is reproduced byte for byte from its inputs', async () => {
    const built = await buildResultBundle(vector.inputFor(), signers);
    if (!built.ok) throw new Error(built.message);
    expect(sha256Hex(built.bytes)).toBe(vector.expected?.fileSha256);
    expect(built.bundleHash).toBe(vector.expected?.bundleHash);
  });

  it('verifies with both signers and gives back the records and the evidence', async () => {
    const r = await verifyResultBundle(file, { trusted });
    if (!r.ok) throw new Error(r.message);
    expect(r.bundleHash).toBe(vector.expected?.bundleHash);
    expect(r.signedBy).toEqual(signers.map((s) => s.keyid));
    expect(r.records).toEqual(vector.raw.input.records);
    expect(r.manifest).toMatchObject({ bundleId: 'b-vector-2', counter: 2 });
    expect(r.manifest.records).toMatchObject({ count: 2 });
    expect([...r.evidence.keys()]).toEqual(['frames/f-001.jpg']);
  });

  it('fails when verified without the chair key', async () => {
    const r = await verifyResultBundle(file, {
      trusted: new Map([[signers[0]!.keyid, signers[0]!.publicKeyRaw]]),
    });
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
  });
});
