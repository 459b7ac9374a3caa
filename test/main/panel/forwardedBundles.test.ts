// Reviews forwarded by the platform inside a package update: each is the expert's own bundle,
// read back from the verified package store and checked against the expert's listed keys, so
// the platform's signature alone cannot make a review the expert did not sign.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import {
  FORWARDED_BUNDLE_MEDIA_TYPE,
  type WorkPackageManifest,
} from '../../../src-shared/records/records';
import type { MainContext } from '../../../src-main/ipc/context';
import { panelHandlers } from '../../../src-main/ipc/panel';
import { openWorkPackage } from '../../../src-main/services/packages';
import { keepVerifiedPackage, packageStoreDir } from '../../../src-main/services/packages/store';
import { writeWorkPackage } from '../../../src-main/services/packages/write';
import { firstBundle, makeReview, makeSigner } from '../bundles/factories';
import { makeKey, makeManifest, trustOnly } from '../packages/factory';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const listed = (expertId: string, signer: ReturnType<typeof makeSigner>) => ({
  expertId,
  keys: [{ keyid: signer.keyid, publicKey: bytesToBase64(signer.publicKeyRaw) }],
});

/** A package update forwarding these bundles, written, verified and kept as main keeps it. */
async function keptPackage(userData: string, bundles: { name: string; bytes: Uint8Array }[]) {
  const platform = makeKey();
  const fixture = makeManifest({ version: 2 });
  const m: WorkPackageManifest = fixture.manifest;
  m.schemaVersion = 3;
  m.records.forwardedBundles = [];
  for (const [i, b] of bundles.entries()) {
    const filePath = `forwarded/${b.name}`;
    fixture.contents.set(filePath, b.bytes);
    m.files.push({
      id: `FWD-${i + 1}`,
      path: filePath,
      size: b.bytes.byteLength,
      sha256: sha256(b.bytes),
      mediaType: FORWARDED_BUNDLE_MEDIA_TYPE,
      kind: 'other',
      external: false,
    });
    m.records.forwardedBundles.push({
      fileId: `FWD-${i + 1}`,
      expertId: 'EXP-1',
      panelId: 'PNL-1',
      receivedAt: '2026-03-02T10:00:00+08:00',
    });
  }
  const out = path.join(temp.sync('fwd-pkg-'), 'update.qhpkg');
  const written = await writeWorkPackage({
    manifest: m,
    files: fixture.contents,
    signingKeys: [platform],
    outPath: out,
  });
  if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
  const opened = await openWorkPackage(out, { trustedKeys: trustOnly(platform) });
  if (!opened.ok) throw new Error(opened.message);
  const kept = await keepVerifiedPackage(packageStoreDir(userData), out, opened);
  if (!kept.ok) throw new Error(kept.message);
  return { manifest: opened.manifest, out, platform, fixture };
}

const context = (userDataDir: string) => ({ userDataDir }) as MainContext;

describe('reviews forwarded by the platform in a package update', () => {
  it("verifies each forwarded bundle against the expert's listed key and refuses a forged one", async () => {
    const expert = makeSigner();
    const platformForged = makeSigner();
    const genuine = await firstBundle([expert], {
      profileId: 'p-expert',
      records: [makeReview(1), makeReview(2)],
    });
    // What a platform could make on its own: a bundle naming the expert, signed by another key.
    const forged = await firstBundle([platformForged], {
      profileId: 'p-expert',
      records: [makeReview(3)],
    });
    const userData = temp.sync('fwd-user-');
    const { manifest } = await keptPackage(userData, [
      { name: 'expert-1.qhres', bytes: genuine.bytes },
      { name: 'expert-1-forged.qhres', bytes: forged.bytes },
    ]);
    const files = manifest.files.filter((f) => f.mediaType === FORWARDED_BUNDLE_MEDIA_TYPE);

    const r = await panelHandlers(context(userData)).importForwarded({
      packageId: manifest.packageId,
      bundles: files.map((f) => ({ fileId: f.id, path: f.path, sha256: f.sha256 })),
      experts: [listed('EXP-1', expert)],
    });

    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [first, second] = r.value.results;
    expect(first).toMatchObject({
      ok: true,
      fileName: 'expert-1.qhres',
      bundleHash: genuine.bundleHash,
      signerExpertIds: ['EXP-1'],
    });
    expect(first?.ok && first.records.map((x) => x.id)).toEqual(['rev-1', 'rev-2']);
    expect(second).toMatchObject({
      ok: false,
      fileName: 'expert-1-forged.qhres',
      code: 'panel/unlisted-key',
    });
    // The key that signed it is for support (详情): it crosses the contract, not the sentence.
    expect(second?.ok === false && second.detail).toMatch(/[0-9a-f]{16}/);
    expect(second?.ok === false && second.message).not.toMatch(/[0-9a-f]{16}/);
  });

  it('answers for a file the store does not hold, without reading anything else', async () => {
    const userData = temp.sync('fwd-user-');
    const expert = makeSigner();
    const genuine = await firstBundle([expert], { profileId: 'p-expert' });
    const { manifest } = await keptPackage(userData, [{ name: 'e.qhres', bytes: genuine.bytes }]);
    const r = await panelHandlers(context(userData)).importForwarded({
      packageId: manifest.packageId,
      bundles: [{ fileId: 'FWD-9', path: 'forwarded/none.qhres', sha256: 'f'.repeat(64) }],
      experts: [listed('EXP-1', expert)],
    });
    expect(r).toMatchObject({
      ok: true,
      value: { results: [{ ok: false, fileName: 'none.qhres', code: 'panel/file-unknown' }] },
    });
  });

  it('refuses a package whose forwarded bundle is not a file inside it', async () => {
    const platform = makeKey();
    const fixture = makeManifest({ externalVideos: 1 });
    const m = fixture.manifest;
    m.records.forwardedBundles = [
      {
        fileId: 'VID-1',
        expertId: 'EXP-1',
        panelId: 'PNL-1',
        receivedAt: '2026-03-02T10:00:00+08:00',
      },
    ];
    const out = path.join(temp.sync('fwd-bad-'), 'bad.qhpkg');
    const written = await writeWorkPackage({
      manifest: m,
      files: new Map([...fixture.contents].filter(([p]) => !p.startsWith('media/'))),
      signingKeys: [platform],
      outPath: out,
    });
    if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
    const opened = await openWorkPackage(out, { trustedKeys: trustOnly(platform) });
    expect(opened).toMatchObject({ ok: false, code: 'manifest-invalid' });
    expect(!opened.ok && opened.message).toContain('records.forwardedBundles.0.fileId');
  });
});
