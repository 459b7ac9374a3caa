// The parts of our ZIP profile (docs/formats.md, "ZIP profile") that yauzl does not enforce:
// every local header must say what the central directory says, entries must follow one another
// without gaps or overlaps, data descriptors must agree, and ZIP64 is used only where a value
// does not fit 32 bits. All of it is judged from headers, before any entry data is read: a
// reader that walks local headers (streaming unzip tools do) must see the archive we checked.
import type { Entry, RandomAccessReader } from 'yauzl';
import { packageErrors } from '../../../src-shared/records/packageErrors';
import { fail } from './failure';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const ZIP64_FIELD = 0x0001;
const MAX32 = 0xffffffff;
/** General-purpose bit 3: CRC and sizes follow the data in a data descriptor. */
export const FLAG_DATA_DESCRIPTOR = 0x0008;
/** General-purpose bit 11: the name is UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** Bits 0 (encrypted), 6 (strong encryption) and 13 (encrypted directory). */
export const FLAGS_ENCRYPTION = 0x0001 | 0x0040 | 0x2000;
/** What a writer may set: deflate level hints (1, 2), data descriptor (3), UTF-8 (11). */
export const FLAGS_ALLOWED = 0x0002 | 0x0004 | FLAG_DATA_DESCRIPTOR | FLAG_UTF8;

export function readAt(reader: RandomAccessReader, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  return new Promise<Buffer>((resolve, reject) =>
    reader.read(buffer, 0, length, position, (error: Error | null, got?: number) => {
      if (error) reject(error);
      else resolve(buffer.subarray(0, got ?? length));
    }),
  );
}

/** Splits a raw extra-field block into (id, data) records; a torn last record is dropped. */
export function extraFieldsOf(block: Buffer): { id: number; data: Buffer }[] {
  const fields: { id: number; data: Buffer }[] = [];
  for (let at = 0; at + 4 <= block.length;) {
    const id = block.readUInt16LE(at);
    const size = block.readUInt16LE(at + 2);
    fields.push({ id, data: block.subarray(at + 4, Math.min(block.length, at + 4 + size)) });
    at += 4 + size;
  }
  return fields;
}

/** ZIP64 only where a size or offset does not fit 32 bits (yauzl has already applied it). */
export function checkZip64Need(entry: Entry, name: string, pkg: string): void {
  if (!entry.extraFields.some((f) => f.id === ZIP64_FIELD)) return;
  const needed =
    entry.uncompressedSize >= MAX32 ||
    entry.compressedSize >= MAX32 ||
    entry.relativeOffsetOfLocalHeader >= MAX32;
  if (!needed) fail(packageErrors.zip64Misuse(pkg, name));
}

export interface LocalHeader {
  /** Raw name bytes and extra-field block, for the name checks the caller makes. */
  fileName: Buffer;
  extraField: Buffer;
  /** First byte after this entry: its data and, if it has one, its data descriptor. */
  end: number;
}

/** The sizes a local header (or its ZIP64 field) gives: 32-bit values unless escaped. */
function localSizes(head: Buffer, extra: Buffer) {
  let compressed = head.readUInt32LE(18);
  let uncompressed = head.readUInt32LE(22);
  const zip64 = extraFieldsOf(extra).find((f) => f.id === ZIP64_FIELD);
  // In a local header the ZIP64 field holds uncompressed then compressed size, each only
  // when the 32-bit field is escaped with 0xFFFFFFFF.
  let at = 0;
  if (zip64 && uncompressed === MAX32 && zip64.data.length >= at + 8) {
    uncompressed = Number(zip64.data.readBigUInt64LE(at));
    at += 8;
  }
  if (zip64 && compressed === MAX32 && zip64.data.length >= at + 8)
    compressed = Number(zip64.data.readBigUInt64LE(at));
  return { compressed, uncompressed, zip64: zip64 !== undefined };
}

/**
 * Reads and judges the local header (and data descriptor) of one entry against its central
 * directory record. Field names in the messages are the APPNOTE's, in Chinese.
 */
