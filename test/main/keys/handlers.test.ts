import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../../src-shared/wire/envelope';
import { keysChannels } from '../../../src-shared/ipc/keys';
import { keysHandlers } from '../../../src-main/ipc/keys';
import { generateSigningKey } from '../../../src-main/services/crypto/ed25519';
import { signEnrollmentReply } from '../../../src-main/services/intake/intake';
import { fakeSealer, makePlatform, makeSigner, PLATFORM_WINDOW } from '../bundles/factories';
import { caller, expectOk, FAST_SCRYPT, makeContext, NOW } from './handlerContext';

const PROFILE = { id: 'p-expert-1', name: '王建华', role: 'expert' as const, district: '海淀区' };
const PASS = 'correct horse battery';

async function setup(sealer = fakeSealer()) {
  const ctx = await makeContext(sealer);
  const call = caller(
    { keys: keysChannels },
    { keys: keysHandlers(ctx, { scrypt: FAST_SCRYPT, now: () => NOW }) },
  );
  return { ctx, call };
}
type Setup = Awaited<ReturnType<typeof setup>>;

async function createKey({ call }: Setup, passphrase = PASS) {
  return expectOk<{ keyid: string }>(
    await call('keys:create', { profileId: PROFILE.id, passphrase }),
  );
}

async function exportRequest(s: Setup, passphrase = PASS) {
  const file = path.join(s.ctx.tmp, 'request.json');
  s.ctx.dialogs.answerNextSave(file);
  expectOk(await s.call('keys:exportEnrollmentRequest', { profile: PROFILE, passphrase }));
  return readFile(file, 'utf8');
}

async function importReply<T = Record<string, unknown>>(
  s: Setup,
  text: string,
  extra: Record<string, unknown> = {},
) {
  const file = path.join(s.ctx.tmp, 'reply.json');
  await writeFile(file, text);
  s.ctx.dialogs.answerNextOpen(file);
  return s.call<T>('keys:importEnrollmentReply', { profileId: PROFILE.id, ...extra });
}

describe('keys IPC: the profile signing key', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });

  it('reports a fresh profile: sealer available, no key, not enrolled', async () => {
    expect(expectOk(await s.call('keys:status', { profileId: PROFILE.id }))).toEqual({
      sealerAvailable: true,
      minPassphraseLength: 8,
      key: null,
      enrollment: null,
    });
  });

  it('creates the key once and refuses to overwrite it', async () => {
    const key = await createKey(s);
    const status = expectOk<{ key: { keyid: string } }>(
      await s.call('keys:status', { profileId: PROFILE.id }),
    );
    expect(status.key.keyid).toBe(key.keyid);
    const again = await s.call('keys:create', {
      profileId: PROFILE.id,
      passphrase: 'another-pass',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'key-exists' } });
  });

  it('refuses a short passphrase and stores nothing', async () => {
    const r = await s.call('keys:create', { profileId: PROFILE.id, passphrase: 'short' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'weak-passphrase', field: 'passphrase', message: '口令至少 8 个字符' },
    });
    expect(expectOk(await s.call('keys:status', { profileId: PROFILE.id }))).toMatchObject({
      key: null,
    });
  });

  it('refuses to create a key when the OS only offers basic_text, and says so in status', async () => {
    const plain = await setup(fakeSealer({ backend: 'basic_text' }));
    const status = expectOk<{ sealerAvailable: boolean; sealerMessage: string }>(
      await plain.call('keys:status', { profileId: PROFILE.id }),
    );
    expect(status.sealerAvailable).toBe(false);
    expect(status.sealerMessage).toContain('basic_text');
    const r = await plain.call('keys:create', { profileId: PROFILE.id, passphrase: PASS });
    expect(r).toMatchObject({ ok: false, error: { code: 'os-sealing-unavailable' } });
  });

  it('changes the passphrase: the old one stops working, the key id stays', async () => {
    const key = await createKey(s);
    const wrong = await s.call('keys:changePassphrase', {
      profileId: PROFILE.id,
      oldPassphrase: 'not the passphrase',
      newPassphrase: 'a new passphrase',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase', field: 'oldPassphrase' },
    });
    const weak = await s.call('keys:changePassphrase', {
      profileId: PROFILE.id,
      oldPassphrase: PASS,
      newPassphrase: '1234',
    });
    expect(weak).toMatchObject({ ok: false, error: { field: 'newPassphrase' } });
    const changed = await s.call('keys:changePassphrase', {
      profileId: PROFILE.id,
      oldPassphrase: PASS,
      newPassphrase: 'a new passphrase',
    });
    expect(expectOk(changed)).toEqual({ keyid: key.keyid });
    const old = await s.call('keys:exportEnrollmentRequest', {
      profile: PROFILE,
      passphrase: PASS,
    });
    expect(old).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expect(await exportRequest(s, 'a new passphrase')).toContain('payloadType');
  });
});

