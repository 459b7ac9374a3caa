// The verified package store: after a package passed openWorkPackage, main keeps a copy of it and
// the list of its files (path, size, SHA-256, type) from the signed manifest, so the reader can
// show a submission later without the original file. Nothing is trusted from the copy itself:
// every read streams the entry back through SHA-256 and compares it with the stored manifest
// list before a single byte is handed out (the copy on disk may be damaged or changed since).
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PackageFile, WorkPackageManifest } from '../../../src-shared/records/records';
import { readerFileErrors, type ReaderFileError } from '../../../src-shared/reader/fileErrors';
import { readPackageFileBytes } from './extract';

export const PACKAGE_STORE_FOLDER = 'package-store';
const INDEX_FILE = 'index.json';
/** The reader keeps a whole file in memory while it checks it; plans and sheets are far smaller. */
export const MAX_READER_FILE_BYTES = 64 * 1024 * 1024;

export const packageStoreDir = (userDataDir: string) =>
  path.join(userDataDir, PACKAGE_STORE_FOLDER);

interface StoredIndex {
  packageId: string;
  version: number;
  envelopeHash: string;
  /** File name of the kept package inside the package's folder. */
  packageFile: string;
  files: PackageFile[];
}

// Package ids may hold ':' (not allowed in Windows names): the folder is named by a hash of it.
const folderOf = (storeDir: string, packageId: string) =>
  path.join(storeDir, createHash('sha256').update(packageId).digest('hex').slice(0, 32));

/** Keeps a verified package (copied into the store) and its manifest's file list. */
export async function keepVerifiedPackage(
  storeDir: string,
  packagePath: string,
  verified: { manifest: WorkPackageManifest; envelopeHash: string },
): Promise<{ ok: true } | { ok: false; code: 'io-error'; message: string }> {
  const { manifest, envelopeHash } = verified;
  const folder = folderOf(storeDir, manifest.packageId);
  const packageFile = `${envelopeHash}.qhpkg`;
  try {
    await mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.${randomBytes(6).toString('hex')}.part`);
    await copyFile(packagePath, temp);
    await rename(temp, path.join(folder, packageFile));
    const index: StoredIndex = {
      packageId: manifest.packageId,
      version: manifest.version,
      envelopeHash,
      packageFile,
      files: manifest.files,
    };
    const indexTemp = path.join(folder, `.${randomBytes(6).toString('hex')}.json.part`);
    await writeFile(indexTemp, JSON.stringify(index));
    await rename(indexTemp, path.join(folder, INDEX_FILE));
    // Older versions of the same package are replaced, as the renderer replaces their records.
    for (const name of await readdir(folder)) {
      if (name !== packageFile && name !== INDEX_FILE)
        await rm(path.join(folder, name), { force: true });
    }
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      code: 'io-error',
      message: `保存已校验的工作包“${manifest.packageId}”到本机时出错：${(error as Error).message}`,
    };
  }
}

export type StoredFileRead =
  { ok: true; bytes: Uint8Array; file: PackageFile } | { ok: false; error: ReaderFileError };

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [...'%PDF-'].map((c) => c.charCodeAt(0));

/** PDF readers accept the header anywhere in the first KiB (PDF 32000-1 annex H.3, note 13). */
function looksLikePdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= limit; i++) if (PDF_MAGIC.every((b, j) => bytes[i + j] === b)) return true;
  return false;
}

/** Null when the bytes are what the manifest says they are, else why not. */
export function contentTypeProblem(file: PackageFile, bytes: Uint8Array): ReaderFileError | null {
  const type = file.mediaType.toLowerCase().split(';')[0]!.trim();
  if (type === 'application/pdf')
    return looksLikePdf(bytes) ? null : readerFileErrors.notPdf(file.path);
  if (type === 'image/png' && !startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return readerFileErrors.wrongType(file.path, file.mediaType);
  if (type === 'image/jpeg' && !startsWith(bytes, [0xff, 0xd8, 0xff]))
    return readerFileErrors.wrongType(file.path, file.mediaType);
  if (type === 'text/csv') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return readerFileErrors.wrongType(file.path, file.mediaType);
    }
  }
  return null;
}

async function readIndex(storeDir: string, packageId: string): Promise<StoredIndex | null> {
  try {
    const text = await readFile(path.join(folderOf(storeDir, packageId), INDEX_FILE), 'utf8');
    const index = JSON.parse(text) as StoredIndex;
    return index.packageId === packageId && Array.isArray(index.files) ? index : null;
  } catch {
    return null;
  }
}

/**
 * The bytes of the file with `sha256` in the stored package `packageId`, read back through the
 * same hash check as the import and matched against its declared type. Never throws.
 */
export async function readStoredFile(
  storeDir: string,
  packageId: string,
  sha256: string,
  options: { maxBytes?: number } = {},
): Promise<StoredFileRead> {
  const index = await readIndex(storeDir, packageId);
  const file = index?.files.find((f) => f.sha256 === sha256);
  if (!index || !file) return { ok: false, error: readerFileErrors.unknown(packageId, sha256) };
  if (file.external) return { ok: false, error: readerFileErrors.external(file.path) };
  const maxBytes = options.maxBytes ?? MAX_READER_FILE_BYTES;
  if (file.size > maxBytes)
    return { ok: false, error: readerFileErrors.tooLarge(file.path, file.size, maxBytes) };
  const packagePath = path.join(folderOf(storeDir, packageId), path.basename(index.packageFile));
  const read = await readPackageFileBytes(packagePath, file, { maxBytes });
  if (!read.ok) {
    switch (read.code) {
      case 'hash-mismatch':
      case 'size-mismatch':
      case 'corrupt-entry':
      case 'corrupt-archive':
        return { ok: false, error: readerFileErrors.hashMismatch(file.path) };
      case 'missing-file':
      case 'cannot-open':
        return { ok: false, error: readerFileErrors.missing(file.path, read.message) };
      default:
        return { ok: false, error: readerFileErrors.io(file.path, read.message) };
    }
  }
  const problem = contentTypeProblem(file, read.bytes);
  return problem ? { ok: false, error: problem } : { ok: true, bytes: read.bytes, file };
}

/** The app:// handler's `packageFiles` for a store folder (Electron and the harness alike). */
export function storedFileServer(storeDir: string) {
  return async (packageId: string, sha256: string) => {
    const read = await readStoredFile(storeDir, packageId, sha256);
    return read.ok
      ? { ok: true as const, bytes: read.bytes, mediaType: read.file.mediaType }
      : read;
  };
}
