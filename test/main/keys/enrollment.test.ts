import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import type { EnrollmentReplyInput } from '../../../src-shared/keys/enrollment';
import { generateSigningKey, type SigningKey } from '../../../src-main/services/crypto/ed25519';
import {
  importEnrollmentReply,
  loadTrustStore,
  platformTrust,
} from '../../../src-main/services/keys/enrollment';
import { signEnrollmentReply } from '../../../src-main/services/intake/intake';
import { enrollAt, makePlatform, makeSigner } from '../bundles/factories';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

const NOW = new Date('2026-03-02T02:00:00Z');
const tmp = () => temp.make('qh-trust-');

function listed(
  key: SigningKey,
  notBefore = '2026-01-01T00:00:00Z',
  notAfter = '2027-01-01T00:00:00Z',
) {
  return { keyid: key.keyid, publicKey: bytesToBase64(key.publicKeyRaw), notBefore, notAfter };
}

function reply(
  workstationKeyid: string,
  over: Partial<EnrollmentReplyInput>,
): EnrollmentReplyInput {
  return {
    schemaVersion: 1,
    issuer: '管理平台',
    profileId: 'p-1',
    workstationKeyid,
    issuedAt: '2026-03-01T00:00:00Z',
    platformKeys: [],
    ...over,
  };
}

async function enrolled() {
  const dir = await tmp();
  const ws = makeSigner();
  const k1 = generateSigningKey();
  const first = signEnrollmentReply(reply(ws.keyid, { platformKeys: [listed(k1)] }), [k1]);
  const r = await importEnrollmentReply({
    dir,
    profileId: 'p-1',
    workstationKeyid: ws.keyid,
    text: first,
    now: NOW,
    expectedKeyid: k1.keyid,
  });
  if (!r.ok) throw new Error(r.message);
  return { dir, ws, k1 };
}

