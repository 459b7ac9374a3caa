// `npm run intake -- --package`: the operator names the work packages the platform issued, so
// the one-shot intake can tell whose signature a panel decision needs.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { bytesToBase64 } from '../../../src-shared/wire/envelope';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import { main as intakeMain } from '../../../src-main/cli/intake';
import { buildResultBundle } from '../../../src-main/services/bundles/build';
import { exportEnrollmentRequest } from '../../../src-main/services/keys/enrollment';
import type { Signer } from '../../../src-main/services/keys/signer';
import { writeWorkPackage } from '../../../src-main/services/packages/write';
import { makeSigner } from '../bundles/factories';
import { makeKey, makeManifest, tempDir } from '../packages/factory';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
afterEach(() => vi.restoreAllMocks());

const decision: ResultRecord = {
  id: 'pd-1',
  kind: 'panel-decision',
  createdAt: '2026-03-02T10:00:00+08:00',
  payload: { panelId: 'PNL-1', chairExpertId: 'EXP-1', action: 'decide', verdict: 'pass' },
};

async function bundleFile(name: string, signers: Signer[]) {
  const built = await buildResultBundle(
    {
      profileId: 'p-chair',
      counter: 1,
      previousBundleHash: null,
      auditLogHead: null,
      records: [decision],
    },
    signers,
  );
  if (!built.ok) throw new Error(built.message);
  const file = join(dir, name);
  await writeFile(file, built.bytes);
  return file;
}

describe('the intake CLI with the packages the platform issued', () => {
  it('accepts a decision co-signed by the listed chair and refuses one without, with the code', async () => {
    const messages: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((l: string) => void messages.push(l));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const station = makeSigner();
    const chair = makeSigner();
    const platform = makeKey();
    const fixture = makeManifest();
    fixture.manifest.records.experts = [
      {
        id: 'EXP-1',
        name: '李组长',
        keys: [{ keyid: chair.keyid, publicKey: bytesToBase64(chair.publicKeyRaw) }],
      },
    ];
    const pkg = join(dir, 'issued.qhpkg');
    const written = await writeWorkPackage({
      manifest: fixture.manifest,
      files: fixture.contents,
      signingKeys: [platform],
      outPath: pkg,
    });
    if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
    const keyFile = join(dir, 'platform.pub.b64');
    await writeFile(keyFile, bytesToBase64(platform.publicKeyRaw));
    const request = join(dir, 'request.json');
    await writeFile(
      request,
      exportEnrollmentRequest(
        station,
        { id: 'p-chair', name: '李组长', role: 'chair', district: '海淀区' },
        new Date(),
      ).text,
    );
    const data = join(dir, 'intake-data');
    const packages = ['--package', pkg, '--package-key', keyFile];
    expect(await intakeMain(['--data', data, '--enroll', request])).toBe(0);

    const alone = await bundleFile('alone.qhres', [station]);
    expect(await intakeMain(['--data', data, '--file', alone, ...packages])).toBe(1);
    expect(messages.join('\n')).toContain('拒收（chair-signature-missing）');

    const cosigned = await bundleFile('cosigned.qhres', [station, chair]);
    expect(await intakeMain(['--data', data, '--file', cosigned])).toBe(1);
    expect(await intakeMain(['--data', data, '--file', cosigned, ...packages])).toBe(0);

    // A package that does not verify with the given key is a usage error, not a silent skip.
    expect(await intakeMain(['--data', data, '--file', cosigned, '--package', pkg])).toBe(2);
  });
});
