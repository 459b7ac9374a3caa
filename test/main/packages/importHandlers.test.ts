// The import channels end to end in Node: the real gate (schemas both ways), the real handlers
// and openWorkPackage, packages written with writeWorkPackage, trust from enrollment files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import { createGate } from '../../../src-shared/ipc/gate';
import {
  packagesChannels,
  UPLOAD_CHUNK_BYTES,
  type VerifiedPackage,
} from '../../../src-shared/ipc/packages';
import { planImport, refuseForeignIds } from '../../../src-shared/records/importPlan';
import type { IpcResult } from '../../../src-shared/ipc/result';
import type { MainContext } from '../../../src-main/ipc/context';
import { keysDir } from '../../../src-main/ipc/keyFiles';
import { packagesHandlers, uploadDirOf } from '../../../src-main/ipc/packages';
import { signingKeyFromPkcs8, type SigningKey } from '../../../src-main/services/crypto/ed25519';
import { signEnrollmentReply } from '../../../src-main/services/intake/intake';
import { importEnrollmentReply } from '../../../src-main/services/keys/enrollment';
import { trustForImporter } from '../../../src-main/services/packages/trust';
import { writeWorkPackage } from '../../../src-main/services/packages/write';
import { makeSigner } from '../bundles/factories';
import { makeKey, makeManifest, tempDir, type ManifestOptions } from './factory';
import { ScriptedDialogs } from '../../doubles/dialogs';

const REPO = path.resolve(__dirname, '../../..');
const RESOURCES = path.join(REPO, 'resources');
const ORIGIN = 'app://qihang';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
const DEMO_KEY = signingKeyFromPkcs8(
  new Uint8Array(
    Buffer.from(
      readFileSync(path.join(REPO, 'scripts/demo/demo-platform-key.pk8.b64'), 'utf8').trim(),
      'base64',
    ),
  ),
);

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const dialogs = new ScriptedDialogs();
  const ctx: MainContext = {
    version: '0.0.0-test',
    host: 'browser-harness',
    packaged: false,
    platform: process.platform,
    resourcesDir: RESOURCES,
    userDataDir: path.join(dir, 'userData'),
    dialogs,
    sealer: {
      isEncryptionAvailable: () => true,
      backend: () => 'test',
      encryptString: (s) => Buffer.from(s),
      decryptString: (b) => b.toString(),
    },
  };
  const gate = createGate(
    { packages: packagesChannels },
    { packages: packagesHandlers(ctx) },
    {
      allowedOrigin: ORIGIN,
    },
  );
  const call = async <T>(method: string, req: unknown): Promise<IpcResult<T>> =>
    (await gate.dispatch(`packages:${method}`, req, sender)) as IpcResult<T>;
  /** The extensions each open dialog offered, one string per dialog. */
  const asked = () => dialogs.asked.map((a) => a.filters.flatMap((f) => f.extensions).join(','));
  return { dir, ctx, dialogs, asked, call };
}

type Env = ReturnType<typeof setup>;
type Status = {
  phase: string;
  done: number;
  total: number;
  result?: { manifest: { packageId: string; version: number } };
  error?: { code: string; message: string; detail?: string };
};

async function writePkg(
  dir: string,
  name: string,
  key: SigningKey,
  options: ManifestOptions = {},
): Promise<string> {
  return (await writeFixture(dir, name, key, options)).outPath;
}

async function writeFixture(
  dir: string,
  name: string,
  key: SigningKey,
  options: ManifestOptions = {},
) {
  const fixture = makeManifest(options);
  const outPath = path.join(dir, name);
  const written = await writeWorkPackage({
    manifest: fixture.manifest,
    files: fixture.contents,
    signingKeys: [key],
    outPath,
  });
  if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
  return { outPath, fixture };
}