describe('enrollment and platform key pinning', () => {
  it('pins the platform key from the reply the reference intake gives for an exported request', async () => {
    const platform = makePlatform();
    const ws = makeSigner();
    const { replyText } = await enrollAt(platform, ws, 'p-1');
    const dir = await tmp();
    const r = await importEnrollmentReply({
      dir,
      profileId: 'p-1',
      workstationKeyid: ws.keyid,
      text: replyText,
      now: NOW,
      expectedKeyid: platform.key.keyid,
    });
    expect(r).toMatchObject({ ok: true, added: [platform.key.keyid] });
    const trust = await platformTrust(dir, 'p-1', NOW);
    expect(trust.ok && [...trust.keys.keys()]).toEqual([platform.key.keyid]);
  });

  it('refuses a first reply whose signer is not the fingerprint the user was given', async () => {
    const dir = await tmp();
    const ws = makeSigner();
    const impostor = generateSigningKey();
    const text = signEnrollmentReply(reply(ws.keyid, { platformKeys: [listed(impostor)] }), [
      impostor,
    ]);
    const r = await importEnrollmentReply({
      dir,
      profileId: 'p-1',
      workstationKeyid: ws.keyid,
      text,
      now: NOW,
      expectedKeyid: 'f'.repeat(64),
    });
    expect(r).toMatchObject({ ok: false, code: 'enrollment-untrusted' });
    expect(await loadTrustStore(dir, 'p-1')).toEqual({ ok: true, store: null });
  });

  it('refuses a reply that enrolls a different workstation key', async () => {
    const dir = await tmp();
    const k1 = generateSigningKey();
    const text = signEnrollmentReply(reply('e'.repeat(64), { platformKeys: [listed(k1)] }), [k1]);
    expect(
      await importEnrollmentReply({
        dir,
        profileId: 'p-1',
        workstationKeyid: makeSigner().keyid,
        text,
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      code: 'enrollment-mismatch',
    });
  });

  it('rotates keys when a reply signed by the pinned key adds a new key and retires the old one', async () => {
    const { dir, ws, k1 } = await enrolled();
    const k2 = generateSigningKey();
    const text = signEnrollmentReply(
      reply(ws.keyid, {
        issuedAt: '2026-03-01T12:00:00Z',
        platformKeys: [listed(k2)],
        retireKeyIds: [k1.keyid],
      }),
      [k1, k2],
    );
    const r = await importEnrollmentReply({
      dir,
      profileId: 'p-1',
      workstationKeyid: ws.keyid,
      text,
      now: NOW,
    });
    expect(r).toMatchObject({ ok: true, added: [k2.keyid], retired: [k1.keyid] });
    const trust = await platformTrust(dir, 'p-1', NOW);
    expect(trust.ok && [...trust.keys.keys()]).toEqual([k2.keyid]);
  });

  it('refuses a rotation signed only by the new key', async () => {
    const { dir, ws, k1 } = await enrolled();
    const k2 = generateSigningKey();
    const text = signEnrollmentReply(
      reply(ws.keyid, {
        issuedAt: '2026-03-01T12:00:00Z',
        platformKeys: [listed(k2)],
        retireKeyIds: [k1.keyid],
      }),
      [k2],
    );
    const r = await importEnrollmentReply({
      dir,
      profileId: 'p-1',
      workstationKeyid: ws.keyid,
      text,
      now: NOW,
    });
    expect(r).toMatchObject({ ok: false, code: 'enrollment-untrusted' });
    // Named as the platform's key in the sentence; the unknown key's id goes to 详情.
    if (r.ok) throw new Error('expected a refusal');
    expect(r.message).toContain('平台密钥');
    expect(r.message).not.toMatch(/[0-9a-f]{8,}/);
    expect(r.detail).toContain(k2.keyid);
  });

  it('refuses a rotation signed by a pinned key that has expired', async () => {
    const dir = await tmp();
    const ws = makeSigner();
    const k1 = generateSigningKey();
    const first = signEnrollmentReply(
      reply(ws.keyid, {
        platformKeys: [listed(k1, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')],
      }),
      [k1],
    );
    expect(
      (
        await importEnrollmentReply({
          dir,
          profileId: 'p-1',
          workstationKeyid: ws.keyid,
          text: first,
          now: new Date('2026-01-15T00:00:00Z'),
        })
      ).ok,
    ).toBe(true);
    const k2 = generateSigningKey();
    const text = signEnrollmentReply(
      reply(ws.keyid, { issuedAt: '2026-03-01T12:00:00Z', platformKeys: [listed(k2)] }),
      [k1],
    );
    expect(
      await importEnrollmentReply({
        dir,
        profileId: 'p-1',
        workstationKeyid: ws.keyid,
        text,
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      code: 'enrollment-untrusted',
    });
  });

  it('refuses an old reply replayed to bring back a retired key', async () => {
    const { dir, ws, k1 } = await enrolled();
    const k2 = generateSigningKey();
    const rotate = signEnrollmentReply(
      reply(ws.keyid, {
        issuedAt: '2026-03-01T12:00:00Z',
        platformKeys: [listed(k2)],
        retireKeyIds: [k1.keyid],
      }),
      [k1, k2],
    );
    await importEnrollmentReply({
      dir,
      profileId: 'p-1',
      workstationKeyid: ws.keyid,
      text: rotate,
      now: NOW,
    });
    const stale = signEnrollmentReply(
      reply(ws.keyid, { issuedAt: '2026-03-01T06:00:00Z', platformKeys: [listed(k1)] }),
      [k2],
    );
    expect(
      await importEnrollmentReply({
        dir,
        profileId: 'p-1',
        workstationKeyid: ws.keyid,
        text: stale,
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      code: 'enrollment-stale',
    });
    const revive = signEnrollmentReply(
      reply(ws.keyid, { issuedAt: '2026-03-01T18:00:00Z', platformKeys: [listed(k1)] }),
      [k2],
    );
    expect(
      await importEnrollmentReply({
        dir,
        profileId: 'p-1',
        workstationKeyid: ws.keyid,
        text: revive,
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      code: 'enrollment-invalid',
    });
  });

  it('refuses a reply whose listed key id does not match its public key', async () => {
    const dir = await tmp();
    const ws = makeSigner();
    const k1 = generateSigningKey();
    const text = signEnrollmentReply(
      reply(ws.keyid, { platformKeys: [{ ...listed(k1), keyid: 'a'.repeat(64) }] }),
      [k1],
    );
    expect(
      await importEnrollmentReply({
        dir,
        profileId: 'p-1',
        workstationKeyid: ws.keyid,
        text,
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      code: 'invalid-payload',
    });
  });
});
