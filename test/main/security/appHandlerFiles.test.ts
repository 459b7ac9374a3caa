// The /files/<packageId>/<sha256> route of the app:// handler over a real verified package
// store: only bytes that match the signed manifest are sent, and every refusal is a typed error
// (code + zh-CN message naming the file) the viewer shows.
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHandler, type AppHandler } from '../../../src-main/security/appHandler';
import { buildCsp } from '../../../src-main/security/csp';
import { openWorkPackage } from '../../../src-main/services/packages/open';
import { keepVerifiedPackage, storedFileServer } from '../../../src-main/services/packages/store';
import { packageFileUrl } from '../../../src-shared/reader/fileUrl';
import {
  makeKey,
  makeManifest,
  tempDir,
  trustOnly,
  writePackage,
  type PackageFixture,
} from '../packages/factory';

const key = makeKey();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 7),
]);

/** Puts real bytes (and their hash) behind the manifest entry at `index`. */
function setFile(fixture: PackageFixture, index: number, bytes: Buffer, mediaType: string) {
  const file = fixture.manifest.files[index]!;
  Object.assign(file, { size: bytes.length, sha256: sha256(bytes), mediaType });
  fixture.contents.set(file.path, bytes);
  return file;
}

let dir: string;
let cleanup: () => void;
let storeDir: string;
let handle: AppHandler;
let fixture: PackageFixture;
const pkgId = 'PKG-READER-1';

const get = (url: string, headers: Record<string, string> = {}) =>
  handle(new Request(`app://qihang${url}`, { headers }));

/** The one package copy the store keeps for this package. */
const storedCopy = () => {
  const folder = readdirSync(storeDir)[0]!;
  const name = readdirSync(path.join(storeDir, folder)).find((n) => n.endsWith('.qhpkg'))!;
  return path.join(storeDir, folder, name);
};

async function importFixture(): Promise<void> {
  const source = path.join(dir, 'source.qhpkg');
  await writePackage(source, fixture, { key });
  const opened = await openWorkPackage(source, { trustedKeys: trustOnly(key) });
  if (!opened.ok) throw new Error(opened.message);
  const kept = await keepVerifiedPackage(storeDir, source, opened);
  if (!kept.ok) throw new Error(kept.message);
  // The store does not depend on the file the user chose.
  rmSync(source);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  storeDir = path.join(dir, 'package-store');
  fixture = makeManifest({ packageId: pkgId, classes: 1, traineesPerClass: 4, fileBytes: 300 });
  setFile(fixture, 0, PDF, 'application/pdf');
  setFile(fixture, 1, PNG, 'image/png');
  // File 2 keeps the factory's random bytes under application/pdf: a PDF in name only.
  setFile(fixture, 3, Buffer.from('月份,销售额\n2025-01,1200\n'), 'text/csv');
  await importFixture();
  handle = createAppHandler({
    routes: [{ prefix: '/', root: dir }],
    csp: buildCsp(),
    packageFiles: storedFileServer(storeDir),
  });
});
afterAll(() => cleanup());

const fileUrl = (i: number) => packageFileUrl(pkgId, fixture.manifest.files[i]!.sha256);
const errorOf = async (res: Response) => (await res.json()) as { code: string; message: string };

describe('the app:// files route', () => {
  it('sends a stored PDF whose bytes match the signed manifest, with its type and the CSP', async () => {
    const res = await get(fileUrl(0));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-security-policy')).toBe(buildCsp());
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('answers a Range request with exactly those bytes (206)', async () => {
    const res = await get(fileUrl(0), { range: 'bytes=1-4' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 1-4/${PDF.length}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('PDF-');
    expect((await get(fileUrl(0), { range: 'bytes=9999-' })).status).toBe(416);
  });

  it('serves images and CSV sheets under their own types', async () => {
    const png = await get(fileUrl(1));
    expect(png.headers.get('content-type')).toBe('image/png');
    const csv = await get(fileUrl(3));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('销售额');
  });

  it('refuses a file labelled PDF whose bytes are not a PDF (415 not-a-pdf)', async () => {
    const res = await get(fileUrl(2));
    expect(res.status).toBe(415);
    const error = await errorOf(res);
    expect(error.code).toBe('not-a-pdf');
    expect(error.message).toContain(fixture.manifest.files[2]!.path);
  });

  it('refuses a hash no stored package lists (404 file-unknown)', async () => {
    const res = await get(packageFileUrl(pkgId, 'a'.repeat(64)));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('file-unknown');
    const other = await get(packageFileUrl('PKG-NOT-HERE', fixture.manifest.files[0]!.sha256));
    expect((await errorOf(other)).code).toBe('file-unknown');
  });

  it('refuses addresses that are not a package id and a SHA-256, and never leaves the store', async () => {
    for (const url of [
      '/files/..%2F..%2Fsource.qhpkg/' + 'a'.repeat(64),
      `/files/${pkgId}/..%2F..%2Fsecret`,
      `/files/${pkgId}/${'A'.repeat(64)}`,
      `/files/${pkgId}`,
      `/files/${pkgId}/${'a'.repeat(64)}/more`,
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect((await errorOf(res)).code).toBe('bad-file-url');
    }
  });

  it('refuses a stored copy that was changed after import (409 hash-mismatch), naming the file', async () => {
    const tampered = Buffer.from(PDF);
    tampered[20] = tampered[20]! ^ 0xff;
    const file = fixture.manifest.files[0]!;
    // Same signed envelope, same size, other bytes: only the hash can tell.
    await writePackage(storedCopy(), fixture, {
      key,
      replace: new Map([[file.path, tampered]]),
    });
    const res = await get(fileUrl(0));
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('hash-mismatch');
    expect(error.message).toContain(file.path);
    // The other files of the package are still fine.
    expect((await get(fileUrl(1))).status).toBe(200);
  });

  it('reports a stored package that has gone missing (404 file-missing)', async () => {
    rmSync(storedCopy());
    const res = await get(fileUrl(1));
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.code).toBe('file-missing');
    expect(error.message).toContain(fixture.manifest.files[1]!.path);
    await importFixture();
    expect((await get(fileUrl(1))).status).toBe(200);
  });
});
