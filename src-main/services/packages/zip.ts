// The ZIP layer: opens a package with yauzl and judges its central directory before any entry
// data is read. Names are decoded here (decodeStrings off) so hostile names reach our own
// checks and error codes instead of yauzl's English exceptions.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstat, open as openFd, read } from 'node:fs';
import { promisify } from 'node:util';
import {
  fromRandomAccessReader,
  getFileNameLowLevel,
  type Entry,
  type RandomAccessReader,
  type ZipFile,
} from 'yauzl';
import { packageErrors } from '../../../src-shared/bundle/packageErrors';
import { fail, PackageFailure, throwIfAborted } from './failure';
import type { PackageLimits } from './limits';
import { collisionKey, unsafePathReason } from './paths';
import { BufferReader, WindowedReader } from './reader';

export interface CentralDirectory {
  zip: ZipFile;
  /** Regular-file entries by exact name; directory entries are checked and then dropped. */
  files: Map<string, Entry>;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const STORED = 0;
const DEFLATED = 8;

const OPEN_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  decodeStrings: false,
};

/** Text, not a damaged archive: no ZIP signature, valid UTF-8 (a cut-off last character aside), no NUL. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  if (head[0] === 0x50 && head[1] === 0x4b) return false;
  for (let cut = 0; cut < 4 && cut < head.length; cut++)
    if (isUtf8(head.subarray(0, head.length - cut))) return true;
  return false;
}

/** A package or bundle on disk, or bytes already in memory. */
export type ZipSource = string | Uint8Array;

async function openFile(
  path: string,
  pkg: string,
): Promise<{ reader: WindowedReader; size: number; head: Buffer }> {
  let fd: number;
  try {
    // A raw descriptor, not a FileHandle: a FileHandle closes itself when garbage-collected,
    // which would pull the file out from under yauzl. The reader closes it.
    fd = await promisify(openFd)(path, 'r');
  } catch {
    fail(packageErrors.cannotOpen(pkg));
  }
  try {
    const stat = await promisify(fstat)(fd);
    if (!stat.isFile()) fail(packageErrors.cannotOpen(pkg));
    const head = Buffer.alloc(Math.min(stat.size, 4096));
    await promisify(read)(fd, head, 0, head.length, 0);
    return { reader: new WindowedReader(fd, stat.size), size: stat.size, head };
  } catch (error) {
    closeSync(fd);
    throw error instanceof PackageFailure
      ? error
      : new PackageFailure(packageErrors.cannotOpen(pkg));
  }
}

async function openZip(
  source: ZipSource,
  pkg: string,
): Promise<{ zip: ZipFile; reader: RandomAccessReader }> {
  let reader: RandomAccessReader;
  let size: number;
  let head: Buffer;
  if (typeof source === 'string') {
    ({ reader, size, head } = await openFile(source, pkg));
  } else {
    const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    reader = new BufferReader(bytes);
    size = bytes.length;
    head = bytes.subarray(0, 4096);
  }
  if (size === 0) {
    reader.close(() => undefined);
    fail(packageErrors.emptyFile(pkg));
  }
  return new Promise((resolve, reject) => {
    fromRandomAccessReader(reader, size, OPEN_OPTIONS, (error, zip) => {
      if (!error) return resolve({ zip, reader });
      // yauzl only releases the reader through a ZipFile, which never came to be.
      const why = looksLikeText(head)
        ? packageErrors.textFile(pkg)
        : packageErrors.corruptArchive(pkg);
      reader.close(() => reject(new PackageFailure(why)));
    });
  });
}

const UNICODE_PATH_FIELD = 0x7075;

function nameOf(entry: Entry): string {
  // The name in the header only: an Info-ZIP Unicode path field is a second name that some
  // tools use and others ignore, so one that disagrees is refused (below), never preferred.
  // strictFileNames keeps backslashes visible so that our path rule can refuse them.
  return getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, [], true);
}

/** The name a Unicode path extra field (version byte, CRC-32, UTF-8 name) would substitute. */
function unicodePathRename(fields: readonly { id: number; data: Buffer }[], name: string) {
  for (const field of fields) {
    if (field.id !== UNICODE_PATH_FIELD || field.data.length < 5) continue;
    const renamed = field.data.subarray(5).toString('utf8');
    if (renamed !== name) return renamed;
  }
  return null;
}

