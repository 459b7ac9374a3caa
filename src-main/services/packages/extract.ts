// Streams one file back out of a package that openWorkPackage already verified (to show a PDF
// or play a video). The package on disk may have changed since, so the hash is checked again
// while streaming and nothing unverified is left at the destination.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { packageErrors } from '../../../src-shared/records/packageErrors';
import type { PackageFile } from '../../../src-shared/records/records';
import { isPathInside } from '../../common/isPathInside';
import { asFailed, fail, PackageFailure, type Failed } from './failure';
import { resolveLimits, type PackageLimits } from './limits';
import { FILES_PREFIX } from './open';
import { unsafePathReason } from './paths';
import { openArchive, readCentralDirectory, requireCrc, streamEntry } from './zip';

/** What the caller knows from the verified manifest; the expected hash must come from there. */
export type ExpectedFile = Pick<PackageFile, 'path' | 'size' | 'sha256'>;

export interface ExtractOptions {
  limits?: Partial<PackageLimits>;
  signal?: AbortSignal;
}

const DEFAULT_MAX_READ_BYTES = 256 * 1024 * 1024;

// Reading a central directory costs a few asynchronous steps per entry: the demo package's 268
// entries took 140-230 ms on a loaded machine, paid again for every file the reader opened. A
// directory read and checked once is kept while its package file is unchanged (same device,
// inode, size and modification time, and the same limits); every read still hashes the bytes it
// streams, so a file changed behind the stamp can only fail the read, never pass it.
const KEPT_DIRECTORIES = 4;
const directories = new Map<string, { stamp: string; files: Map<string, Entry> }>();