/** Pins `platformKey` for the profile, as importing the platform's enrollment reply does. */
async function enroll(env: Env, profileId: string, platformKey: SigningKey): Promise<void> {
  const ws = makeSigner();
  const text = signEnrollmentReply(
    {
      schemaVersion: 1,
      issuer: '管理平台',
      profileId,
      workstationKeyid: ws.keyid,
      issuedAt: '2026-01-02T00:00:00Z',
      platformKeys: [
        {
          keyid: platformKey.keyid,
          publicKey: bytesToBase64(platformKey.publicKeyRaw),
          notBefore: '2026-01-01T00:00:00Z',
          notAfter: '2099-01-01T00:00:00Z',
        },
      ],
    },
    [platformKey],
  );
  const dir = keysDir(env.ctx);
  await mkdir(dir, { recursive: true });
  const r = await importEnrollmentReply({
    dir,
    profileId,
    workstationKeyid: ws.keyid,
    text,
    expectedKeyid: platformKey.keyid,
  });
  if (!r.ok) throw new Error(r.message);
}

async function waitForEnd(env: Env, jobId: string): Promise<Status> {
  for (let i = 0; i < 2000; i++) {
    const s = await env.call<Status>('importStatus', { jobId });
    if (!s.ok) throw new Error(s.error.message);
    if (s.value.phase === 'done') {
      // The verified package is handed over by its own call, once; polls never carry it.
      expect(s.value).not.toHaveProperty('result');
      const taken = await env.call<NonNullable<Status['result']>>('takeImportResult', { jobId });
      if (!taken.ok) throw new Error(taken.error.message);
      return { ...s.value, result: taken.value };
    }
    if (['failed', 'cancelled'].includes(s.value.phase)) return s.value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('import job did not end');
}

async function openViaDialog(env: Env, pkg: string, importer: object): Promise<Status> {
  env.dialogs.answerNextOpen(pkg);
  const started = await env.call<{ jobId: string | null }>('chooseAndOpen', { importer });
  if (!started.ok) throw new Error(started.error.message);
  if (!started.value.jobId) throw new Error('no job');
  return waitForEnd(env, started.value.jobId);
}

async function upload(env: Env, importer: object, bytes: Uint8Array, chunk = 4096) {
  const begun = await env.call<{ jobId: string }>('beginUpload', {
    importer,
    fileName: 'dropped.qhpkg',
    size: bytes.length,
  });
  if (!begun.ok) throw new Error(begun.error.message);
  const { jobId } = begun.value;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const data = Buffer.from(bytes.subarray(offset, offset + chunk)).toString('base64');
    const r = await env.call('uploadChunk', { jobId, offset, data });
    if (!r.ok) throw new Error(r.error.message);
  }
  return jobId;
}

const uploadsLeft = (env: Env) =>
  existsSync(uploadDirOf(env.ctx)) ? readdirSync(uploadDirOf(env.ctx)) : [];

const normal = { profileId: 'p-normal', demo: false };
const demo = { profileId: 'p-demo', demo: true };

