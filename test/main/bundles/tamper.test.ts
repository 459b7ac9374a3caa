import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src-shared/bundle/envelope';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { verifyResultBundle } from '../../../src-main/services/bundles/verify';
import {
  editEnvelope,
  flipByte,
  flipPayloadByte,
  makeReviews,
  makeSigner,
  rezip,
  zipEntries,
} from './factories';

async function makeBundle() {
  const expert = makeSigner();
  const chair = makeSigner();
  const built = await buildResultBundle(
    {
      profileId: 'p-expert',
      counter: 1,
      previousBundleHash: null,
      auditLogHead: { seq: 4, hash: 'a'.repeat(64) },
      records: makeReviews(3),
      evidence: [
        {
          id: 'ev-1',
          path: 'frames/f1.jpg',
          mediaType: 'image/jpeg',
          data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
          recordId: 'rev-1',
        },
      ],
    },
    [expert, chair],
  );
  if (!built.ok) throw new Error(built.message);
  const trusted = new Map([
    [expert.keyid, expert.publicKeyRaw],
    [chair.keyid, chair.publicKeyRaw],
  ]);
  const profileKeyIds = (id: string) =>
    id === 'p-expert' ? [expert.keyid] : id === 'p-chair' ? [chair.keyid] : [];
  return { built, expert, chair, trusted, profileKeyIds };
}

