import { describe, expect, it } from 'vitest';
import { PAYLOAD_TYPES, base64ToBytes, bytesToBase64 } from '../../../src-shared/wire/envelope';
import { sha256Hex } from '../../../src-main/services/crypto/hash';
import { signWithAll } from '../../../src-main/services/keys/signer';
import { writeZip } from '../../../src-main/services/bundles/zip';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { verifyResultBundle } from '../../../src-main/services/bundles/verify';
import {
  editEnvelope,
  firstBundle,
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
      expect(r.records.map((x) => x.id)).toEqual(['rev-1', 'rev-2', 'rev-3']);
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
    const built = await firstBundle([chair], { profileId: 'p-expert' });
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
    const built = await firstBundle([expert]);
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

/** A bundle whose manifest is honestly signed over records.json bytes the caller chooses. */
async function signedOver(recordsText: string, count: number) {
  const expert = makeSigner();
  const recordsBytes = new TextEncoder().encode(recordsText);
  const manifest = {
    schemaVersion: 2,
    bundleId: 'b-crafted',
    profileId: 'p',
    counter: 1,
    previousBundleHash: null,
    auditLogHead: null,
    createdAt: '2026-03-02T02:00:00.000Z',
    workPackageIds: [],
    records: { count, size: recordsBytes.byteLength, sha256: sha256Hex(recordsBytes) },
    evidence: [],
  };
  const envelope = signWithAll(
    [expert],
    PAYLOAD_TYPES.resultBundle,
    new TextEncoder().encode(JSON.stringify(manifest)),
  );
  const bytes = await writeZip([
    { name: 'envelope.json', data: new TextEncoder().encode(JSON.stringify(envelope)) },
    { name: 'records.json', data: recordsBytes },
  ]);
  return { bytes, trusted: new Map([[expert.keyid, expert.publicKeyRaw]]) };
}

describe('records.json (format version 2)', () => {
  it.each([0, 100, -2])('rejects a bundle whose records.json has byte %i flipped', async (at) => {
    const { built, trusted } = await makeBundle();
    const files = await zipEntries(built.bytes);
    files.set('records.json', flipByte(files.get('records.json')!, at));
    const r = await verifyResultBundle(await rezip(files), { trusted });
    expect(r).toMatchObject({ ok: false, code: 'records-mismatch' });
    if (!r.ok) expect(r.message).toContain('records.json');
  });

  it('rejects a bundle whose records.json is missing or has a record appended', async () => {
    const { built, trusted } = await makeBundle();
    const files = await zipEntries(built.bytes);
    const original = files.get('records.json')!;
    files.delete('records.json');
    expect(await verifyResultBundle(await rezip(files), { trusted })).toMatchObject({
      ok: false,
      code: 'records-missing',
    });
    const longer = JSON.stringify([
      ...(JSON.parse(new TextDecoder().decode(original)) as unknown[]),
      makeReviews(1, 99)[0],
    ]);
    files.set('records.json', new TextEncoder().encode(longer));
    expect(await verifyResultBundle(await rezip(files), { trusted })).toMatchObject({
      ok: false,
      code: 'records-mismatch',
    });
  });

  it('names the problem when signed records are not JSON, not records, or miscounted', async () => {
    const notJson = await signedOver('[{"id": "rev-1",', 1);
    expect(await verifyResultBundle(notJson.bytes, { trusted: notJson.trusted })).toMatchObject({
      ok: false,
      code: 'invalid-payload',
      message: 'records.json 不是有效的 UTF-8 JSON',
    });
    const badKind = await signedOver(JSON.stringify([{ ...makeReviews(1)[0], kind: 'vote' }]), 1);
    const r = await verifyResultBundle(badKind.bytes, { trusted: badKind.trusted });
    expect(r).toMatchObject({ ok: false, code: 'invalid-payload' });
    if (!r.ok) expect(r.message).toContain('0.kind');
    const miscounted = await signedOver(JSON.stringify(makeReviews(2)), 3);
    const m = await verifyResultBundle(miscounted.bytes, { trusted: miscounted.trusted });
    expect(m).toMatchObject({ ok: false, code: 'records-mismatch' });
    if (!m.ok) expect(m.message).toContain('3');
  });

  it('refuses a version 1 bundle with a message that says to export again', async () => {
    const { built, trusted } = await makeBundle();
    const v1 = await editEnvelope(built.bytes, (env) => ({
      ...env,
      payloadType: 'application/vnd.qihang.result-bundle+json;version=1',
    }));
    const r = await verifyResultBundle(v1, { trusted });
    expect(r).toMatchObject({ ok: false, code: 'retired-format' });
    if (!r.ok) expect(r.message).toContain('重新导出');
  });

  it('signs a manifest naming records.json by count, size and SHA-256', async () => {
    const { built } = await makeBundle();
    const files = await zipEntries(built.bytes);
    const env = JSON.parse(new TextDecoder().decode(files.get('envelope.json'))) as {
      payload: string;
    };
    const manifest = JSON.parse(new TextDecoder().decode(base64ToBytes(env.payload))) as {
      records: { count: number; size: number; sha256: string };
    };
    const recordsBytes = files.get('records.json')!;
    expect(manifest.records).toEqual({
      count: 3,
      size: recordsBytes.byteLength,
      sha256: sha256Hex(recordsBytes),
    });
    expect(built.bundleHash).toBe(sha256Hex(base64ToBytes(env.payload)));
  });
});