describe('which platform keys an import trusts', () => {
  it('tells a normal profile without enrollment to import the enrollment reply first, before any dialog', async () => {
    const env = setup();
    const r = await env.call('chooseAndOpen', { importer: normal });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
    if (!r.ok) expect(r.error.message).toContain('尚未完成平台注册');
    expect(env.asked()).toEqual([]);
  });

  it('refuses a package signed with the demo key for a normal, enrolled profile', async () => {
    const env = setup();
    await enroll(env, normal.profileId, makeKey());
    const pkg = await writePkg(env.dir, 'demo-signed.qhpkg', DEMO_KEY);
    const status = await openViaDialog(env, pkg, normal);
    expect(status.phase).toBe('failed');
    expect(status.error?.code).toBe('untrusted-signer');
    expect(status.error?.message).toContain('demo-signed.qhpkg');
    // The key id is for support (详情), not for the sentence.
    expect(status.error?.message).not.toMatch(/[0-9a-f]{8}/);
    expect(status.error?.detail).toContain(DEMO_KEY.keyid);
  });

  it('refuses the bundled demo package itself for a normal profile', async () => {
    const env = setup();
    await enroll(env, normal.profileId, makeKey());
    const status = await openViaDialog(env, path.join(RESOURCES, 'demo/demo.qhpkg'), normal);
    expect(status.error?.code).toBe('untrusted-signer');
  });

  it('accepts a demo-signed package for a demo profile, without any enrollment', async () => {
    const env = setup();
    const pkg = await writePkg(env.dir, 'demo-v2.qhpkg', DEMO_KEY, { version: 2 });
    const status = await openViaDialog(env, pkg, demo);
    expect(status.phase).toBe('done');
    expect(status.result?.manifest).toMatchObject({ version: 2 });
    expect(env.asked()).toEqual(['qhpkg']);
  });

  it('accepts a package signed with the platform key pinned at enrollment and reports progress to 100 %', async () => {
    const env = setup();
    const platform = makeKey();
    await enroll(env, normal.profileId, platform);
    const pkg = await writePkg(env.dir, 'haidian.qhpkg', platform, {
      classes: 2,
      fileBytes: 3 * 1024 * 1024,
    });
    const status = await openViaDialog(env, pkg, normal);
    expect(status.phase).toBe('done');
    expect(status.total).toBe(4 * 3 * 1024 * 1024);
    expect(status.done).toBe(status.total);
  });

  it('gives a normal profile exactly its enrolled keys and a demo profile the demo key as well', async () => {
    const env = setup();
    const platform = makeKey();
    await enroll(env, normal.profileId, platform);
    await enroll(env, demo.profileId, platform);
    const trust = (importer: typeof normal) =>
      trustForImporter({ importer, keysDir: keysDir(env.ctx), resourcesDir: RESOURCES });
    const forNormal = await trust(normal);
    const forDemo = await trust(demo);
    if (!forNormal.ok || !forDemo.ok) throw new Error('trust failed');
    expect([...forNormal.keys.keys()]).toEqual([platform.keyid]);
    expect([...forDemo.keys.keys()].sort()).toEqual([platform.keyid, DEMO_KEY.keyid].sort());
  });

  it('holds a profile to the demo flag it first asked with, and says so in Chinese', async () => {
    const env = setup();
    const trust = (importer: typeof normal) =>
      trustForImporter({ importer, keysDir: keysDir(env.ctx), resourcesDir: RESOURCES });
    expect(await trust(demo)).toMatchObject({ ok: true });
    expect(await trust({ ...normal, profileId: 'p-new' })).toMatchObject({
      ok: false,
      code: 'not-enrolled',
    });
    // The same ids with the other flag: a normal profile never gets the public demo key.
    const promoted = await trust({ ...normal, profileId: 'p-new', demo: true });
    expect(promoted).toMatchObject({ ok: false, code: 'profile-kind-changed' });
    if (!promoted.ok) expect(promoted.message).toContain('正式用户，不能改作演示用户');
    expect(await trust({ ...demo, demo: false })).toMatchObject({
      ok: false,
      code: 'profile-kind-changed',
    });
    expect(await trust(demo)).toMatchObject({ ok: true });
  });

  it('hands the bundled demo package only to a demo profile, and pins it as one', async () => {
    const env = setup();
    const refused = await env.call('loadDemo', { importer: normal });
    expect(refused).toMatchObject({ ok: false, error: { code: 'demo-for-normal-profile' } });
    const loaded = await env.call<{ manifest: { packageId: string } }>('loadDemo', {
      importer: demo,
    });
    expect(loaded.ok).toBe(true);
    // A profile that once had real packages cannot later call itself a demo profile for it.
    await trustForImporter({
      importer: { ...normal, profileId: 'p-real' },
      keysDir: keysDir(env.ctx),
      resourcesDir: RESOURCES,
    });
    const promoted = await env.call('loadDemo', {
      importer: { profileId: 'p-real', demo: true },
    });
    expect(promoted).toMatchObject({ ok: false, error: { code: 'profile-kind-changed' } });
  });

  it('refuses to decide trust when the record of profile kinds is damaged', async () => {
    const env = setup();
    mkdirSync(keysDir(env.ctx), { recursive: true });
    writeFileSync(path.join(keysDir(env.ctx), 'profile-kinds.json'), '{"p-x": "admin"}');
    const r = await trustForImporter({
      importer: demo,
      keysDir: keysDir(env.ctx),
      resourcesDir: RESOURCES,
    });
    expect(r).toMatchObject({ ok: false, code: 'profile-kinds-unreadable' });
  });

  it('answers a cancelled dialog with no job', async () => {
    const env = setup();
    const r = await env.call('chooseAndOpen', { importer: demo });
    expect(r).toEqual({ ok: true, value: { jobId: null } });
  });
});

