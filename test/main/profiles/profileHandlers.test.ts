import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysChannels } from '../../../src-shared/ipc/keys';
import { profilesChannels } from '../../../src-shared/ipc/profiles';
import { keysHandlers } from '../../../src-main/ipc/keys';
import { profilesHandlers } from '../../../src-main/ipc/profiles';
import { verifiedCacheFile } from '../../../src-main/services/media/verifiedCache';
import { pinProfileKind } from '../../../src-main/services/packages/profileKinds';
import {
  FIRST_WAIT_MS,
  FREE_ATTEMPTS,
  waitAfter,
} from '../../../src-main/services/profiles/attempts';
import { caller, expectOk, FAST_SCRYPT, makeContext, NOW } from '../keys/handlerContext';

const PROFILE = { id: 'p-expert-1', name: '王建华', role: 'expert' as const, district: '海淀区' };
const PASS = 'correct horse battery';

async function setup() {
  const ctx = await makeContext();
  let clock = NOW.getTime();
  const opts = { scrypt: FAST_SCRYPT, now: () => new Date(clock) };
  const call = caller(
    { keys: keysChannels, profiles: profilesChannels },
    { keys: keysHandlers(ctx, opts), profiles: profilesHandlers(ctx, opts) },
  );
  expectOk(await call('keys:create', { profileId: PROFILE.id, passphrase: PASS }));
  return { ctx, call, advance: (ms: number) => (clock += ms) };
}

const exportRequest = async (s: Awaited<ReturnType<typeof setup>>) => {
  s.ctx.dialogs.answerNextSave(path.join(s.ctx.tmp, 'request.json'));
  return s.call('keys:exportEnrollmentRequest', { profile: PROFILE, passphrase: PASS });
};

describe('profile lock in main', () => {
  it('refuses key operations of a locked profile even with the right passphrase', async () => {
    const s = await setup();
    expectOk(await exportRequest(s));
    expectOk(await s.call('profiles:lock', { profileId: PROFILE.id }));
    const refused = await exportRequest(s);
    expect(refused).toMatchObject({ ok: false, error: { code: 'profile-locked' } });
    const reply = await s.call('keys:importEnrollmentReply', { profileId: PROFILE.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'profile-locked' } });
    expectOk(await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: PASS }));
    expectOk(await exportRequest(s));
  });

  it('answers a wrong passphrase on the passphrase field and stays locked', async () => {
    const s = await setup();
    await s.call('profiles:lock', { profileId: PROFILE.id });
    const wrong = await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: 'nope' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'wrong-passphrase', message: '口令不正确', field: 'passphrase' },
    });
    expect(await exportRequest(s)).toMatchObject({ ok: false, error: { code: 'profile-locked' } });
  });

  it('rate-limits wrong passphrases: after five, even the right one waits, then opens', async () => {
    const s = await setup();
    await s.call('profiles:lock', { profileId: PROFILE.id });
    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      const r = await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: `bad-${i}` });
      expect(r).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    }
    const fifth = await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: 'bad-5' });
    expect(fifth).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase', message: '口令不正确。口令错误次数过多，请 30 秒 后再试' },
    });
    const blocked = await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: PASS });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'too-many-attempts' } });
    // The other key channels share the limit: no side door for guessing.
    expect(await exportRequest(s)).toMatchObject({ ok: false, error: { code: 'profile-locked' } });
    s.advance(FIRST_WAIT_MS - 1000);
    const still = await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: PASS });
    expect(still).toMatchObject({
      ok: false,
      error: { message: '口令错误次数过多，请 1 秒 后再试' },
    });
    s.advance(1000);
    expectOk(await s.call('profiles:unlock', { profileId: PROFILE.id, passphrase: PASS }));
  });

  it('doubles the wait after each further wrong passphrase, capped at 15 minutes', () => {
    expect([4, 5, 6, 7].map(waitAfter)).toEqual([0, 30_000, 60_000, 120_000]);
    expect(waitAfter(40)).toBe(15 * 60_000);
  });

  it('deletes a profile only with its passphrase, then removes key, trust and kind', async () => {
    const s = await setup();
    await pinProfileKind(path.join(s.ctx.userDataDir, 'keys'), PROFILE.id, false);
    const keysDir = path.join(s.ctx.userDataDir, 'keys');
    const wrong = await s.call('profiles:remove', { profileId: PROFILE.id, passphrase: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expect((await readdir(keysDir)).some((f) => f.endsWith('.key.json'))).toBe(true);
    // The profile's verified-media cache names the person's files: it goes too.
    const cache = verifiedCacheFile(path.join(s.ctx.userDataDir, 'media'), PROFILE.id);
    await mkdir(path.dirname(cache), { recursive: true });
    await writeFile(cache, '{"version":1,"entries":[]}');
    expectOk(await s.call('profiles:remove', { profileId: PROFILE.id, passphrase: PASS }));
    await expect(access(cache)).rejects.toThrow();
    expect((await readdir(keysDir)).filter((f) => f.endsWith('.key.json'))).toEqual([]);
    await expect(access(path.join(keysDir, 'profile-kinds.json'))).resolves.toBeUndefined();
    const status = expectOk(
      await s.call<{ key: unknown }>('keys:status', { profileId: PROFILE.id }),
    );
    expect(status.key).toBeNull();
    // The profile id is free of its demo/normal pin too: nothing of it is left in main.
    expect(await pinProfileKind(keysDir, PROFILE.id, true)).toEqual({ ok: true });
  });
});

describe('files a demo profile exports', () => {
  it('carry 演示 in their name; a normal profile keeps the plain name', async () => {
    const s = await setup();
    const keysDir = path.join(s.ctx.userDataDir, 'keys');
    expectOk(await exportRequest(s));
    expect(s.ctx.dialogs.asked.at(-1)?.defaultName).toBe('注册申请_王建华_2026-03-02.json');
    await pinProfileKind(keysDir, 'p-demo-1', true);
    expectOk(await s.call('keys:create', { profileId: 'p-demo-1', passphrase: PASS }));
    s.ctx.dialogs.answerNextSave(null);
    const demoProfile = { ...PROFILE, id: 'p-demo-1' };
    expectOk(
      await s.call('keys:exportEnrollmentRequest', { profile: demoProfile, passphrase: PASS }),
    );
    expect(s.ctx.dialogs.asked.at(-1)?.defaultName).toBe('演示-注册申请_王建华_2026-03-02.json');
  });
});