async function stampOf(pkgPath: string, limits: PackageLimits): Promise<string | null> {
  try {
    const st = await stat(pkgPath, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${JSON.stringify(limits)}`;
  } catch {
    return null;
  }
}

/** The archive open for streaming and its entries by name: from the kept directory if current. */
async function directoryOf(
  pkgPath: string,
  pkg: string,
  limits: PackageLimits,
  signal?: AbortSignal,
): Promise<{ zip: ZipFile; files: Map<string, Entry> }> {
  const stamp = await stampOf(pkgPath, limits);
  const kept = directories.get(pkgPath);
  if (stamp && kept?.stamp === stamp)
    return { zip: await openArchive(pkgPath, pkg), files: kept.files };
  const cd = await readCentralDirectory(pkgPath, pkg, limits, signal);
  if (stamp) {
    directories.delete(pkgPath);
    directories.set(pkgPath, { stamp, files: cd.files });
    for (const old of directories.keys()) {
      if (directories.size <= KEPT_DIRECTORIES) break;
      directories.delete(old);
    }
  }
  return cd;
}

/** Streams the entry for `file` to `sink`, failing on any size or hash difference. */
async function streamVerified(
  pkgPath: string,
  file: ExpectedFile,
  limits: PackageLimits,
  sink: (chunk: Buffer) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const pkg = basename(pkgPath);
  const reason = unsafePathReason(file.path);
  if (reason) fail(packageErrors.unsafeManifestPath(pkg, file.path, reason));
  let zip: ZipFile | undefined;
  try {
    const cd = await directoryOf(pkgPath, pkg, limits, signal);
    zip = cd.zip;
    const entry = cd.files.get(FILES_PREFIX + file.path);
    if (!entry) fail(packageErrors.missingFile(pkg, file.path));
    if (entry.uncompressedSize !== file.size) {
      fail(packageErrors.sizeMismatch(pkg, file.path, file.size, entry.uncompressedSize));
    }
    const hash = createHash('sha256');
    const crcOk = await streamEntry(
      zip,
      entry,
      file.path,
      pkg,
      (chunk) => {
        hash.update(chunk);
        return sink(chunk);
      },
      signal,
    );
    if (hash.digest('hex') !== file.sha256) fail(packageErrors.hashMismatch(pkg, file.path));
    requireCrc(crcOk, pkg, FILES_PREFIX + file.path);
  } finally {
    zip?.close();
  }
}

function openForWrite(path: string, pkg: string): Promise<WriteStream> {
  const out = createWriteStream(path, { flags: 'wx' });
  return new Promise((resolve, reject) => {
    out.once('open', () => resolve(out));
    out.once('error', (e) => reject(new PackageFailure(packageErrors.ioError(pkg, e.message))));
  });
}

/** Resolves at once while the stream has room; otherwise when it drains (or fails on error). */
function writeChunk(out: WriteStream, chunk: Buffer, pkg: string): Promise<void> | undefined {
  if (out.write(chunk)) return undefined;
  return new Promise((resolve, reject) => {
    const onDrain = () => (out.off('error', onError), resolve());
    const onError = (e: Error) => (
      out.off('drain', onDrain),
      reject(new PackageFailure(packageErrors.ioError(pkg, e.message)))
    );
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

function finish(out: WriteStream, pkg: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', (e) => reject(new PackageFailure(packageErrors.ioError(pkg, e.message))));
    out.end(() => resolve());
  });
}

/**
 * Writes the verified file to `destDir/<file.path>` and returns its absolute path. The bytes go
 * to a temporary name first and are renamed only after the hash matched.
 */
export async function extractPackageFile(
  pkgPath: string,
  file: ExpectedFile,
  destDir: string,
  options: ExtractOptions = {},
): Promise<{ ok: true; path: string } | Failed> {
  const pkg = basename(pkgPath);
  let temp: string | undefined;
  try {
    const reason = unsafePathReason(file.path);
    if (reason) fail(packageErrors.unsafeManifestPath(pkg, file.path, reason));
    await mkdir(destDir, { recursive: true });
    const root = await realpath(destDir);
    const target = resolve(root, ...file.path.split('/'));
    if (!isPathInside(root, target)) fail(packageErrors.destinationEscape(pkg, file.path));
    await mkdir(dirname(target), { recursive: true });
    // A symlinked folder inside destDir could redirect the write; judge where it really lands.
    if (!isPathInside(root, resolve(await realpath(dirname(target)), basename(target)))) {
      fail(packageErrors.destinationEscape(pkg, file.path));
    }
    temp = `${target}.${randomBytes(6).toString('hex')}.part`;
    const out = await openForWrite(temp, pkg);
    try {
      await streamVerified(
        pkgPath,
        file,
        resolveLimits(options.limits),
        (chunk) => writeChunk(out, chunk, pkg),
        options.signal,
      );
      await finish(out, pkg);
    } finally {
      out.destroy();
    }
    await rename(temp, target);
    temp = undefined;
    return { ok: true, path: target };
  } catch (error) {
    return asFailed(error, pkg);
  } finally {
    if (temp) await rm(temp, { force: true });
  }
}

/** Reads one verified file into memory; refuses files larger than `maxBytes` (default 256 MiB). */
export async function readPackageFileBytes(
  pkgPath: string,
  file: ExpectedFile,
  options: ExtractOptions & { maxBytes?: number } = {},
): Promise<{ ok: true; bytes: Uint8Array } | Failed> {
  const pkg = basename(pkgPath);
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    if (file.size > maxBytes) fail(packageErrors.fileTooLarge(pkg, file.path, file.size, maxBytes));
    const bytes = new Uint8Array(file.size);
    let offset = 0;
    await streamVerified(
      pkgPath,
      file,
      resolveLimits(options.limits),
      (chunk) => {
        // The central directory size was checked, and yauzl enforces it, but never overrun.
        if (offset + chunk.length > bytes.length)
          fail(packageErrors.sizeMismatch(pkg, file.path, file.size, offset + chunk.length));
        bytes.set(chunk, offset);
        offset += chunk.length;
      },
      options.signal,
    );
    return { ok: true, bytes };
  } catch (error) {
    return asFailed(error, pkg);
  }
}
