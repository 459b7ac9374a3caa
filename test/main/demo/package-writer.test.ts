import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  emptyPackageRecords,
  workPackageManifestSchema,
} from '../../../src-shared/records/records';
import { generateSigningKey, verifyEnvelope } from '../../../src-main/services/crypto/ed25519';
import {
  writeWorkPackage,
  type PackageFileInput,
  type WorkPackageManifestInput,
} from '../../../src-main/services/packages/write';
import { readZip } from './zip';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

const key = generateSigningKey();
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function makeManifest(files: PackageFileInput[]): WorkPackageManifestInput {
  return {
    schemaVersion: 1,
    packageId: 'test-pkg',
    version: 1,
    issuer: '测试平台',
    district: '海淀区',
    title: '测试工作包',
    createdAt: '2025-06-01T09:00:00+08:00',
    policyPackId: 'jrsnf-2023-25',
    records: emptyPackageRecords(),
    files,
  };
}

function makeFile(path: string, extra: Partial<PackageFileInput> = {}): PackageFileInput {
  return {
    id: path.replace(/[^A-Za-z0-9]/g, '-'),
    path,
    mediaType: 'application/pdf',
    kind: 'business-plan',
    ...extra,
  };
}

const outPath = () => join(temp.sync('qhpkg-'), 'out.qhpkg');

describe('writeWorkPackage', () => {
  it('stores envelope.json first and each internal file under files/, filling in size and SHA-256', async () => {
    const dir = temp.sync('qhpkg-src-');
    const onDisk = join(dir, 'plan.pdf');
    writeFileSync(onDisk, 'disk bytes');
    const out = outPath();
    const result = await writeWorkPackage({
      manifest: makeManifest([
        makeFile('a/plan.pdf'),
        makeFile('b/table.csv', { mediaType: 'text/csv', kind: 'sales-table' }),
      ]),
      files: new Map<string, Uint8Array | string>([
        ['a/plan.pdf', onDisk],
        ['b/table.csv', new TextEncoder().encode('月份,销售额\n')],
      ]),
      signingKeys: [key],
      outPath: out,
    });
    expect(result.ok).toBe(true);
    const entries = await readZip(readFileSync(out));
    expect([...entries.keys()]).toEqual(['envelope.json', 'files/a/plan.pdf', 'files/b/table.csv']);
    const check = verifyEnvelope(
      JSON.parse(entries.get('envelope.json')!.toString('utf8')),
      PAYLOAD_TYPES.workPackage,
      new Map([[key.keyid, key.publicKeyRaw]]),
    );
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const manifest = workPackageManifestSchema.parse(
      JSON.parse(new TextDecoder().decode(check.payload)),
    );
    expect(manifest.files[0]).toMatchObject({
      size: 10,
      sha256: sha('disk bytes'),
      external: false,
    });
    expect(manifest.files[1]?.sha256).toBe(sha(entries.get('files/b/table.csv')!));
  });

  it('keeps external files out of the archive but records their stated hash', async () => {
    const out = outPath();
    const result = await writeWorkPackage({
      manifest: makeManifest([
        makeFile('media/big.webm', {
          mediaType: 'video/webm',
          kind: 'video',
          external: true,
          size: 5,
          sha256: sha('12345'),
        }),
      ]),
      files: new Map(),
      signingKeys: [key],
      outPath: out,
    });
    expect(result.ok && result.manifest.files[0]).toMatchObject({
      external: true,
      size: 5,
      sha256: sha('12345'),
    });
    expect([...(await readZip(readFileSync(out))).keys()]).toEqual(['envelope.json']);
  });

  it('refuses a file whose bytes do not match the hash the manifest states, naming the file', async () => {
    const result = await writeWorkPackage({
      manifest: makeManifest([makeFile('a/plan.pdf', { sha256: sha('other') })]),
      files: new Map([['a/plan.pdf', new Uint8Array([1, 2, 3])]]),
      signingKeys: [key],
      outPath: outPath(),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'hash-mismatch',
        message: expect.stringContaining('a/plan.pdf'),
      }),
    ]);
  });

  it('refuses unsafe paths, missing content and files the manifest does not list', async () => {
    const result = await writeWorkPackage({
      manifest: makeManifest([makeFile('../escape.pdf'), makeFile('a/missing.pdf')]),
      files: new Map([['a/extra.pdf', new Uint8Array([1])]]),
      signingKeys: [key],
      outPath: outPath(),
    });
    expect(result.ok ? [] : result.errors.map((e) => e.code).sort()).toEqual([
      'missing-file',
      'unlisted-file',
      'unsafe-path',
    ]);
  });

  it('writes byte-identical archives for identical input', async () => {
    const input = () => ({
      manifest: makeManifest([makeFile('a/plan.pdf')]),
      files: new Map([['a/plan.pdf', new TextEncoder().encode('same')]]),
      signingKeys: [key],
    });
    const [a, b] = [outPath(), outPath()];
    await writeWorkPackage({ ...input(), outPath: a });
    await writeWorkPackage({ ...input(), outPath: b });
    expect(sha(readFileSync(a))).toBe(sha(readFileSync(b)));
  });
});
