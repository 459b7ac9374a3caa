import { describe, expect, it } from 'vitest';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { openReceipt } from '../../../src-main/services/bundles/receipts';
import {
  editEnvelope,
  enrollAt,
  flipPayloadByte,
  makePlatform,
  makeReviews,
  makeSigner,
} from '../bundles/factories';
import type { Signer } from '../../../src-main/services/keys/signer';

async function bundle(
  signer: Signer,
  counter: number,
  previousBundleHash: string | null,
  recordsFrom = 1,
  count = 2,
  profileId = 'p-1',
) {
  const b = await buildResultBundle(
    {
      profileId,
      counter,
      previousBundleHash,
      auditLogHead: null,
      records: makeReviews(count, recordsFrom),
    },
    [signer],
  );
  if (!b.ok) throw new Error(b.message);
  return b;
}

async function setup() {
  const platform = makePlatform();
  const signer = makeSigner();
  await enrollAt(platform, signer, 'p-1');
  return { platform, signer };
}

describe('bundles from demo profiles', () => {
  it('a real intake refuses a bundle whose signed manifest says demo, and stores nothing', async () => {
    const { platform, signer } = await setup();
    const demo = await buildResultBundle(
      {
        profileId: 'p-1',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(2),
        demo: true,
      },
      [signer],
    );
    if (!demo.ok) throw new Error(demo.message);
    expect(demo.manifest.demo).toBe(true);
    expect(demo.fileName.startsWith('演示-')).toBe(true);
    expect(await platform.intake.acceptBundle(demo.bytes)).toMatchObject({
      ok: false,
      status: 422,
      code: 'demo-bundle',
    });
    expect(await platform.intake.acknowledgedRecordIds('p-1')).toEqual([]);
    // The same records from the real profile go through: only the demo mark was refused.
    expect(await platform.intake.acceptBundle((await bundle(signer, 1, null)).bytes)).toMatchObject(
      { ok: true },
    );
  });

  it('a training intake that accepts demo bundles takes it', async () => {
    const platform = makePlatform(undefined, { acceptDemo: true });
    const signer = makeSigner();
    await enrollAt(platform, signer, 'p-1');
    const demo = await buildResultBundle(
      {
        profileId: 'p-1',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(1),
        demo: true,
      },
      [signer],
    );
    if (!demo.ok) throw new Error(demo.message);
    expect(await platform.intake.acceptBundle(demo.bytes)).toMatchObject({ ok: true });
  });
});

describe('reference intake', () => {
  it('accepts a chain of bundles and answers each with a receipt signed by the platform key', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null, 1);
    const r1 = await platform.intake.acceptBundle(b1.bytes);
    expect(r1).toMatchObject({ ok: true, duplicate: false });
    if (!r1.ok) return;
    const opened = openReceipt(r1.receiptText, platform.trust);
    expect(opened).toMatchObject({
      ok: true,
      receipt: {
        bundleId: b1.manifest.bundleId,
        bundleHash: b1.bundleHash,
        acceptedRecordIds: ['rev-1', 'rev-2'],
      },
    });
    const b2 = await bundle(signer, 2, b1.bundleHash, 3);
    expect(await platform.intake.acceptBundle(b2.bytes)).toMatchObject({ ok: true });
    expect(await platform.intake.acknowledgedRecordIds('p-1')).toEqual([
      'rev-1',
      'rev-2',
      'rev-3',
      'rev-4',
    ]);
  });

  it('stores a bundle posted twice once and answers both times with the same receipt', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null);
    const first = await platform.intake.acceptBundle(b1.bytes);
    const again = await platform.intake.acceptBundle(b1.bytes);
    expect(again).toMatchObject({ ok: true, duplicate: true });
    if (first.ok && again.ok) expect(again.receiptText).toBe(first.receiptText);
    expect(platform.storage.bundleFiles.size).toBe(1);
    expect(await platform.intake.acknowledgedRecordIds('p-1')).toEqual(['rev-1', 'rev-2']);
  });

  it('rejects a replayed bundle id that now carries different content', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null);
    await platform.intake.acceptBundle(b1.bytes);
    const forged = await buildResultBundle(
      {
        bundleId: b1.manifest.bundleId,
        profileId: 'p-1',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(3, 7),
      },
      [signer],
    );
    if (!forged.ok) throw new Error(forged.message);
    expect(await platform.intake.acceptBundle(forged.bytes)).toMatchObject({
      ok: false,
      status: 409,
      code: 'replayed',
    });
    expect(await platform.intake.acknowledgedRecordIds('p-1')).toEqual(['rev-1', 'rev-2']);
  });

  it('rejects an old counter reused by a new bundle as a replay', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null);
    await platform.intake.acceptBundle(b1.bytes);
    const b2 = await bundle(signer, 2, b1.bundleHash, 3);
    await platform.intake.acceptBundle(b2.bytes);
    const stale = await bundle(signer, 2, b1.bundleHash, 9);
    expect(await platform.intake.acceptBundle(stale.bytes)).toMatchObject({
      ok: false,
      status: 409,
      code: 'replayed',
    });
  });

  it('rejects a bundle that skips a counter and says which counter it expected', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null);
    await platform.intake.acceptBundle(b1.bytes);
    const b3 = await bundle(signer, 3, b1.bundleHash, 5);
    const r = await platform.intake.acceptBundle(b3.bytes);
    expect(r).toMatchObject({ ok: false, status: 409, code: 'out-of-order' });
    if (!r.ok) expect(r.message).toContain('期待序号 2');
  });

  it('rejects a bundle whose previous hash is not the last accepted bundle', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null);
    await platform.intake.acceptBundle(b1.bytes);
    const b2 = await bundle(signer, 2, 'c'.repeat(64), 3);
    expect(await platform.intake.acceptBundle(b2.bytes)).toMatchObject({
      ok: false,
      status: 409,
      code: 'out-of-order',
    });
  });

  it('rejects a bundle from a key that never enrolled with 403', async () => {
    const { platform } = await setup();
    const b1 = await bundle(makeSigner(), 1, null);
    expect(await platform.intake.acceptBundle(b1.bytes)).toMatchObject({
      ok: false,
      status: 403,
      code: 'unknown-key',
    });
  });

  it('rejects a bundle that one enrolled person signed in the name of another profile', async () => {
    const { platform } = await setup();
    const other = makeSigner();
    await enrollAt(platform, other, 'p-2');
    const b1 = await bundle(other, 1, null, 1, 2, 'p-1');
    expect(await platform.intake.acceptBundle(b1.bytes)).toMatchObject({
      ok: false,
      status: 403,
      code: 'signer-mismatch',
    });
  });

  it('rejects a tampered manifest with 422 and stores nothing', async () => {
    const { platform, signer } = await setup();
    const b1 = await bundle(signer, 1, null);
    const tampered = await editEnvelope(b1.bytes, (env) => flipPayloadByte(env, 40));
    expect(await platform.intake.acceptBundle(tampered)).toMatchObject({
      ok: false,
      status: 422,
      code: 'bad-signature',
    });
    expect(platform.storage.bundleFiles.size).toBe(0);
  });

  it('refuses an enrollment request whose signature does not match the key it enrolls', async () => {
    const platform = makePlatform();
    const a = makeSigner();
    const b = makeSigner();
    const { exportEnrollmentRequest } = await import('../../../src-main/services/keys/enrollment');
    const req = exportEnrollmentRequest(a, { id: 'p-1', name: '甲', role: 'expert', district: '' });
    const env = JSON.parse(req.text) as { signatures: { keyid: string; sig: string }[] };
    const other = JSON.parse(
      exportEnrollmentRequest(b, { id: 'p-1', name: '甲', role: 'expert', district: '' }).text,
    ) as typeof env;
    env.signatures = [{ keyid: env.signatures[0]!.keyid, sig: other.signatures[0]!.sig }];
    expect(await platform.intake.enroll(JSON.stringify(env))).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });
});