describe('import jobs', () => {
  it('cancels a verification at once and reports it as cancelled, not failed', async () => {
    const env = setup();
    const pkg = await writePkg(env.dir, 'big.qhpkg', DEMO_KEY, {
      classes: 4,
      fileBytes: 4 * 1024 * 1024,
    });
    env.dialogs.answerNextOpen(pkg);
    const started = await env.call<{ jobId: string }>('chooseAndOpen', { importer: demo });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    expect(await env.call('cancelImport', { jobId })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    const status = await waitForEnd(env, jobId);
    expect(status.phase).toBe('cancelled');
    expect(status.result).toBeUndefined();
    expect(status.error?.message).toBe('已取消导入工作包“big.qhpkg”');
  });

  it('reports an unknown job in Chinese', async () => {
    const env = setup();
    const r = await env.call('importStatus', { jobId: 'f'.repeat(32) });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-job' } });
    if (!r.ok) expect(r.error.message).toMatch(/导入任务/);
  });
});

describe('dropped packages (uploaded in chunks)', () => {
  it('receives a package chunk by chunk, verifies it and removes the temporary file', async () => {
    const env = setup();
    const pkg = await writePkg(env.dir, 'drop.qhpkg', DEMO_KEY);
    const jobId = await upload(env, demo, new Uint8Array(readFileSync(pkg)));
    expect(uploadsLeft(env)).toHaveLength(1);
    expect(await env.call('finishUpload', { jobId })).toEqual({ ok: true, value: { jobId } });
    const status = await waitForEnd(env, jobId);
    expect(status.phase).toBe('done');
    expect(status.result?.manifest.packageId).toBe('PKG-2026-HD-01');
    await expect.poll(() => uploadsLeft(env)).toEqual([]);
  });

  it('refuses a dropped package with one byte changed and names the file at fault', async () => {
    const env = setup();
    const { outPath, fixture } = await writeFixture(env.dir, 'tampered.qhpkg', DEMO_KEY);
    const bytes = Buffer.from(readFileSync(outPath));
    // PDFs are stored, not deflated: find one file's bytes in the archive and change one.
    const [filePath, content] = [...fixture.contents][0]!;
    const at = bytes.indexOf(Buffer.from(content.subarray(0, 64)));
    expect(at).toBeGreaterThan(0);
    bytes[at + 10] = (bytes[at + 10] ?? 0) ^ 0x01;
    const jobId = await upload(env, demo, new Uint8Array(bytes));
    await env.call('finishUpload', { jobId });
    const status = await waitForEnd(env, jobId);
    expect(status.phase).toBe('failed');
    expect(status.error?.code).toBe('hash-mismatch');
    expect(status.error?.message).toContain('“dropped.qhpkg”');
    expect(status.error?.message).toContain(filePath);
    await expect.poll(() => uploadsLeft(env)).toEqual([]);
  });

  it('refuses chunks out of order and throws the partial upload away', async () => {
    const env = setup();
    const begun = await env.call<{ jobId: string }>('beginUpload', {
      importer: demo,
      fileName: 'x.qhpkg',
      size: 10,
    });
    if (!begun.ok) throw new Error(begun.error.message);
    const { jobId } = begun.value;
    const r = await env.call('uploadChunk', { jobId, offset: 5, data: 'AAAA' });
    expect(r).toMatchObject({ ok: false, error: { code: 'upload-out-of-order' } });
    expect((await waitForEnd(env, jobId)).phase).toBe('failed');
    await expect.poll(() => uploadsLeft(env)).toEqual([]);
  });

  it('refuses more bytes than declared, and finishing before all bytes arrived', async () => {
    const env = setup();
    const start = async () => {
      const b = await env.call<{ jobId: string }>('beginUpload', {
        importer: demo,
        fileName: 'x.qhpkg',
        size: 2,
      });
      if (!b.ok) throw new Error(b.error.message);
      return b.value.jobId;
    };
    const long = await start();
    expect(await env.call('uploadChunk', { jobId: long, offset: 0, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'upload-too-long' },
    });
    const short = await start();
    await env.call('uploadChunk', { jobId: short, offset: 0, data: 'AA==' });
    const r = await env.call('finishUpload', { jobId: short });
    expect(r).toMatchObject({ ok: false, error: { code: 'upload-incomplete' } });
    if (!r.ok) expect(r.error.message).toContain('1 / 2');
    await expect.poll(() => uploadsLeft(env)).toEqual([]);
  });

  it('cancels an upload half way and removes what had arrived', async () => {
    const env = setup();
    const jobId = await upload(env, demo, new Uint8Array(10_000).fill(7).subarray(0, 8192));
    // Declared 8192 and sent 8192: still "uploading" until finishUpload.
    expect(uploadsLeft(env)).toHaveLength(1);
    expect(await env.call('cancelImport', { jobId })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect((await waitForEnd(env, jobId)).phase).toBe('cancelled');
    await expect.poll(() => uploadsLeft(env)).toEqual([]);
    expect(await env.call('uploadChunk', { jobId, offset: 8192, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-job' },
    });
  });

  it('removes uploads left behind by an earlier run when a new one begins', async () => {
    const env = setup();
    const stale = path.join(uploadDirOf(env.ctx), 'c'.repeat(32));
    await mkdir(stale, { recursive: true });
    writeFileSync(path.join(stale, 'old.qhpkg'), 'partial');
    await upload(env, demo, new Uint8Array(16));
    expect(existsSync(stale)).toBe(false);
    expect(uploadsLeft(env)).toHaveLength(1);
  });

  it('checks the trust of the profile before accepting any bytes', async () => {
    const env = setup();
    const r = await env.call('beginUpload', { importer: normal, fileName: 'x.qhpkg', size: 10 });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
    expect(uploadsLeft(env)).toEqual([]);
  });

  it('refuses a chunk larger than the transport allows and data that is not base64', async () => {
    const env = setup();
    const jobId = 'a'.repeat(32);
    const tooBig = 'A'.repeat((Math.ceil(UPLOAD_CHUNK_BYTES / 3) + 1) * 4);
    for (const data of [tooBig, 'not base64!']) {
      const r = await env.call('uploadChunk', { jobId, offset: 0, data });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'data' } });
    }
  });
});

