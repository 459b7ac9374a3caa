// The signature over envelope.json is the only reason to trust a package: anything unsigned,
// signed by a stranger, or changed after signing must be refused.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  PAYLOAD_TYPES,
  type Envelope,
} from '../../../src-shared/wire/envelope';
import { openWorkPackage } from '../../../src-main/services/packages';
import { envelopeBytes, makeKey, makeManifest, tempDir, trustOnly, writePackage } from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function pkgPath(name: string): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return join(dir, name);
}

describe('openWorkPackage signature checks', () => {
  it('refuses a package without envelope.json as unsigned', async () => {
    const key = makeKey();
    const path = pkgPath('unsigned.qhpkg');
    await writePackage(path, makeManifest(), { key, envelope: null });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'unsigned' });
    expect(!result.ok && result.message).toContain('envelope.json');
  });

  it('refuses a package signed by a key this profile does not trust', async () => {
    const platform = makeKey();
    const stranger = makeKey();
    const path = pkgPath('stranger.qhpkg');
    await writePackage(path, makeManifest(), { key: stranger });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(platform) });

    expect(result).toMatchObject({ ok: false, code: 'untrusted-signer' });
    // The sentence says whose key it should be (the platform's); the stranger's id is for 详情.
    if (result.ok) throw new Error('expected a refusal');
    expect(result.message).toContain('平台密钥');
    expect(result.message).not.toMatch(/[0-9a-f]{8,}/);
    expect(result.detail).toContain(stranger.keyid);
  });

  it('refuses an envelope whose payload had one byte flipped after signing', async () => {
    const key = makeKey();
    const envelope = JSON.parse(
      envelopeBytes(makeManifest().manifest, [key]).toString('utf8'),
    ) as Envelope;
    const payload = base64ToBytes(envelope.payload);
    const middle = payload.length >> 1;
    payload[middle] = (payload[middle] as number) ^ 0x01;
    const tampered = Buffer.from(JSON.stringify({ ...envelope, payload: bytesToBase64(payload) }));
    const path = pkgPath('flipped.qhpkg');
    await writePackage(path, makeManifest(), { key, envelope: tampered });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'bad-signature' });
    expect(!result.ok && result.message).toContain('篡改');
  });

  it('refuses a file whose bytes were changed after signing', async () => {
    const key = makeKey();
    const fixture = makeManifest();
    const target = fixture.manifest.files[1];
    if (!target) throw new Error('fixture has no second file');
    const altered = Buffer.from(fixture.contents.get(target.path) as Uint8Array);
    altered[7] = (altered[7] as number) ^ 0x80;
    const path = pkgPath('altered.qhpkg');
    await writePackage(path, fixture, { key, replace: new Map([[target.path, altered]]) });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'hash-mismatch' });
    expect(!result.ok && result.message).toContain(target.path);
  });

  it('refuses an envelope that is not JSON', async () => {
    const key = makeKey();
    const path = pkgPath('garbled.qhpkg');
    await writePackage(path, makeManifest(), { key, envelope: Buffer.from('{"payloadType":') });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'envelope-malformed' });
  });

  it('refuses a correctly signed document of another type', async () => {
    const key = makeKey();
    const path = pkgPath('bundle.qhpkg');
    const envelope = envelopeBytes(makeManifest().manifest, [key], PAYLOAD_TYPES.resultBundle);
    await writePackage(path, makeManifest(), { key, envelope });

    const result = await openWorkPackage(path, { trustedKeys: trustOnly(key) });

    expect(result).toMatchObject({ ok: false, code: 'envelope-wrong-type' });
  });

  it('refuses an oversized envelope.json before reading it', async () => {
    const key = makeKey();
    const path = pkgPath('fat.qhpkg');
    await writePackage(path, makeManifest(), { key });

    const result = await openWorkPackage(path, {
      trustedKeys: trustOnly(key),
      limits: { maxEnvelopeBytes: 100 },
    });

    expect(result).toMatchObject({ ok: false, code: 'envelope-too-large' });
  });
});
