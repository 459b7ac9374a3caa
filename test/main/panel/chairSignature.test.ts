// A panel decision speaks for the panel's chair: the reference intake and `npm run verify`
// accept it only with a signature of a key the work package lists for that chair, and the
// workstation signs a decision bundle with its profile key plus, where that is not the chair's
// listed key, the chair's (a demo profile's demo chair key).
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import type { WorkPackageManifest } from '../../../src-shared/records/records';
import { panelChairsOf } from '../../../src-shared/panel/chairSignature';
import { main as verifyMain, type VerifyJson } from '../../../src-main/cli/verify';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { createIntake } from '../../../src-main/services/intake/intake';
import { memoryStorage } from '../../../src-main/services/intake/state';
import { demoExpertKey } from '../../../src-main/services/keys/demoExpertKeys';
import { exportEnrollmentRequest } from '../../../src-main/services/keys/enrollment';
import { signerFromKey, type Signer } from '../../../src-main/services/keys/signer';
import { bundleSigners } from '../../../src-main/services/panel/chairSigners';
import { writeWorkPackage } from '../../../src-main/services/packages/write';
import { makeReviews, makeSigner, PLATFORM_WINDOW } from '../bundles/factories';
import { makeKey, makeManifest, tempDir } from '../packages/factory';
import { writeFile } from 'node:fs/promises';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
afterEach(() => vi.restoreAllMocks());

const keyOf = (s: Signer) => ({ keyid: s.keyid, publicKey: bytesToBase64(s.publicKeyRaw) });

/** A package whose panel PNL-1 is chaired by EXP-1 (keys given) with EXP-2 as a member. */
function packageWith(
  chairKeys: Signer[],
  memberKeys: Signer[],
  { manifest } = makeManifest(),
): WorkPackageManifest {
  manifest.schemaVersion = 3;
  manifest.records.experts = [
    { id: 'EXP-1', name: '李组长', keys: chairKeys.map(keyOf) },
    { id: 'EXP-2', name: '张专家', keys: memberKeys.map(keyOf) },
  ];
  manifest.records.panels = [
    { id: 'PNL-1', name: '第一评审组', chairId: 'EXP-1', expertIds: ['EXP-1', 'EXP-2'] },
  ];
  return manifest;
}

const decision: ResultRecord = {
  id: 'pd-1',
  kind: 'panel-decision',
  createdAt: '2026-03-02T10:00:00+08:00',
  payload: { panelId: 'PNL-1', chairExpertId: 'EXP-1', action: 'decide', verdict: 'pass' },
};

async function decisionBundle(signers: Signer[], profileId = 'p-chair') {
  const built = await buildResultBundle(
    {
      profileId,
      counter: 1,
      previousBundleHash: null,
      auditLogHead: null,
      records: [...makeReviews(1), decision],
    },
    signers,
  );
  if (!built.ok) throw new Error(built.message);
  return built;
}

async function intakeFor(profile: Signer, packages: WorkPackageManifest[]) {
  const intake = createIntake({
    platformKeys: [{ key: makeKey(), ...PLATFORM_WINDOW }],
    storage: memoryStorage(),
    now: () => new Date('2026-03-02T02:00:00Z'),
    workPackages: packages,
  });
  const req = exportEnrollmentRequest(
    profile,
    { id: 'p-chair', name: '李组长', role: 'chair', district: '海淀区' },
    new Date('2026-03-01T00:00:00Z'),
  );
  const enrolled = await intake.enroll(req.text);
  if (!enrolled.ok) throw new Error(enrolled.message);
  return { intake, requestText: req.text };
}