describe('package updates after a platform key rotation', () => {
  const window = { notBefore: '2026-01-01T00:00:00Z', notAfter: '2099-01-01T00:00:00Z' };
  const listedKey = (k: SigningKey) => ({
    keyid: k.keyid,
    publicKey: bytesToBase64(k.publicKeyRaw),
    ...window,
  });

  /** Applies one enrollment reply (first or rotation) for the same workstation key. */
  async function reply(
    env: Env,
    profileId: string,
    ws: ReturnType<typeof makeSigner>,
    r: { issuedAt: string; keys: SigningKey[]; signers: SigningKey[]; retire?: SigningKey[] },
  ) {
    const text = signEnrollmentReply(
      {
        schemaVersion: 1,
        issuer: '管理平台',
        profileId,
        workstationKeyid: ws.keyid,
        issuedAt: r.issuedAt,
        platformKeys: r.keys.map(listedKey),
        retireKeyIds: (r.retire ?? []).map((k) => k.keyid),
      },
      r.signers,
    );
    await mkdir(keysDir(env.ctx), { recursive: true });
    const applied = await importEnrollmentReply({
      dir: keysDir(env.ctx),
      profileId,
      workstationKeyid: ws.keyid,
      text,
      ...(r.issuedAt === '2026-01-02T00:00:00Z' ? { expectedKeyid: r.signers[0]!.keyid } : {}),
    });
    if (!applied.ok) throw new Error(applied.message);
  }

  type Verified = VerifiedPackage;
  async function verified(env: Env, key: SigningKey, version: number, importer: object) {
    const pkg = await writePkg(env.dir, `v${version}-${key.keyid.slice(0, 6)}.qhpkg`, key, {
      version,
    });
    const status = await openViaDialog(env, pkg, importer);
    if (status.phase !== 'done') throw new Error(status.error?.message ?? status.phase);
    return status.result as unknown as Verified;
  }

  const stored = (v: Verified) => ({
    packageId: v.manifest.packageId,
    version: v.manifest.version,
    envelopeHash: v.envelopeHash,
    signedBy: v.signedBy,
  });

  it('accepts v2 signed by the key the trusted old key announced, and still refuses other signers', async () => {
    const env = setup();
    const ws = makeSigner();
    const [k1, k2] = [makeKey(), makeKey()];
    await reply(env, normal.profileId, ws, {
      issuedAt: '2026-01-02T00:00:00Z',
      keys: [k1],
      signers: [k1],
    });
    const v1 = await verified(env, k1, 1, normal);
    expect(v1.signerPredecessors).toEqual([]);

    // Before the rotation, k2 is not trusted at all: its package does not even verify.
    const early = await openViaDialog(
      env,
      await writePkg(env.dir, 'early.qhpkg', k2, { version: 2 }),
      normal,
    );
    expect(early.phase).toBe('failed');

    // The platform rotates: a reply signed by the pinned k1 lists k2 and retires k1.
    await reply(env, normal.profileId, ws, {
      issuedAt: '2026-01-03T00:00:00Z',
      keys: [k2],
      signers: [k1, k2],
      retire: [k1],
    });
    const v2 = await verified(env, k2, 2, normal);
    expect(v2.signedBy).toEqual([k2.keyid]);
    expect(v2.signerPredecessors).toEqual([k1.keyid]);
    expect(planImport(v2, stored(v1))).toMatchObject({ action: 'update', toVersion: 2 });
    // The rows v1 owned may pass to the successor's package too.
    const owned = [{ table: 'trainees', id: 't', packageId: 'OTHER', ownerSignedBy: [k1.keyid] }];
    expect(refuseForeignIds(v2, owned)).toBeNull();
    // Without main's lineage the same package is another signer, as before.
    expect(planImport({ ...v2, signerPredecessors: [] }, stored(v1))).toMatchObject({
      action: 'refuse',
      code: 'other-signer',
    });
  });

  it('gives no lineage to a key pinned beside the first one, nor to the demo key', async () => {
    const env = setup();
    const ws = makeSigner();
    const [k1, k3] = [makeKey(), makeKey()];
    // Both keys pinned by the first reply: nothing vouched for k3 as k1's successor.
    await reply(env, demo.profileId, ws, {
      issuedAt: '2026-01-02T00:00:00Z',
      keys: [k1, k3],
      signers: [k1],
    });
    const v1 = await verified(env, k1, 1, demo);
    const byK3 = await verified(env, k3, 2, demo);
    expect(byK3.signerPredecessors).toEqual([]);
    expect(planImport(byK3, stored(v1))).toMatchObject({ action: 'refuse', code: 'other-signer' });
    // The public demo key, trusted by this demo profile, cannot take the package over either.
    const byDemo = await verified(env, DEMO_KEY, 2, demo);
    expect(byDemo.signerPredecessors).toEqual([]);
    expect(planImport(byDemo, stored(v1))).toMatchObject({
      action: 'refuse',
      code: 'other-signer',
    });
    const owned = [{ table: 'trainees', id: 't', packageId: 'OTHER', ownerSignedBy: [k1.keyid] }];
    expect(refuseForeignIds(byDemo, owned)).toMatchObject({ code: 'id-collision' });
  });
});