export async function readLocalHeader(
  reader: RandomAccessReader,
  entry: Entry,
  name: string,
  pkg: string,
  fileSize: number,
): Promise<LocalHeader> {
  const offset = entry.relativeOffsetOfLocalHeader;
  const head = offset + 30 <= fileSize ? await readAt(reader, offset, 30) : Buffer.alloc(0);
  if (head.length < 30 || head.readUInt32LE(0) !== LOCAL_HEADER)
    fail(packageErrors.corruptEntry(pkg, name));
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const dataStart = offset + 30 + nameLength + extraLength;
  if (dataStart + entry.compressedSize > fileSize) fail(packageErrors.corruptEntry(pkg, name));
  const tail = await readAt(reader, offset + 30, nameLength + extraLength);
  const fileName = tail.subarray(0, nameLength);
  const extraField = tail.subarray(nameLength);

  const mismatch = (field: string, local: number | string, central: number | string) =>
    fail(packageErrors.localHeaderMismatch(pkg, name, field, String(local), String(central)));
  const flags = head.readUInt16LE(6);
  if (flags !== entry.generalPurposeBitFlag)
    mismatch('通用标志位', hex(flags), hex(entry.generalPurposeBitFlag));
  const method = head.readUInt16LE(8);
  if (method !== entry.compressionMethod) mismatch('压缩方式', method, entry.compressionMethod);

  const crc = head.readUInt32LE(14);
  const sizes = localSizes(head, extraField);
  const deferred = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
  let end = dataStart + entry.compressedSize;
  if (!deferred || crc !== 0 || sizes.compressed !== 0 || sizes.uncompressed !== 0) {
    // Without a data descriptor the local values are the real ones; with one they may be zero
    // (a streaming writer did not know them yet) but, when given, must still be right.
    if (crc !== entry.crc32) mismatch('CRC-32', hex(crc), hex(entry.crc32));
    if (sizes.compressed !== entry.compressedSize)
      mismatch('压缩后大小', sizes.compressed, entry.compressedSize);
    if (sizes.uncompressed !== entry.uncompressedSize)
      mismatch('原始大小', sizes.uncompressed, entry.uncompressedSize);
  }
  if (deferred) end = await checkDataDescriptor(reader, entry, name, pkg, end, sizes.zip64);
  return { fileName, extraField, end };
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** The descriptor after the data: optional signature, CRC-32, then two sizes (8 bytes each under ZIP64). */
async function checkDataDescriptor(
  reader: RandomAccessReader,
  entry: Entry,
  name: string,
  pkg: string,
  at: number,
  zip64: boolean,
): Promise<number> {
  const width = zip64 ? 8 : 4;
  const bytes = await readAt(reader, at, 4 + 4 + 2 * width);
  const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DATA_DESCRIPTOR;
  const base = signed ? 4 : 0;
  const length = base + 4 + 2 * width;
  if (bytes.length < length) fail(packageErrors.dataDescriptorMismatch(pkg, name));
  const read = (o: number) =>
    width === 8 ? Number(bytes.readBigUInt64LE(o)) : bytes.readUInt32LE(o);
  const crc = bytes.readUInt32LE(base);
  const compressed = read(base + 4);
  const uncompressed = read(base + 4 + width);
  if (
    crc !== entry.crc32 ||
    compressed !== entry.compressedSize ||
    uncompressed !== entry.uncompressedSize
  )
    fail(packageErrors.dataDescriptorMismatch(pkg, name));
  return at + length;
}

/**
 * Entries must tile the archive from byte 0 up to the central directory: a gap can hide data
 * (a prepended stub, a second archive), and two records pointing into the same bytes are the
 * overlapping-entry zip bomb.
 */
export function checkLayout(
  spans: { name: string; start: number; end: number }[],
  centralDirectoryOffset: number,
  pkg: string,
): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let expected = 0;
  for (const span of sorted) {
    if (span.start !== expected)
      fail(packageErrors.entryLayout(pkg, span.name, span.start < expected ? 'overlap' : 'gap'));
    expected = span.end;
  }
  if (expected !== centralDirectoryOffset)
    fail(
      packageErrors.entryLayout(
        pkg,
        sorted.at(-1)?.name ?? '',
        expected > centralDirectoryOffset ? 'overlap' : 'gap',
      ),
    );
}
