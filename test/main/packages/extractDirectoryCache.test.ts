// The reader reads one file of a stored package per PDF it opens: the package's central directory
// is read once and kept while the file is unchanged, and every read still hashes its bytes.
import { openSync, readFileSync, renameSync, utimesSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readPackageFileBytes } from '../../../src-main/services/packages';
import * as zip from '../../../src-main/services/packages/zip';
import type { PackageFile } from '../../../src-shared/records/records';
import { makeKey, makeManifest, tempDir, writePackage, type PackageFixture } from './factory';

vi.mock('../../../src-main/services/packages/zip', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src-main/services/packages/zip')>();
  return { ...original, readCentralDirectory: vi.fn(original.readCentralDirectory) };
});
const directoryReads = () => vi.mocked(zip.readCentralDirectory).mock.calls.length;

const cleanups: (() => void)[] = [];
beforeEach(() => {
  vi.mocked(zip.readCentralDirectory).mockClear();
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dir(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

const fileOf = (fixture: PackageFixture, i = 0): PackageFile => fixture.manifest.files[i]!;
const bytesOf = (fixture: PackageFixture, file: PackageFile) =>
  Buffer.from(fixture.contents.get(file.path)!);
// A fixed modification time, so a rewrite in place can be given back the same stamp.
const FIXED = new Date('2024-01-02T03:04:05Z');

describe('readPackageFileBytes keeps a package central directory while the file is unchanged', () => {
  it('reads the directory once for several files of the same package', async () => {
    const fixture = makeManifest({ traineesPerClass: 3 });
    const path = join(dir(), 'pkg.qhpkg');
    await writePackage(path, fixture, { key: makeKey() });

    for (const file of [fileOf(fixture, 0), fileOf(fixture, 1), fileOf(fixture, 0)]) {
      const read = await readPackageFileBytes(path, file);
      if (!read.ok) throw new Error(read.message);
      expect(Buffer.from(read.bytes).equals(bytesOf(fixture, file))).toBe(true);
    }
    expect(directoryReads()).toBe(1);
  });

  it('reads it again when another package replaced the file at the same path', async () => {
    const folder = dir();
    const path = join(folder, 'pkg.qhpkg');
    const first = makeManifest({ packageId: 'PKG-A' });
    await writePackage(path, first, { key: makeKey() });
    expect((await readPackageFileBytes(path, fileOf(first))).ok).toBe(true);

    const second = makeManifest({ packageId: 'PKG-B', fileBytes: 3000 });
    await writePackage(join(folder, 'next.qhpkg'), second, { key: makeKey() });
    renameSync(join(folder, 'next.qhpkg'), path);
    const read = await readPackageFileBytes(path, fileOf(second));

    if (!read.ok) throw new Error(read.message);
    expect(Buffer.from(read.bytes).equals(bytesOf(second, fileOf(second)))).toBe(true);
    expect(directoryReads()).toBe(2);
  });

  it('still refuses bytes changed in place behind an unchanged stamp (the hash decides)', async () => {
    const fixture = makeManifest({ fileBytes: 4096 });
    const file = fileOf(fixture);
    const path = join(dir(), 'pkg.qhpkg');
    await writePackage(path, fixture, { key: makeKey() });
    utimesSync(path, FIXED, FIXED);
    expect((await readPackageFileBytes(path, file)).ok).toBe(true);

    // Stored without compression: the file's bytes sit in the archive as they are.
    const archive = readFileSync(path);
    const at = archive.indexOf(bytesOf(fixture, file).subarray(0, 64));
    expect(at).toBeGreaterThan(0);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([archive[at + 100]! ^ 0xff]), 0, 1, at + 100);
    closeSync(fd);
    utimesSync(path, FIXED, FIXED);

    expect(await readPackageFileBytes(path, file)).toMatchObject({
      ok: false,
      code: 'hash-mismatch',
    });
    expect(directoryReads()).toBe(1);
  });
});