describe('result bundle tampering', () => {
  it('accepts an untouched bundle signed by the expert and the chair', async () => {
    const { built, trusted, profileKeyIds, expert, chair } = await makeBundle();
    const r = await verifyResultBundle(built.bytes, { trusted, profileKeyIds });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.signedBy).toEqual([expert.keyid, chair.keyid]);
      expect(r.bundleHash).toBe(built.bundleHash);
      expect(r.manifest.records.map((x) => x.id)).toEqual(['rev-1', 'rev-2', 'rev-3']);
    }
  });

  it.each([0, 17, 200, -1])('rejects a bundle whose manifest has byte %i flipped', async (at) => {
    const { built, trusted } = await makeBundle();
    const tampered = await editEnvelope(built.bytes, (env) => flipPayloadByte(env, at));
    const r = await verifyResultBundle(tampered, { trusted });
    expect(r).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('rejects a bundle whose evidence file has one byte flipped', async () => {
    const { built, trusted } = await makeBundle();
    const files = await zipEntries(built.bytes);
    files.set('files/frames/f1.jpg', flipByte(files.get('files/frames/f1.jpg')!, 3));
    const r = await verifyResultBundle(await rezip(files), { trusted });
    expect(r).toMatchObject({ ok: false, code: 'evidence-mismatch' });
    if (!r.ok) expect(r.message).toContain('frames/f1.jpg');
  });

  it('rejects a bundle whose evidence file is missing or joined by an unlisted file', async () => {
    const { built, trusted } = await makeBundle();
    const files = await zipEntries(built.bytes);
    files.delete('files/frames/f1.jpg');
    expect(await verifyResultBundle(await rezip(files), { trusted })).toMatchObject({
      ok: false,
      code: 'evidence-missing',
    });
    const extra = await zipEntries(built.bytes);
    extra.set('files/extra.txt', new Uint8Array([1]));
    expect(await verifyResultBundle(await rezip(extra), { trusted })).toMatchObject({
      ok: false,
      code: 'unexpected-file',
    });
  });

  it.each([0, 1])(
    'rejects a bundle whose signature number %i has one byte flipped',
    async (index) => {
      const { built, trusted } = await makeBundle();
      const tampered = await editEnvelope(built.bytes, (env) => ({
        ...env,
        signatures: env.signatures.map((s, i) =>
          i === index ? { ...s, sig: bytesToBase64(flipByte(base64ToBytes(s.sig), 10)) } : s,
        ),
      }));
      expect(await verifyResultBundle(tampered, { trusted })).toMatchObject({
        ok: false,
        code: 'bad-signature',
      });
    },
  );

  it('rejects a bundle whose signature was swapped for another enrolled person claiming the same keyid', async () => {
    const { built, trusted } = await makeBundle();
    // The chair's valid signature relabelled as the expert's: the keyid no longer matches the bytes.
    const tampered = await editEnvelope(built.bytes, (env) => ({
      ...env,
      signatures: [
        { keyid: env.signatures[0]!.keyid, sig: env.signatures[1]!.sig },
        env.signatures[1]!,
      ],
    }));
    expect(await verifyResultBundle(tampered, { trusted })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('rejects a bundle for one profile signed only by another enrolled profile', async () => {
    const chair = makeSigner();
    const expert = makeSigner();
    const built = await buildResultBundle(
      {
        profileId: 'p-expert',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(1),
      },
      [chair],
    );
    if (!built.ok) throw new Error(built.message);
    const r = await verifyResultBundle(built.bytes, {
      trusted: new Map([
        [expert.keyid, expert.publicKeyRaw],
        [chair.keyid, chair.publicKeyRaw],
      ]),
      profileKeyIds: (id) => (id === 'p-expert' ? [expert.keyid] : [chair.keyid]),
    });
    expect(r).toMatchObject({ ok: false, code: 'signer-mismatch' });
  });

  it('rejects a bundle signed by a key nobody enrolled', async () => {
    const { built } = await makeBundle();
    const stranger = makeSigner();
    const r = await verifyResultBundle(built.bytes, {
      trusted: new Map([[stranger.keyid, stranger.publicKeyRaw]]),
    });
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
  });

  it('rejects a truncated archive and an archive without an envelope', async () => {
    const { built, trusted } = await makeBundle();
    expect(
      await verifyResultBundle(built.bytes.subarray(0, built.bytes.length - 30), { trusted }),
    ).toMatchObject({ ok: false, code: 'zip-unreadable' });
    const files = await zipEntries(built.bytes);
    files.delete('envelope.json');
    expect(await verifyResultBundle(await rezip(files), { trusted })).toMatchObject({
      ok: false,
      code: 'missing-envelope',
    });
  });

  it('refuses to build a bundle with duplicate record ids or an escaping evidence path', async () => {
    const s = makeSigner();
    const base = { profileId: 'p', counter: 1, previousBundleHash: null, auditLogHead: null };
    const dup = await buildResultBundle(
      { ...base, records: [...makeReviews(2), ...makeReviews(1)] },
      [s],
    );
    expect(dup).toMatchObject({ ok: false, code: 'invalid-bundle' });
    if (!dup.ok) expect(dup.message).toContain('rev-1');
    const escape = await buildResultBundle(
      {
        ...base,
        records: makeReviews(1),
        evidence: [{ id: 'e', path: '../x.jpg', mediaType: 'image/jpeg', data: new Uint8Array(1) }],
      },
      [s],
    );
    expect(escape).toMatchObject({ ok: false, code: 'invalid-bundle' });
  });

  it('refuses a first bundle that names a previous bundle', async () => {
    const built = await buildResultBundle(
      {
        profileId: 'p',
        counter: 1,
        previousBundleHash: 'b'.repeat(64),
        auditLogHead: null,
        records: makeReviews(1),
      },
      [makeSigner()],
    );
    expect(built).toMatchObject({ ok: false, code: 'invalid-bundle' });
  });
});

describe('result bundle signatures', () => {
  it('rejects a bundle carrying the same valid signature twice', async () => {
    const expert = makeSigner();
    const built = await buildResultBundle(
      {
        profileId: 'p',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(1),
      },
      [expert],
    );
    if (!built.ok) throw new Error(built.message);
    const doubled = await editEnvelope(built.bytes, (env) => ({
      ...env,
      signatures: [env.signatures[0]!, env.signatures[0]!],
    }));
    const r = await verifyResultBundle(doubled, {
      trusted: new Map([[expert.keyid, expert.publicKeyRaw]]),
    });
    expect(r).toMatchObject({ ok: false, code: 'malformed' });
  });
});