describe('the reference intake requires the chair’s signature on panel decisions', () => {
  it('accepts a decision bundle signed by the profile key and co-signed by the chair’s listed key', async () => {
    const station = makeSigner();
    const chair = makeSigner();
    const { intake } = await intakeFor(station, [packageWith([chair], [])]);
    const built = await decisionBundle([station, chair]);
    const r = await intake.acceptBundle(built.bytes);
    expect(r).toMatchObject({ ok: true, receipt: { acceptedRecordIds: ['rev-1', 'pd-1'] } });
  });

  it('accepts one signature when the platform listed the profile’s own key for the chair', async () => {
    const station = makeSigner();
    const { intake } = await intakeFor(station, [packageWith([station], [])]);
    expect(await intake.acceptBundle((await decisionBundle([station])).bytes)).toMatchObject({
      ok: true,
    });
  });

  it('refuses a decision bundle signed only by the profile key, with its own code', async () => {
    const station = makeSigner();
    const { intake } = await intakeFor(station, [packageWith([makeSigner()], [])]);
    const r = await intake.acceptBundle((await decisionBundle([station])).bytes);
    expect(r).toMatchObject({ ok: false, status: 403, code: 'chair-signature-missing' });
  });

  it('refuses a decision signed by a panel member who is not its chair', async () => {
    // A member expert's own workstation, its key listed for the member, sends a decision.
    const member = makeSigner();
    const { intake } = await intakeFor(member, [packageWith([makeSigner()], [member])]);
    const r = await intake.acceptBundle((await decisionBundle([member])).bytes);
    expect(r).toMatchObject({ ok: false, status: 403, code: 'chair-signature-missing' });
    // A member's listed key co-signing is no chair's key: only chairs' keys may co-sign at all.
    const station = makeSigner();
    const { intake: other } = await intakeFor(station, [packageWith([makeSigner()], [member])]);
    const cosigned = await other.acceptBundle((await decisionBundle([station, member])).bytes);
    expect(cosigned).toMatchObject({ ok: false, status: 403, code: 'unknown-key' });
  });

  it('refuses a decision for a panel of no package it issued', async () => {
    const station = makeSigner();
    const chair = makeSigner();
    const { intake } = await intakeFor(station, []);
    const r = await intake.acceptBundle((await decisionBundle([station, chair])).bytes);
    // The chair's key is unknown to an intake without the package.
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
    const { intake: knowsKey } = await intakeFor(station, [
      { ...packageWith([chair], []), packageId: 'OTHER' },
    ]);
    const moved = await decisionBundle([station, chair]);
    expect(await knowsKey.acceptBundle(moved.bytes)).toMatchObject({ ok: true });
    const other = { ...decision, payload: { ...decision.payload, panelId: 'PNL-9' } };
    const built = await buildResultBundle(
      {
        profileId: 'p-chair',
        counter: 2,
        previousBundleHash: moved.bundleHash,
        auditLogHead: null,
        records: [other],
      },
      [station, chair],
    );
    if (!built.ok) throw new Error(built.message);
    expect(await knowsKey.acceptBundle(built.bytes)).toMatchObject({
      ok: false,
      status: 422,
      code: 'unknown-panel',
    });
  });

  it('takes bundles without decisions as before, also signed by the profile key alone', async () => {
    const station = makeSigner();
    const { intake } = await intakeFor(station, [packageWith([makeSigner()], [])]);
    const built = await buildResultBundle(
      {
        profileId: 'p-chair',
        counter: 1,
        previousBundleHash: null,
        auditLogHead: null,
        records: makeReviews(2),
      },
      [station],
    );
    if (!built.ok) throw new Error(built.message);
    expect(await intake.acceptBundle(built.bytes)).toMatchObject({ ok: true });
  });
});