/** Splits a raw extra-field block into (id, data) records; a torn last record is dropped. */
function extraFieldsOf(block: Buffer): { id: number; data: Buffer }[] {
  const fields: { id: number; data: Buffer }[] = [];
  for (let at = 0; at + 4 <= block.length;) {
    const id = block.readUInt16LE(at);
    const size = block.readUInt16LE(at + 2);
    fields.push({ id, data: block.subarray(at + 4, Math.min(block.length, at + 4 + size)) });
    at += 4 + size;
  }
  return fields;
}

/**
 * The local header in front of an entry's data must name the same file as the central
 * directory (and must not rename it either): tools that walk local headers would otherwise
 * unpack something other than what was checked.
 */
async function checkLocalHeader(zip: ZipFile, entry: Entry, name: string, pkg: string) {
  let header;
  try {
    header = await zip.readLocalFileHeaderPromise(entry);
  } catch {
    fail(packageErrors.corruptEntry(pkg, name));
  }
  if (!header.fileName.equals(entry.fileNameRaw)) {
    const local = getFileNameLowLevel(entry.generalPurposeBitFlag, header.fileName, [], true);
    fail(packageErrors.localNameMismatch(pkg, name, local));
  }
  const renamed = unicodePathRename(extraFieldsOf(header.extraField), nameOf(entry));
  if (renamed !== null) fail(packageErrors.unicodePathField(pkg, name, renamed));
}

function checkEntry(
  entry: Entry,
  name: string,
  pkg: string,
  limits: PackageLimits,
): 'file' | 'directory' {
  const renamed = unicodePathRename(entry.extraFields, name);
  if (renamed !== null) fail(packageErrors.unicodePathField(pkg, name, renamed));
  const directory = name.endsWith('/');
  const reason = unsafePathReason(name, { directory });
  if (reason) fail(packageErrors.unsafePath(pkg, name, reason));
  // Unix file type sits in the high 16 bits of the external attributes; anything other than a
  // regular file or a directory (symlink, device, fifo) has no business in a package.
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) fail(packageErrors.symlink(pkg, name));
  if (entry.isEncrypted()) fail(packageErrors.encryptedEntry(pkg, name));
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    fail(packageErrors.unsupportedCompression(pkg, name, entry.compressionMethod));
  }
  if (directory || type === S_IFDIR) {
    if (entry.uncompressedSize !== 0) fail(packageErrors.corruptEntry(pkg, name));
    return 'directory';
  }
  const size = entry.uncompressedSize;
  if (size > limits.maxFileBytes)
    fail(packageErrors.fileTooLarge(pkg, name, size, limits.maxFileBytes));
  if (size >= limits.ratioCheckMinBytes) {
    const ratio = size / Math.max(entry.compressedSize, 1);
    if (ratio > limits.maxCompressionRatio) {
      fail(packageErrors.compressionRatio(pkg, name, ratio, limits.maxCompressionRatio));
    }
  }
  return 'file';
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (e: Error) => (cleanup(), reject(e));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Many entries each just under the per-entry threshold can still add up to a bomb. */
function checkArchiveRatio(total: number, fileSize: number, pkg: string, limits: PackageLimits) {
  const ratio = total / Math.max(fileSize, 1);
  if (total >= limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio)
    fail(packageErrors.archiveCompressionRatio(pkg, ratio, limits.maxCompressionRatio));
}

const CENTRAL_HEADER = 0x02014b50;

/**
 * yauzl reads as many central-directory records as the end record declares. If another
 * record follows the last one, the declared count is smaller than the directory: `unzip -l`
 * would list an entry we never saw.
 */
async function checkNothingHidden(zip: ZipFile, reader: RandomAccessReader, pkg: string) {
  const cursor = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const next = Buffer.alloc(4);
  // Past the end of the file means no record follows: the read errors and nothing is hidden.
  const got = await new Promise<boolean>((resolve) =>
    reader.read(next, 0, 4, cursor, (error: Error | null) => resolve(!error)),
  );
  if (got && next.readUInt32LE(0) === CENTRAL_HEADER)
    fail(packageErrors.hiddenEntries(pkg, zip.entryCount));
}