describe('reference intake on disk', () => {
  it('keeps enrolled keys, the chain and receipts across a restart', async () => {
    const { mkdtemp, readdir, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createIntake } = await import('../../../src-main/services/intake/intake');
    const { dirStorage } = await import('../../../src-main/services/intake/state');
    const { loadOrCreatePlatformKey } =
      await import('../../../src-main/services/intake/platformKey');
    const { exportEnrollmentRequest } = await import('../../../src-main/services/keys/enrollment');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qh-intake-'));
    const start = async () =>
      createIntake({
        platformKeys: [(await loadOrCreatePlatformKey(dir)).key],
        storage: dirStorage(dir),
      });

    const signer = makeSigner();
    const first = await start();
    await first.enroll(
      exportEnrollmentRequest(signer, { id: 'p-1', name: '甲', role: 'expert', district: '' }).text,
    );
    const b1 = await bundle(signer, 1, null);
    const r1 = await first.acceptBundle(b1.bytes);

    const second = await start();
    const again = await second.acceptBundle(b1.bytes);
    expect(again).toMatchObject({ ok: true, duplicate: true });
    if (r1.ok && again.ok) expect(again.receiptText).toBe(r1.receiptText);
    const b2 = await bundle(signer, 2, b1.bundleHash, 3);
    expect(await second.acceptBundle(b2.bytes)).toMatchObject({ ok: true, duplicate: false });
    expect(await second.acknowledgedRecordIds('p-1')).toEqual(['rev-1', 'rev-2', 'rev-3', 'rev-4']);
    expect(await readdir(path.join(dir, 'bundles'))).toHaveLength(2);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('reference intake enrollment', () => {
  it('refuses a second key for an enrolled profile unless the operator allows it', async () => {
    const { platform } = await setup();
    const intruder = makeSigner();
    const { exportEnrollmentRequest } = await import('../../../src-main/services/keys/enrollment');
    const req = exportEnrollmentRequest(intruder, {
      id: 'p-1',
      name: '冒名者',
      role: 'expert',
      district: '',
    }).text;
    expect(await platform.intake.enroll(req)).toMatchObject({
      ok: false,
      status: 409,
      code: 'profile-enrolled',
    });
    const forged = await bundle(intruder, 1, null);
    expect(await platform.intake.acceptBundle(forged.bytes)).toMatchObject({
      ok: false,
      code: 'unknown-key',
    });
    expect(await platform.intake.enroll(req, { allowAdditionalKey: true })).toMatchObject({
      ok: true,
    });
  });
});