describe('keys IPC: enrollment', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });

  it('checks the passphrase before asking where to save, and writes nothing when cancelled', async () => {
    await createKey(s);
    const wrong = await s.call('keys:exportEnrollmentRequest', {
      profile: PROFILE,
      passphrase: 'wrong passphrase',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expect(s.ctx.dialogs.asked).toEqual([]);
    const cancelled = expectOk<{ path: string | null }>(
      await s.call('keys:exportEnrollmentRequest', { profile: PROFILE, passphrase: PASS }),
    );
    expect(cancelled.path).toBeNull();
    expect(s.ctx.dialogs.asked[0]).toMatchObject({
      kind: 'save',
      defaultName: `注册申请_${PROFILE.name}_2026-03-02.json`,
    });
  });

  it('exports a request the platform accepts and pins the keys of its reply', async () => {
    const key = await createKey(s);
    const platform = makePlatform(() => NOW);
    const enrolled = await platform.intake.enroll(await exportRequest(s));
    if (!enrolled.ok) throw new Error(enrolled.message);
    const imported = expectOk(
      await importReply<{ issuer: string; added: string[] }>(s, enrolled.replyText, {
        expectedKeyid: platform.key.keyid,
      }),
    );
    expect(imported.added).toEqual([platform.key.keyid]);
    const status = expectOk<{ enrollment: unknown; key: { keyid: string } }>(
      await s.call('keys:status', { profileId: PROFILE.id }),
    );
    expect(status.key.keyid).toBe(key.keyid);
    expect(status.enrollment).toMatchObject({
      issuer: imported.issuer,
      platformKeys: [{ keyid: platform.key.keyid, active: true }],
    });
  });

  it('refuses a tampered reply, a reply for another key and a wrong fingerprint, pinning nothing', async () => {
    const key = await createKey(s);
    const platform = makePlatform(() => NOW);
    const enrolled = await platform.intake.enroll(await exportRequest(s));
    if (!enrolled.ok) throw new Error(enrolled.message);

    const env = JSON.parse(enrolled.replyText) as { payload: string };
    const payload = JSON.parse(new TextDecoder().decode(base64ToBytes(env.payload))) as {
      issuer: string;
    };
    payload.issuer = '冒名平台';
    const tampered = JSON.stringify({
      ...env,
      payload: Buffer.from(JSON.stringify(payload)).toString('base64'),
    });
    const r1 = await importReply(s, tampered);
    expect(r1).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    if (!r1.ok) expect(r1.error.message).toContain('reply.json');

    const other = makeSigner();
    const forOther = signEnrollmentReply(
      {
        schemaVersion: 1,
        issuer: 'x',
        profileId: PROFILE.id,
        workstationKeyid: other.keyid,
        issuedAt: NOW.toISOString(),
        platformKeys: platform.intake.platformKeyList(),
      },
      [platform.key],
    );
    expect(await importReply(s, forOther)).toMatchObject({
      ok: false,
      error: { code: 'enrollment-mismatch' },
    });

    const r3 = await importReply(s, enrolled.replyText, {
      expectedKeyid: generateSigningKey().keyid,
    });
    expect(r3).toMatchObject({ ok: false, error: { code: 'enrollment-untrusted' } });

    expect(await importReply(s, 'not json')).toMatchObject({
      ok: false,
      error: { code: 'unreadable' },
    });
    const status = expectOk<{ enrollment: unknown; key: { keyid: string } }>(
      await s.call('keys:status', { profileId: PROFILE.id }),
    );
    expect(status).toMatchObject({ enrollment: null, key: { keyid: key.keyid } });
  });

  it('refuses an oversized file without reading it into memory', async () => {
    await createKey(s);
    const r = await importReply(s, ' '.repeat(2 * 1024 * 1024));
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('asks for a key before opening a reply, and treats a cancelled dialog as no change', async () => {
    expect(await s.call('keys:importEnrollmentReply', { profileId: PROFILE.id })).toMatchObject({
      ok: false,
      error: { code: 'no-key' },
    });
    expect(s.ctx.dialogs.asked).toEqual([]);
    await createKey(s);
    expect(expectOk(await s.call('keys:importEnrollmentReply', { profileId: PROFILE.id }))).toEqual(
      { path: null, issuer: null, added: [], retired: [] },
    );
  });

  it('shows expired platform keys as inactive', async () => {
    await createKey(s);
    const platform = makePlatform(() => NOW);
    const enrolled = await platform.intake.enroll(await exportRequest(s));
    if (!enrolled.ok) throw new Error(enrolled.message);
    expectOk(await importReply(s, enrolled.replyText));
    const later = caller(
      { keys: keysChannels },
      {
        keys: keysHandlers(s.ctx, {
          scrypt: FAST_SCRYPT,
          now: () => new Date(PLATFORM_WINDOW.notAfter),
        }),
      },
    );
    expect(expectOk(await later('keys:status', { profileId: PROFILE.id }))).toMatchObject({
      enrollment: { platformKeys: [{ active: false }] },
    });
  });
});