/**
 * Opens the package and reads its whole central directory, refusing hostile structure. The
 * caller owns the returned ZipFile and must close it.
 */
export async function readCentralDirectory(
  source: ZipSource,
  pkg: string,
  limits: PackageLimits,
  signal?: AbortSignal,
): Promise<CentralDirectory> {
  const { zip, reader } = await openZip(source, pkg);
  try {
    // The count comes from the end-of-central-directory record: refuse before reading any entry.
    if (zip.entryCount > limits.maxEntries)
      fail(packageErrors.tooManyEntries(pkg, zip.entryCount, limits.maxEntries));
    const files = new Map<string, Entry>();
    const seen = new Set<string>();
    let total = 0;
    for (let i = 0; ; i++) {
      if (i % 256 === 0) throwIfAborted(signal, pkg);
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch {
        fail(packageErrors.corruptArchive(pkg));
      }
      if (!entry) {
        await checkNothingHidden(zip, reader, pkg);
        break;
      }
      const name = nameOf(entry);
      const kind = checkEntry(entry, name, pkg, limits);
      const key = collisionKey(kind === 'directory' ? name.replace(/\/$/, '') : name);
      if (seen.has(key)) fail(packageErrors.duplicateEntry(pkg, name));
      seen.add(key);
      if (kind === 'directory') continue;
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        fail(packageErrors.totalTooLarge(pkg, limits.maxTotalBytes));
      // The sum only grows: once it is over, the rest of the directory need not be read.
      checkArchiveRatio(total, zip.fileSize, pkg, limits);
      files.set(name, entry);
    }
    return { zip, files };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * Streams one entry's bytes to `onChunk` without holding them; if `onChunk` returns a promise,
 * reading pauses until it settles. yauzl's validateEntrySizes
 * turns a lying size header into a stream error, reported as a corrupt entry.
 */
export async function streamEntry(
  zip: ZipFile,
  entry: Entry,
  name: string,
  pkg: string,
  onChunk: (chunk: Buffer) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  throwIfAborted(signal, pkg);
  await checkLocalHeader(zip, entry, name, pkg);
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    fail(packageErrors.corruptEntry(pkg, name));
  }
  const source = stream;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      source.destroy();
      reject(new PackageFailure(packageErrors.cancelled(pkg)));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (error?: PackageFailure) => {
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const failWith = (error: unknown) => {
      source.destroy();
      done(
        error instanceof PackageFailure
          ? error
          : new PackageFailure(packageErrors.corruptEntry(pkg, name)),
      );
    };
    source.on('data', (chunk: Buffer) => {
      try {
        const pending = onChunk(chunk);
        // A sink that returns a promise is full (a file being written): wait for it to drain.
        if (pending) {
          source.pause();
          pending.then(() => source.resume(), failWith);
        }
      } catch (error) {
        failWith(error);
      }
    });
    source.on('error', () => done(new PackageFailure(packageErrors.corruptEntry(pkg, name))));
    source.on('end', () => done());
  });
}

/**
 * The bytes of one named entry, read without judging the archive: only for routing (is this a
 * work package or a result bundle?), never for a verdict — the verifier that is then chosen
 * reads the archive again with every check. Null when the entry cannot be found or read.
 */
export async function peekEntry(
  path: string,
  name: string,
  maxBytes: number,
  maxEntries: number,
): Promise<Uint8Array | null> {
  let zip: ZipFile;
  try {
    ({ zip } = await openZip(path, name));
  } catch {
    return null;
  }
  try {
    for (let i = 0; i < maxEntries; i++) {
      const entry = await nextEntry(zip);
      if (!entry) return null;
      if (nameOf(entry) !== name) continue;
      if (entry.uncompressedSize > maxBytes) return null;
      const chunks: Buffer[] = [];
      await streamEntry(zip, entry, name, name, (c) => void chunks.push(c));
      return new Uint8Array(Buffer.concat(chunks));
    }
    return null;
  } catch {
    return null;
  } finally {
    zip.close();
  }
}
