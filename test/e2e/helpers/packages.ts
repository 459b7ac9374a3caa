// Signed work packages a spec writes for itself: the factory's manifest, signed and zipped by the
// same writer the demo generator uses. The demo platform key is the one a demo profile trusts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signingKeyFromPkcs8, type SigningKey } from '../../../src-main/services/crypto/ed25519';
import { writeWorkPackage } from '../../../src-main/services/packages/write';
import { makeManifest, type ManifestOptions } from '../../main/packages/factory';
import { REPO_ROOT } from '../harness/server';
import type { WorkPackageManifest } from '../../../src-shared/records/records';

export const DEMO_KEY: SigningKey = signingKeyFromPkcs8(
  new Uint8Array(
    Buffer.from(
      readFileSync(path.join(REPO_ROOT, 'scripts/demo/demo-platform-key.pk8.b64'), 'utf8').trim(),
      'base64',
    ),
  ),
);

/**
 * Writes a package made from `options` to `outPath`, signed by `key`; returns its fixture.
 * `edit` changes the manifest before it is signed (a hostile title, a name with a NUL).
 */
export async function writeSignedPackage(
  outPath: string,
  options: ManifestOptions,
  key: SigningKey = DEMO_KEY,
  edit?: (manifest: WorkPackageManifest) => void,
): Promise<ReturnType<typeof makeManifest>> {
  const fixture = makeManifest(options);
  edit?.(fixture.manifest);
  const written = await writeWorkPackage({
    manifest: fixture.manifest,
    files: fixture.contents,
    signingKeys: [key],
    outPath,
  });
  if (!written.ok) throw new Error(written.errors.map((e) => e.message).join('; '));
  return fixture;
}
