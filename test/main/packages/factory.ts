// Builds work packages for the tests: a manifest with real records and file hashes, a yazl
// writer for honest packages, and a raw ZIP writer for hostile ones (yazl itself refuses to
// write '..', absolute names or symlinks, which is exactly what the tests need to write).
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import type { PackageFile, WorkPackageManifest } from '../../../src-shared/records/records';
import {
  generateSigningKey,
  signEnvelope,
  type SigningKey,
  type TrustedKeys,
} from '../../../src-main/services/crypto/ed25519';

export interface PackageFixture {
  manifest: WorkPackageManifest;
  /** Bytes of every listed file by manifest path, external ones included. */
  contents: Map<string, Uint8Array>;
}

export interface ManifestOptions {
  classes?: number;
  traineesPerClass?: number;
  /** Size of each generated submission file. */
  fileBytes?: number;
  /** Session recordings marked external (travel beside the package). */
  externalVideos?: number;
  packageId?: string;
  version?: number;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function fileEntry(
  id: string,
  path: string,
  bytes: Uint8Array,
  extra: Partial<PackageFile> = {},
): PackageFile {
  return {
    id,
    path,
    size: bytes.length,
    sha256: sha256(bytes),
    mediaType: 'application/pdf',
    kind: 'business-plan',
    external: false,
    ...extra,
  };
}

export function makeManifest(options: ManifestOptions = {}): PackageFixture {
  const {
    classes = 1,
    traineesPerClass = 2,
    fileBytes = 2048,
    externalVideos = 0,
    packageId = 'PKG-2026-HD-01',
    version = 1,
  } = options;
  const contents = new Map<string, Uint8Array>();
  const m: WorkPackageManifest = {
    schemaVersion: 1,
    packageId,
    version,
    issuer: '北京市创业启航培训管理平台',
    district: '海淀区',
    title: '海淀区 2026 年第一批创业培训评审',
    createdAt: '2026-03-01T09:00:00+08:00',
    policyPackId: 'notice-2023-25',
    records: {
      organizers: [{ id: 'ORG-1', name: '海淀创业培训学校', district: '海淀区' }],
      classes: [],
      sessions: [],
      lecturers: [
        {
          id: 'LEC-1',
          name: '王老师',
          certificates: [{ type: 'beijing-startup-teacher', number: 'T-001' }],
          fullTime: true,
        },
      ],
      trainees: [],
      submissions: [],
      experts: [{ id: 'EXP-1', name: '李专家' }],
      panels: [{ id: 'PNL-1', name: '第一评审组', chairId: 'EXP-1', expertIds: ['EXP-1'] }],
      assignments: [],
      rubrics: [],
      certificateNumbers: [],
    },
    files: [],
  };
  for (let c = 1; c <= classes; c++) {
    const classId = `CLS-${c}`;
    const traineeIds: string[] = [];
    for (let t = 1; t <= traineesPerClass; t++) {
      const traineeId = `TRN-${c}-${t}`;
      traineeIds.push(traineeId);
      m.records.trainees.push({
        id: traineeId,
        name: `学员${c}-${t}`,
        gender: t % 2 ? 'F' : 'M',
        birthDate: '1998-05-01',
        idNumberMasked: '1101********0011',
        targetGroup: 'graduate',
        history: [],
      });
      const fileId = `FILE-${c}-${t}`;
      const path = `submissions/${classId}/${traineeId}.pdf`;
      const bytes = randomBytes(fileBytes);
      contents.set(path, bytes);
      m.files.push(fileEntry(fileId, path, bytes));
      m.records.submissions.push({
        id: `SUB-${c}-${t}`,
        traineeId,
        classId,
        kind: 'business-plan',
        title: `创业计划书 ${c}-${t}`,
        fileId,
        submittedAt: '2026-02-20T18:00:00+08:00',
      });
    }
    m.records.classes.push({
      id: classId,
      organizerId: 'ORG-1',
      program: 'basic',
      name: `创业启航基础班第${c}期`,
      district: '海淀区',
      venue: '中关村大街 1 号',
      startDate: '2026-01-05',
      endDate: '2026-01-20',
      lecturerIds: ['LEC-1'],
      traineeIds,
      marketTraineeCount: 0,
    });
  }
  for (let v = 1; v <= externalVideos; v++) {
    const path = `media/session-${v}.mp4`;
    const bytes = randomBytes(4096);
    contents.set(path, bytes);
    m.files.push(
      fileEntry(`VID-${v}`, path, bytes, { mediaType: 'video/mp4', kind: 'video', external: true }),
    );
  }
  return { manifest: m, contents };
}

export function makeKey(): SigningKey {
  return generateSigningKey();
}

export function trustOnly(...keys: SigningKey[]): TrustedKeys {
  return new Map(keys.map((k) => [k.keyid, k.publicKeyRaw]));
}

/** The envelope.json bytes for a manifest (or any payload), signed by `keys`. */
export function envelopeBytes(
  payload: unknown,
  keys: SigningKey[],
  payloadType: string = PAYLOAD_TYPES.workPackage,
): Buffer {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return Buffer.from(JSON.stringify(signEnvelope(payloadType, bytes, keys)));
}

export interface WriteOptions {
  key: SigningKey;
  /** Replace envelope.json entirely (or leave it out with null). */
  envelope?: Buffer | null;
  /** Bytes to store instead of the manifest's content for these paths (tampering after signing). */
  replace?: Map<string, Uint8Array>;
  /** Manifest paths not to store. */
  omit?: string[];
  /** Extra entries by ZIP name. */
  extra?: Map<string, Uint8Array>;
  compress?: boolean;
}

/** An honest package written with yazl; options let a test tamper with it afterwards. */
export function writePackage(
  path: string,
  fixture: PackageFixture,
  options: WriteOptions,
): Promise<void> {
  const zip = new ZipFile();
  const envelope =
    options.envelope === undefined
      ? envelopeBytes(fixture.manifest, [options.key])
      : options.envelope;
  const compress = options.compress ?? false;
  if (envelope) zip.addBuffer(envelope, 'envelope.json');
  for (const file of fixture.manifest.files) {
    if (file.external || options.omit?.includes(file.path)) continue;
    const bytes = options.replace?.get(file.path) ?? fixture.contents.get(file.path);
    if (!bytes) throw new Error(`fixture has no bytes for ${file.path}`);
    zip.addBuffer(Buffer.from(bytes), `files/${file.path}`, { compress });
  }
  for (const [name, bytes] of options.extra ?? []) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

export interface RawEntry {
  name: string;
  data?: Uint8Array;
  /** Deflate the data (method 8) instead of storing it. */
  deflate?: boolean;
  /** Unix mode in the high 16 bits of the external attributes, e.g. 0o120777 for a symlink. */
  unixMode?: number;
  /** Uncompressed size to claim in the headers (a lie, to test yauzl's size validation). */
  claimedSize?: number;
  /** A different name in the local header than in the central directory. */
  localName?: string;
  /** Extra-field bytes for the central directory record and for the local header. */
  extra?: Buffer;
  localExtra?: Buffer;
  /** The name's raw bytes (e.g. GBK), instead of `name` in UTF-8. */
  nameBytes?: Buffer;
  /** General-purpose flags in both headers (default 0x0800, UTF-8) and in the local one only. */
  flags?: number;
  localFlags?: number;
  /** A CRC-32 to claim in both headers instead of the real one, and in the local header only. */
  crc?: number;
  localCrc?: number;
  /** Compression method in the local header only. */
  localMethod?: number;
  /** Uncompressed size in the local header only. */
  localSize?: number;
  /** Sets bit 3, zeroes the local CRC and sizes and writes a descriptor after the data. */
  dataDescriptor?: { signature?: boolean; crc?: number };
  /** External attributes' low byte (MS-DOS attributes, 0x10 = directory). */
  dosAttributes?: number;
  /** Where the central directory says the local header is (default: where it was written). */
  offset?: number;
  /** Bytes written after this entry that no entry accounts for. */
  padAfter?: Buffer;
}

export interface RawZipOptions {
  /** Entry count written in the end record, if not the real one (a hidden-entry trick). */
  declaredCount?: number;
  /** Bytes before the first local header (offsets account for them). */
  prefix?: Buffer;
  /** Bytes between the central directory and the end record. */
  beforeEnd?: Buffer;
  /** Write ZIP64 end records even when nothing needs them. */
  zip64End?: boolean;
  /** Central directory size to claim in the end record. */
  declaredDirectorySize?: number;
}

/** An Info-ZIP Unicode path extra field (0x7075) naming `unicodeName` for the header name `name`. */
export function unicodePathField(name: string, unicodeName: string): Buffer {
  const utf8 = Buffer.from(unicodeName, 'utf8');
  const field = Buffer.alloc(4 + 5 + utf8.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + utf8.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(Buffer.from(name, 'utf8')), 5);
  utf8.copy(field, 9);
  return field;
}

// The same data deflated once: a corpus of a thousand identical zero-filled entries would
// otherwise spend seconds compressing the same megabyte.
const deflatedCache = new WeakMap<Uint8Array, Buffer>();
function deflated(data: Uint8Array): Buffer {
  let body = deflatedCache.get(data);
  if (!body) deflatedCache.set(data, (body = deflateRawSync(data)));
  return body;
}

/**
 * Writes a ZIP byte by byte: local headers, central directory, end record (ZIP64 when more
 * than 65,535 entries). Only what the tests need — no data descriptors, no comments.
 */
export function writeRawZip(path: string, entries: RawEntry[], options: RawZipOptions = {}): void {
  writeFileSync(path, rawZipBytes(entries, options));
}

export function rawZipBytes(entries: RawEntry[], options: RawZipOptions = {}): Buffer {
  const prefix = options.prefix ?? Buffer.alloc(0);
  const parts: Buffer[] = [prefix];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const e of entries) {
    const name = e.nameBytes ?? Buffer.from(e.name, 'utf8');
    const raw = Buffer.from(e.data ?? new Uint8Array(0));
    const body = e.deflate ? deflated(e.data ?? raw) : raw;
    const method = e.deflate ? 8 : 0;
    const size = e.claimedSize ?? raw.length;
    const crc = e.crc ?? crc32(raw);
    const dd = e.dataDescriptor;
    const flags = (e.flags ?? 0x0800) | (dd ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.localFlags ?? flags, 6);
    local.writeUInt16LE(e.localMethod ?? method, 8);
    if (!dd) {
      local.writeUInt32LE(e.localCrc ?? crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(e.localSize ?? size, 22);
    }
    const localName = e.localName === undefined ? name : Buffer.from(e.localName, 'utf8');
    const localExtra = e.localExtra ?? Buffer.alloc(0);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    parts.push(local, localName, localExtra, body);
    // Bytes after the data up to the next local header (descriptor, padding).
    let descriptorLength = 0;
    if (dd) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(dd.crc ?? crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(size, 12);
      const written = dd.signature === false ? descriptor.subarray(4) : descriptor;
      parts.push(written);
      descriptorLength = written.length;
    }
    if (e.padAfter) {
      parts.push(e.padAfter);
      descriptorLength += e.padAfter.length;
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    const extra = e.extra ?? Buffer.alloc(0);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(extra.length, 30);
    cd.writeUInt32LE((((e.unixMode ?? 0o100644) << 16) | (e.dosAttributes ?? 0)) >>> 0, 38);
    cd.writeUInt32LE(e.offset ?? offset, 42);
    central.push(cd, name, extra);
    offset += local.length + localName.length + localExtra.length + body.length + descriptorLength;
  }
  const cdOffset = offset;
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const tail: Buffer[] = [options.beforeEnd ?? Buffer.alloc(0)];
  const count = options.declaredCount ?? entries.length;
  if (count > 0xffff || options.zip64End) {
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeUInt16LE(45, 12);
    z64.writeUInt16LE(45, 14);
    z64.writeBigUInt64LE(BigInt(count), 24);
    z64.writeBigUInt64LE(BigInt(count), 32);
    z64.writeBigUInt64LE(BigInt(cdSize), 40);
    z64.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize + tail[0]!.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(z64, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(count, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(count, 0xffff), 10);
  eocd.writeUInt32LE(options.declaredDirectorySize ?? cdSize, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([...parts, ...central, ...tail, eocd]);
}

/** A fresh temporary folder and a function that removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qhpkg-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
