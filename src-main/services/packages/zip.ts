// The ZIP layer: opens a package with yauzl and judges its central directory before any entry
// data is read. Names are decoded here (decodeStrings off) so hostile names reach our own
// checks and error codes instead of yauzl's English exceptions.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstat, open as openFd, read } from 'node:fs';
import { crc32 } from 'node:zlib';
import { promisify } from 'node:util';
import {
  fromRandomAccessReader,
  getFileNameLowLevel,
  type Entry,
  type RandomAccessReader,
  type ZipFile,
} from 'yauzl';
import { packageErrors } from '../../../src-shared/records/packageErrors';
import { fail, PackageFailure, throwIfAborted } from './failure';
import type { PackageLimits } from './limits';
import { collisionKey, unsafePathReason } from './paths';
import { BufferReader, WindowedReader } from './reader';
import {
  checkLayout,
  checkZip64Need,
  extraFieldsOf,
  FLAG_UTF8,
  FLAGS_ALLOWED,
  FLAGS_ENCRYPTION,
  readAt,
  readLocalHeader,
  type LocalHeader,
} from './zipProfile';

export interface CentralDirectory {
  zip: ZipFile;
  /** Every entry by exact name: all are regular files (directory entries are refused). */
  files: Map<string, Entry>;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
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

/** A name as bytes we can show: UTF-8 where it is, \xNN for every other byte. */
function shownName(raw: Buffer): string {
  if (isUtf8(raw)) return raw.toString('utf8');
  return [...raw].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16)}`)).join('');
}

/**
 * Names are UTF-8 with general-purpose bit 11 set, or plain ASCII. Without the flag, tools
 * disagree (CP437, the system code page, or a guess), so a Chinese evidence path would be
 * one file to us and another to the platform.
 */
function checkNameEncoding(entry: Entry, pkg: string): void {
  const raw = entry.fileNameRaw;
  if (entry.generalPurposeBitFlag & FLAG_UTF8) {
    if (!isUtf8(raw)) fail(packageErrors.nameEncoding(pkg, shownName(raw), true));
  } else if (raw.some((b) => b >= 0x80)) {
    fail(packageErrors.nameEncoding(pkg, shownName(raw), false));
  }
}

/**
 * The local header in front of an entry's data must name the same file as the central
 * directory (and must not rename it either): tools that walk local headers would otherwise
 * unpack something other than what was checked.
 */
function checkLocalName(entry: Entry, local: LocalHeader, name: string, pkg: string) {
  if (!local.fileName.equals(entry.fileNameRaw)) {
    const shown = getFileNameLowLevel(entry.generalPurposeBitFlag, local.fileName, [], true);
    fail(packageErrors.localNameMismatch(pkg, name, shown));
  }
  const renamed = unicodePathRename(extraFieldsOf(local.extraField), name);
  if (renamed !== null) fail(packageErrors.unicodePathField(pkg, name, renamed));
}

const MSDOS_DIRECTORY = 0x10;

function checkEntry(entry: Entry, name: string, pkg: string, limits: PackageLimits): void {
  const renamed = unicodePathRename(entry.extraFields, name);
  if (renamed !== null) fail(packageErrors.unicodePathField(pkg, name, renamed));
  // Unix file type sits in the high 16 bits of the external attributes; anything other than a
  // regular file (directory, symlink, device, fifo) has no business in a package or bundle.
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (name.endsWith('/') || type === 0o040000 || entry.externalFileAttributes & MSDOS_DIRECTORY)
    fail(packageErrors.directoryEntry(pkg, name));
  if (type !== 0 && type !== S_IFREG) fail(packageErrors.symlink(pkg, name));
  const reason = unsafePathReason(name);
  if (reason) fail(packageErrors.unsafePath(pkg, name, reason));
  const flags = entry.generalPurposeBitFlag;
  if (flags & FLAGS_ENCRYPTION) fail(packageErrors.encryptedEntry(pkg, name));
  if (flags & ~FLAGS_ALLOWED) fail(packageErrors.unsupportedFlags(pkg, name, flags));
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    fail(packageErrors.unsupportedCompression(pkg, name, entry.compressionMethod));
  }
  checkZip64Need(entry, name, pkg);
  const size = entry.uncompressedSize;
  if (size > limits.maxFileBytes)
    fail(packageErrors.fileTooLarge(pkg, name, size, limits.maxFileBytes));
  if (size >= limits.ratioCheckMinBytes) {
    const ratio = size / Math.max(entry.compressedSize, 1);
    if (ratio > limits.maxCompressionRatio) {
      fail(packageErrors.compressionRatio(pkg, name, ratio, limits.maxCompressionRatio));
    }
  }
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
const END_RECORD = 0x06054b50;
const ZIP64_END_RECORD = 0x06064b50;

/**
 * What follows the last central-directory record the end record declared. Another record
 * means the declared count is smaller than the directory (`unzip -l` would list an entry we
 * never saw); anything else than an end record means bytes no reader accounts for. The end
 * record itself must agree with the directory that was read.
 */
async function checkEndRecord(
  zip: ZipFile,
  reader: RandomAccessReader,
  pkg: string,
  directoryStart: number,
) {
  const cursor = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const next = await readAt(reader, cursor, 4).catch(() => Buffer.alloc(0));
  const signature = next.length === 4 ? next.readUInt32LE(0) : -1;
  if (signature === CENTRAL_HEADER) fail(packageErrors.hiddenEntries(pkg, zip.entryCount));
  if (signature !== END_RECORD && signature !== ZIP64_END_RECORD)
    fail(packageErrors.endRecord(pkg, '中央目录与结尾记录之间有多余字节'));
  const eocd = await readAt(reader, zip.fileSize - 22 - zip.comment.length, 22);
  const size = eocd.readUInt32LE(12);
  const zip64 = signature === ZIP64_END_RECORD;
  if (!zip64 && size !== cursor - directoryStart)
    fail(packageErrors.endRecord(pkg, '记录的中央目录大小与实际不符'));
  const thisDisk = eocd.readUInt16LE(8);
  const total = eocd.readUInt16LE(10);
  if (thisDisk !== total) fail(packageErrors.endRecord(pkg, '本卷条目数与总条目数不同'));
  // ZIP64 end records only where 16/32-bit fields cannot hold the values.
  if (zip64 && zip.entryCount < 0xffff && cursor < 0xffffffff)
    fail(packageErrors.endRecord(pkg, '条目数和偏移都不需要 ZIP64 却使用了 ZIP64 结尾记录'));
}

/**
 * yauzl stops at a central record it cannot take. One it refuses by design (strong
 * encryption, flag bit 6) is named as what it is, from the record's own bytes; anything else
 * is a damaged archive.
 */
async function failOnRecord(zip: ZipFile, reader: RandomAccessReader, pkg: string): Promise<never> {
  const cursor = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const record = await readAt(reader, cursor, 46).catch(() => Buffer.alloc(0));
  if (record.length === 46 && record.readUInt32LE(0) === CENTRAL_HEADER) {
    const flags = record.readUInt16LE(8);
    if (flags & FLAGS_ENCRYPTION) {
      const raw = await readAt(reader, cursor + 46, record.readUInt16LE(28));
      fail(packageErrors.encryptedEntry(pkg, shownName(raw)));
    }
  }
  fail(packageErrors.corruptArchive(pkg));
}

/**
 * Opens the package and reads its whole central directory, refusing hostile structure. The
 * caller owns the returned ZipFile and must close it.
 */
/**
 * Opens the archive without reading its central directory: for streaming an entry whose record
 * was read and checked before (extract.ts keeps those while the package file is unchanged).
 */
export async function openArchive(path: string, pkg: string): Promise<ZipFile> {
  return (await openZip(path, pkg)).zip;
}

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
    const directoryStart = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const files = new Map<string, Entry>();
    const seen = new Set<string>();
    let total = 0;
    for (let i = 0; ; i++) {
      if (i % 256 === 0) throwIfAborted(signal, pkg);
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch {
        return await failOnRecord(zip, reader, pkg);
      }
      if (!entry) {
        await checkEndRecord(zip, reader, pkg, directoryStart);
        break;
      }
      checkNameEncoding(entry, pkg);
      const name = nameOf(entry);
      checkEntry(entry, name, pkg, limits);
      const key = collisionKey(name);
      if (seen.has(key)) fail(packageErrors.duplicateEntry(pkg, name));
      seen.add(key);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        fail(packageErrors.totalTooLarge(pkg, limits.maxTotalBytes));
      // The sum only grows: once it is over, the rest of the directory need not be read.
      checkArchiveRatio(total, zip.fileSize, pkg, limits);
      files.set(name, entry);
    }
    // Only headers are read here, never entry data: a local header and its data descriptor
    // must repeat the directory, and the entries must tile the archive up to the directory.
    const spans: { name: string; start: number; end: number }[] = [];
    let i = 0;
    for (const [name, entry] of files) {
      if (++i % 256 === 0) throwIfAborted(signal, pkg);
      const local = await readLocalHeader(reader, entry, name, pkg, zip.fileSize);
      checkLocalName(entry, local, name, pkg);
      spans.push({ name, start: entry.relativeOffsetOfLocalHeader, end: local.end });
    }
    checkLayout(spans, directoryStart, pkg);
    return { zip, files };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * Streams one entry's bytes to `onChunk` without holding them; if `onChunk` returns a promise,
 * reading pauses until it settles. yauzl's validateEntrySizes turns a lying size header into a
 * stream error, reported as a corrupt entry. Resolves with whether the data's CRC-32 equals the
 * directory's: the caller checks the signed SHA-256 first (a changed byte is then called
 * tampering, with the manifest's path) and the CRC with `requireCrc` after it.
 */
export async function streamEntry(
  zip: ZipFile,
  entry: Entry,
  name: string,
  pkg: string,
  onChunk: (chunk: Buffer) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<boolean> {
  throwIfAborted(signal, pkg);
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    fail(packageErrors.corruptEntry(pkg, name));
  }
  const source = stream;
  let crc = 0;
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
      crc = crc32(chunk, crc);
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
  // Sizes were checked by yauzl; the CRC-32 is ours to check, after the last byte.
  return crc === entry.crc32;
}

/** Refuses an entry whose data did not match its CRC-32 (`streamEntry`'s answer). */
export function requireCrc(matches: boolean, pkg: string, name: string): void {
  if (!matches) fail(packageErrors.crcMismatch(pkg, name));
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
      if (!(await streamEntry(zip, entry, name, name, (c) => void chunks.push(c)))) return null;
      return new Uint8Array(Buffer.concat(chunks));
    }
    return null;
  } catch {
    return null;
  } finally {
    zip.close();
  }
}
