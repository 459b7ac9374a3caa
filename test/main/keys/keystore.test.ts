import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import { publicKeyFromRaw, verifyEnvelope } from '../../../src-main/services/crypto/ed25519';
import {
  changePassphrase,
  createProfileKey,
  readPublicKey,
  unlockProfileKey,
  type KeyStoreConfig,
} from '../../../src-main/services/keys/keystore';
import { fakeSealer } from '../bundles/factories';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

// Cheap scrypt so the suite stays fast; the format records the parameters used.
const FAST = { N: 1024, r: 8, p: 1 };

async function config(overrides: Partial<KeyStoreConfig> = {}): Promise<KeyStoreConfig> {
  return {
    dir: await temp.make('qh-keys-'),
    sealer: fakeSealer(),
    scrypt: FAST,
    ...overrides,
  };
}

describe('profile key store', () => {
  it('creates a key, unlocks it with the passphrase and signs envelopes that verify', async () => {
    const cfg = await config();
    const created = await createProfileKey(cfg, 'p-1', '正确的口令123');
    expect(created.ok).toBe(true);
    const unlocked = await unlockProfileKey(cfg, 'p-1', '正确的口令123');
    if (!unlocked.ok || !created.ok) throw new Error('unlock failed');
    expect(unlocked.signer.keyid).toBe(created.key.keyid);
    const env = unlocked.signer.sign(PAYLOAD_TYPES.receipt, new TextEncoder().encode('{}'));
    expect(
      verifyEnvelope(
        env,
        PAYLOAD_TYPES.receipt,
        new Map([[unlocked.signer.keyid, unlocked.signer.publicKeyRaw]]),
      ).ok,
    ).toBe(true);
    expect(publicKeyFromRaw(unlocked.signer.publicKeyRaw).asymmetricKeyType).toBe('ed25519');
  });

  it('says the passphrase is wrong without unlocking', async () => {
    const cfg = await config();
    await createProfileKey(cfg, 'p-1', 'passphrase-one');
    expect(await unlockProfileKey(cfg, 'p-1', 'passphrase-two')).toMatchObject({
      ok: false,
      code: 'wrong-passphrase',
      message: '口令不正确',
    });
  });

  it('keeps no private key material in the keystore file in the clear', async () => {
    const cfg = await config();
    await createProfileKey(cfg, 'p-1', 'passphrase-one');
    const [file] = await readdir(cfg.dir);
    const text = await readFile(path.join(cfg.dir, file!), 'utf8');
    const record = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual([
      'createdAt',
      'keyid',
      'osBackend',
      'profileId',
      'publicKey',
      'sealed',
      'version',
    ]);
    // The sealed field is the OS layer around the passphrase layer: no PKCS#8 header in either.
    const inner = Buffer.from(record.sealed as string, 'base64').toString('utf8');
    expect(inner.startsWith('sealed:machine-a:')).toBe(true);
    expect(text).not.toContain('MC4CAQAwBQYDK2Vw');
  });

  it('refuses to create or unlock a key when the OS offers only basic_text storage', async () => {
    const cfg = await config({ sealer: fakeSealer({ backend: 'basic_text' }) });
    const r = await createProfileKey(cfg, 'p-1', 'passphrase-one');
    expect(r).toMatchObject({ ok: false, code: 'os-sealing-unavailable' });
    if (!r.ok) expect(r.message).toContain('basic_text');
    expect(await readdir(cfg.dir)).toEqual([]);
  });

  it('refuses when OS encryption is unavailable', async () => {
    const cfg = await config({ sealer: fakeSealer({ available: false }) });
    expect(await createProfileKey(cfg, 'p-1', 'passphrase-one')).toMatchObject({
      ok: false,
      code: 'os-sealing-unavailable',
    });
  });

  it('cannot unlock a keystore copied to another machine even with the right passphrase', async () => {
    const cfg = await config();
    await createProfileKey(cfg, 'p-1', 'passphrase-one');
    const elsewhere = { ...cfg, sealer: fakeSealer({ machine: 'machine-b' }) };
    expect(await unlockProfileKey(elsewhere, 'p-1', 'passphrase-one')).toMatchObject({
      ok: false,
      code: 'os-unseal-failed',
    });
  });

  it('refuses a short passphrase and never overwrites an existing key', async () => {
    const cfg = await config();
    expect(await createProfileKey(cfg, 'p-1', '短口令')).toMatchObject({
      ok: false,
      code: 'weak-passphrase',
    });
    const first = await createProfileKey(cfg, 'p-1', 'passphrase-one');
    expect(await createProfileKey(cfg, 'p-1', 'passphrase-two')).toMatchObject({
      ok: false,
      code: 'key-exists',
    });
    const pub = await readPublicKey(cfg, 'p-1');
    if (first.ok && pub.ok) expect(pub.key.keyid).toBe(first.key.keyid);
  });

  it('keeps each profile key separate so one expert cannot unlock another with her own passphrase', async () => {
    const cfg = await config();
    await createProfileKey(cfg, 'p-wang', 'wang-passphrase');
    await createProfileKey(cfg, 'p-li', 'li-passphrase');
    expect(await unlockProfileKey(cfg, 'p-li', 'wang-passphrase')).toMatchObject({
      ok: false,
      code: 'wrong-passphrase',
    });
    expect(await unlockProfileKey(cfg, 'p-nobody', 'wang-passphrase')).toMatchObject({
      ok: false,
      code: 'no-key',
    });
  });

  it('changes the passphrase without changing the key id', async () => {
    const cfg = await config();
    const created = await createProfileKey(cfg, 'p-1', 'passphrase-one');
    expect(await changePassphrase(cfg, 'p-1', 'passphrase-one', 'passphrase-two')).toEqual({
      ok: true,
    });
    expect(await unlockProfileKey(cfg, 'p-1', 'passphrase-one')).toMatchObject({
      ok: false,
      code: 'wrong-passphrase',
    });
    const unlocked = await unlockProfileKey(cfg, 'p-1', 'passphrase-two');
    if (!unlocked.ok || !created.ok) throw new Error('unlock failed');
    expect(unlocked.signer.keyid).toBe(created.key.keyid);
  });

  it('reports a keystore file that was edited as corrupt or wrong, never as unlocked', async () => {
    const cfg = await config();
    await createProfileKey(cfg, 'p-1', 'passphrase-one');
    const [file] = await readdir(cfg.dir);
    const full = path.join(cfg.dir, file!);
    const rec = JSON.parse(await readFile(full, 'utf8')) as { profileId: string };
    rec.profileId = 'p-2';
    const { writeFile } = await import('node:fs/promises');
    await writeFile(full, JSON.stringify(rec));
    expect(await unlockProfileKey(cfg, 'p-1', 'passphrase-one')).toMatchObject({
      ok: false,
      code: 'keystore-corrupt',
    });
  });
});

describe('profile key store input checks', () => {
  it('refuses a profile id that could not be stored safely', async () => {
    const cfg = await config();
    expect(await createProfileKey(cfg, '../etc/passwd', 'passphrase-one')).toMatchObject({
      ok: false,
      code: 'invalid-profile',
    });
  });
});