describe('who signs the chair’s bundle on the workstation', () => {
  const station = makeSigner();
  const chairsOf = (m: WorkPackageManifest) => panelChairsOf(m.packageId, m.records);

  it('signs with the profile key alone when it is the chair’s listed key', () => {
    const r = bundleSigners([decision], chairsOf(packageWith([station], [])), station, false);
    expect(r.ok && r.signers.map((s) => s.keyid)).toEqual([station.keyid]);
  });

  it('co-signs with the demo chair’s key in a demo profile', () => {
    const demoChair = signerFromKey(demoExpertKey('EXP-1'));
    const chairs = chairsOf(packageWith([demoChair], []));
    const r = bundleSigners([decision], chairs, station, true);
    expect(r.ok && r.signers.map((s) => s.keyid)).toEqual([station.keyid, demoChair.keyid]);
    // A real profile never signs with a demo key.
    expect(bundleSigners([decision], chairs, station, false)).toMatchObject({
      ok: false,
      code: 'chair-key-missing',
    });
  });

  it('refuses to sign decisions it cannot have the chair sign, before anything is built', () => {
    const chairs = chairsOf(packageWith([makeSigner()], []));
    const r = bundleSigners([decision], chairs, station, false);
    expect(r).toMatchObject({ ok: false, code: 'chair-key-missing' });
    if (!r.ok) expect(r.message).toContain('李组长');
    expect(bundleSigners([decision], [], station, false)).toMatchObject({
      ok: false,
      code: 'unknown-panel',
    });
  });

  it('ignores a listed key whose keyid is not the hash of its bytes', () => {
    const m = packageWith([station], []);
    m.records.experts[0]!.keys = [
      { keyid: station.keyid, publicKey: keyOf(makeSigner()).publicKey },
    ];
    expect(bundleSigners([decision], chairsOf(m), station, false)).toMatchObject({
      ok: false,
      code: 'chair-key-missing',
    });
  });

  it('signs bundles without decisions with the profile key only', () => {
    const r = bundleSigners(makeReviews(2), [], station, false);
    expect(r.ok && r.signers).toEqual([station]);
  });
});

describe('npm run verify names both signers of a decision bundle', () => {
  it('reports the profile key and the chair’s key, and refuses the bundle without the chair', async () => {
    const platformKey = makeKey();
    const station = makeSigner();
    const chair = makeSigner();
    const fixture = makeManifest();
    const manifest = packageWith([chair], [], fixture);
    const { contents } = fixture;
    const pkg = join(dir, 'issued.qhpkg');
    const written = await writeWorkPackage({
      manifest,
      files: contents,
      signingKeys: [platformKey],
      outPath: pkg,
    });
    if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
    const keyFile = join(dir, 'platform.pub.b64');
    await writeFile(keyFile, bytesToBase64(platformKey.publicKeyRaw));
    const req = exportEnrollmentRequest(
      station,
      { id: 'p-chair', name: '李组长', role: 'chair', district: '海淀区' },
      new Date('2026-03-01T00:00:00Z'),
    );
    const reqFile = join(dir, 'chair-request.json');
    await writeFile(reqFile, req.text);
    const good = join(dir, 'cosigned.qhres');
    await writeFile(good, (await decisionBundle([station, chair])).bytes);
    const bad = join(dir, 'station-only.qhres');
    await writeFile(bad, (await decisionBundle([station])).bytes);

    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
    vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
    const args = ['--trust', keyFile, '--enrollment', reqFile, '--package', pkg];
    expect(await verifyMain([good, ...args])).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain(`签名人 ${station.keyid}：用户档案 p-chair 的登记密钥`);
    expect(text).toContain(`签名人 ${chair.keyid}：第一评审组组长李组长（EXP-1）的登记密钥`);

    lines.length = 0;
    expect(await verifyMain([bad, ...args, '--json'])).toBe(1);
    const answer = JSON.parse(lines.join('')) as VerifyJson;
    expect(answer).toMatchObject({ verdict: 'invalid', code: 'chair-signature-missing' });

    lines.length = 0;
    expect(await verifyMain([good, ...args, '--json'])).toBe(0);
    expect((JSON.parse(lines.join('')) as VerifyJson).ids).toMatchObject({
      signedBy: [station.keyid, chair.keyid],
      chairSignedBy: [chair.keyid],
    });
  });
});
