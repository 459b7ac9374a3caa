// Writes test inputs for the CLI: a JSON class file and a signed .qhpkg built from the same
// factory records the shared policy tests use.
import { writeFile } from 'node:fs/promises';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  WORK_PACKAGE_SCHEMA_VERSION,
  type PackageFile,
  type PackageRecords,
  type WorkPackageManifest,
} from '../../../src-shared/records/records';
import { generateSigningKey, signEnvelope } from '../../../src-main/services/crypto/ed25519';

export async function writeQhpkg(
  path: string,
  records: PackageRecords,
  files: PackageFile[],
  extra: { name: string; data: Buffer }[] = [],
): Promise<void> {
  const manifest: WorkPackageManifest = {
    schemaVersion: WORK_PACKAGE_SCHEMA_VERSION,
    packageId: 'PKG-TEST',
    version: 1,
    issuer: '北京市就业促进中心（测试）',
    district: '朝阳区',
    title: '测试工作包',
    createdAt: '2025-12-01T09:00:00+08:00',
    policyPackId: 'jrsnf-2023-25',
    records,
    files,
  };
  const payload = new TextEncoder().encode(JSON.stringify(manifest));
  const envelope = signEnvelope(PAYLOAD_TYPES.workPackage, payload, [generateSigningKey()]);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(envelope)), 'envelope.json');
  for (const e of extra) zip.addBuffer(e.data, e.name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value), 'utf8');
}
