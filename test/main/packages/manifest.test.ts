// A correctly signed manifest can still be unusable: a future format, repeated ids, unsafe or
// repeated paths, or a file list that does not match the archive.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkPackage } from '../../../src-main/services/packages';
import {
  envelopeBytes,
  makeKey,
  makeManifest,
  tempDir,
  trustOnly,
  writePackage,
  type PackageFixture,
} from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function pkgPath(name: string): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return join(dir, name);
}

async function openSigned(
  fixture: PackageFixture,
  manifest: unknown = fixture.manifest,
  extra?: Map<string, Uint8Array>,
  omit?: string[],
) {
  const key = makeKey();
  const path = pkgPath('signed.qhpkg');
  await writePackage(path, fixture, { key, envelope: envelopeBytes(manifest, [key]), extra, omit });
  return openWorkPackage(path, { trustedKeys: trustOnly(key) });
}

describe('openWorkPackage manifest checks', () => {
  it('refuses a manifest of another schema version with its own code naming the version', async () => {
    const fixture = makeManifest();

    const result = await openSigned(fixture, { ...fixture.manifest, schemaVersion: 5 });

    expect(result).toMatchObject({ ok: false, code: 'unsupported-schema-version' });
    expect(!result.ok && result.message).toContain('版本是 5');
  });

  it('accepts version 1 (no signed certificate records) and version 2 (with them)', async () => {
    const fixture = makeManifest();
    const v1 = await openSigned(fixture, { ...fixture.manifest, schemaVersion: 1 });
    expect(v1.ok).toBe(true);

    const records = {
      ...fixture.manifest.records,
      certificateNumbers: [
        {
          traineeId: 't-1-1',
          classId: 'c-1',
          program: 'basic' as const,
          number: 'BJJC-2025-000001',
          signedRecord: 'QHC1.abc.def.ghi',
        },
      ],
    };
    const v2 = await openSigned(fixture, { ...fixture.manifest, schemaVersion: 2, records });
    expect(v2.ok && v2.manifest.records.certificateNumbers[0]?.signedRecord).toBe(
      'QHC1.abc.def.ghi',
    );
  });

  it('accepts version 3 with clip capture times and keeps them', async () => {
    const fixture = makeManifest();
    const files = fixture.manifest.files.map((f, i) =>
      i === 0 ? { ...f, capturedAt: '2025-03-10T09:12:00+08:00' } : f,
    );
    const v3 = await openSigned(fixture, { ...fixture.manifest, schemaVersion: 3, files });
    expect(v3.ok && v3.manifest.files[0]?.capturedAt).toBe('2025-03-10T09:12:00+08:00');
  });

  it('accepts version 4 with hard-fail checks, commentBelow and attachments, and keeps them', async () => {
    const fixture = makeManifest();
    const base = fixture.manifest.records;
    const rubric = {
      id: 'rub-x',
      program: 'basic' as const,
      submissionKind: 'business-plan' as const,
      title: '创业计划书评审标准',
      passScore: 60,
      criteria: [{ id: 'c-a', label: '市场分析', maxScore: 100, commentBelow: 0.6 }],
      hardFails: [{ id: 'hf-copy', label: '抄袭' }],
    };
    const fileId = fixture.manifest.files[0]!.id;
    const records = {
      ...base,
      rubrics: [rubric],
      submissions: [
        {
          id: 'sub-x',
          traineeId: 't-1-1',
          classId: 'c-1',
          kind: 'business-plan' as const,
          title: '创业计划书',
          fileId,
          attachmentFileIds: [fileId],
          submittedAt: '2025-03-21T10:00:00+08:00',
        },
      ],
    };
    const v4 = await openSigned(fixture, { ...fixture.manifest, schemaVersion: 4, records });
    expect(v4.ok).toBe(true);
    if (!v4.ok) return;
    expect(v4.manifest.records.rubrics[0]).toMatchObject({
      hardFails: [{ id: 'hf-copy', label: '抄袭' }],
      criteria: [{ commentBelow: 0.6 }],
    });
    expect(v4.manifest.records.submissions[0]?.attachmentFileIds).toEqual([fileId]);
  });

  it('still reads a version 1 manifest, without the fields version 2 added', async () => {
    const fixture = makeManifest();

    const result = await openSigned(fixture, { ...fixture.manifest, schemaVersion: 1 });

    expect(result.ok).toBe(true);
    expect(result.ok && result.manifest.records.experts.every((e) => e.keys === undefined)).toBe(
      true,
    );
  });

  it('refuses a duplicate trainee id and names the kind and the id', async () => {
    const fixture = makeManifest({ traineesPerClass: 2 });
    const [first, second] = fixture.manifest.records.trainees;
    if (!first || !second) throw new Error('fixture needs two trainees');
    second.id = first.id;

    const result = await openSigned(fixture);

    expect(result).toMatchObject({ ok: false, code: 'duplicate-id' });
    expect(!result.ok && result.message).toContain(`学员编号 “${first.id}”`);
  });

  it('refuses a duplicate file id', async () => {
    const fixture = makeManifest({ traineesPerClass: 2 });
    const [a, b] = fixture.manifest.files;
    if (!a || !b) throw new Error('fixture needs two files');
    b.id = a.id;

    const result = await openSigned(fixture);

    expect(result).toMatchObject({ ok: false, code: 'duplicate-id' });
    expect(!result.ok && result.message).toContain('文件编号');
  });

  it('refuses a manifest field that breaks the schema and names the field', async () => {
    const fixture = makeManifest();
    const cls = fixture.manifest.records.classes[0];
    if (!cls) throw new Error('fixture needs a class');

    const result = await openSigned(fixture, {
      ...fixture.manifest,
      records: { ...fixture.manifest.records, classes: [{ ...cls, startDate: '2026/01/05' }] },
    });

    expect(result).toMatchObject({ ok: false, code: 'manifest-invalid' });
    expect(!result.ok && result.message).toContain('records.classes.0.startDate');
  });

  it('refuses a manifest that names a file absent from the archive', async () => {
    const fixture = makeManifest();
    const gone = fixture.manifest.files[0]?.path ?? '';

    const result = await openSigned(fixture, fixture.manifest, undefined, [gone]);

    expect(result).toMatchObject({ ok: false, code: 'missing-file' });
    expect(!result.ok && result.message).toContain(gone);
  });

  it('refuses an archive entry that the manifest does not list', async () => {
    const fixture = makeManifest();

    const result = await openSigned(
      fixture,
      fixture.manifest,
      new Map([['files/extra.exe', new Uint8Array([1, 2, 3])]]),
    );

    expect(result).toMatchObject({ ok: false, code: 'unexpected-entry' });
    expect(!result.ok && result.message).toContain('files/extra.exe');
  });

  it('refuses a signed manifest whose file path climbs out of the package', async () => {
    const fixture = makeManifest();
    const manifest = structuredClone(fixture.manifest);
    (manifest.files[0] as { path: string }).path = '../outside.pdf';

    const result = await openSigned(fixture, manifest);

    expect(result).toMatchObject({ ok: false, code: 'unsafe-manifest-path' });
    expect(!result.ok && result.message).toContain('../outside.pdf');
  });

  it('refuses two manifest files whose paths differ only in case', async () => {
    const fixture = makeManifest({ traineesPerClass: 2 });
    const manifest = structuredClone(fixture.manifest);
    const [a, b] = manifest.files;
    if (!a || !b) throw new Error('fixture needs two files');
    b.path = a.path.toUpperCase();

    const result = await openSigned(fixture, manifest);

    expect(result).toMatchObject({ ok: false, code: 'duplicate-path' });
  });

  it('refuses an archive entry whose size differs from the manifest', async () => {
    const fixture = makeManifest();
    const manifest = structuredClone(fixture.manifest);
    const file = manifest.files[0];
    if (!file) throw new Error('fixture needs a file');
    file.size += 1;

    const result = await openSigned(fixture, manifest);

    expect(result).toMatchObject({ ok: false, code: 'size-mismatch' });
    expect(!result.ok && result.message).toContain(file.path);
  });
});
