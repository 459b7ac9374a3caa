import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPackageFile, readPackageFileBytes } from '../../../src-main/services/packages';
import type { PackageFile } from '../../../src-shared/records/records';
import { makeKey, makeManifest, tempDir, writePackage, type PackageFixture } from './factory';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function packageOnDisk(fixture: PackageFixture, replace?: Map<string, Uint8Array>) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const path = join(dir, 'pkg.qhpkg');
  await writePackage(path, fixture, { key: makeKey(), replace, compress: true });
  return { dir, path };
}

function firstFile(fixture: PackageFixture): PackageFile {
  const file = fixture.manifest.files[0];
  if (!file) throw new Error('fixture has no file');
  return file;
}

function flipped(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  copy[0] = (copy[0] as number) ^ 0xff;
  return copy;
}

describe('extractPackageFile', () => {
  it('writes the verified file under the destination folder at its manifest path', async () => {
    const fixture = makeManifest({ fileBytes: 200_000 });
    const file = firstFile(fixture);
    const { dir, path } = await packageOnDisk(fixture);

    const result = await extractPackageFile(path, file, join(dir, 'out'));

    if (!result.ok) throw new Error(result.message);
    expect(result.path).toBe(join(dir, 'out', ...file.path.split('/')));
    expect(
      readFileSync(result.path).equals(Buffer.from(fixture.contents.get(file.path) as Uint8Array)),
    ).toBe(true);
  });

  it('leaves nothing behind when the bytes in the package no longer match the hash', async () => {
    const fixture = makeManifest();
    const file = firstFile(fixture);
    const { dir, path } = await packageOnDisk(
      fixture,
      new Map([[file.path, flipped(fixture.contents.get(file.path) as Uint8Array)]]),
    );
    const out = join(dir, 'out');

    const result = await extractPackageFile(path, file, out);

    expect(result).toMatchObject({ ok: false, code: 'hash-mismatch' });
    const folder = join(out, ...file.path.split('/').slice(0, -1));
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });

  it('refuses a path that would be written outside the destination folder', async () => {
    const fixture = makeManifest();
    const { dir, path } = await packageOnDisk(fixture);

    const result = await extractPackageFile(
      path,
      { ...firstFile(fixture), path: '../../escape.pdf' },
      join(dir, 'out'),
    );

    expect(result).toMatchObject({ ok: false, code: 'unsafe-manifest-path' });
    expect(existsSync(join(dir, 'escape.pdf'))).toBe(false);
  });

  it('reports a file that the package does not hold as missing', async () => {
    const fixture = makeManifest();
    const { dir, path } = await packageOnDisk(fixture);

    const result = await extractPackageFile(
      path,
      { ...firstFile(fixture), path: 'not/there.pdf' },
      join(dir, 'out'),
    );

    expect(result).toMatchObject({ ok: false, code: 'missing-file' });
  });
});

describe('readPackageFileBytes', () => {
  it('returns exactly the signed bytes of one file', async () => {
    const fixture = makeManifest();
    const file = firstFile(fixture);
    const { path } = await packageOnDisk(fixture);

    const result = await readPackageFileBytes(path, file);

    if (!result.ok) throw new Error(result.message);
    expect(
      Buffer.from(result.bytes).equals(Buffer.from(fixture.contents.get(file.path) as Uint8Array)),
    ).toBe(true);
  });

  it('refuses bytes that differ from the expected hash', async () => {
    const fixture = makeManifest();
    const file = firstFile(fixture);
    const { path } = await packageOnDisk(fixture);

    const result = await readPackageFileBytes(path, { ...file, sha256: '0'.repeat(64) });

    expect(result).toMatchObject({ ok: false, code: 'hash-mismatch' });
  });

  it('refuses a file larger than the caller allows in memory', async () => {
    const fixture = makeManifest({ fileBytes: 5000 });
    const { path } = await packageOnDisk(fixture);

    const result = await readPackageFileBytes(path, firstFile(fixture), { maxBytes: 4096 });

    expect(result).toMatchObject({ ok: false, code: 'file-too-large' });
  });

  it('refuses a package that was replaced by a truncated copy', async () => {
    const fixture = makeManifest();
    const { path } = await packageOnDisk(fixture);
    writeFileSync(path, readFileSync(path).subarray(0, 100));

    const result = await readPackageFileBytes(path, firstFile(fixture));

    expect(result).toMatchObject({ ok: false, code: 'corrupt-archive' });
  });
});
