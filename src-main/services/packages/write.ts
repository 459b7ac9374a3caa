// Writes a signed work package (*.qhpkg): a ZIP whose first entry is envelope.json (the signed
// manifest) followed by files/<path> for every file that travels inside the package.
//
// Sizes and hashes: the writer always computes size and SHA-256 from the bytes it is given.
// A manifest entry may leave them out (they are filled in) or state them (they must match,
// else the write fails) — so a caller that hashed earlier cannot ship a stale manifest.
// External files (external: true) are not stored; they either state size + sha256 or are
// given a source in `files` only so that the writer can hash them.
//
// Output is deterministic for the same input: fixed entry order, fixed DOS timestamps (no
// extended-time field), fixed file modes, already-compressed media stored without deflate.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ZipFile } from 'yazl';
// yazl's CRC-32 is a JavaScript loop; this points it at Node's native one (see there).
import './yazlCrc';
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  workPackageManifestSchema,
  type PackageFile,
  type WorkPackageManifest,
} from '../../../src-shared/records/records';
import { signEnvelope, type SigningKey } from '../crypto/ed25519';
import { ENVELOPE_ENTRY, FILES_PREFIX } from './open';
import { collisionKey, unsafePathReason } from './paths';

export type PackageFileInput = Omit<PackageFile, 'size' | 'sha256' | 'external'> & {
  size?: number;
  sha256?: string;
  external?: boolean;
};

export type WorkPackageManifestInput = Omit<WorkPackageManifest, 'files'> & {
  files: PackageFileInput[];
};

/** Bytes in memory, or a string naming a file on disk (read as a stream, never held whole). */
export type FileSource = Uint8Array | string;

export interface WritePackageInput {
  manifest: WorkPackageManifestInput;
  files: ReadonlyMap<string, FileSource>;
  signingKeys: SigningKey[];
  outPath: string;
}

export interface PackageWriteError {
  code: string;
  message: string;
}

export type WritePackageResult =
  | { ok: true; manifest: WorkPackageManifest; size: number }
  | { ok: false; errors: PackageWriteError[] };

// Local-time constructor on purpose: ZIP DOS timestamps are local wall-clock fields, so this
// gives the same bytes in every time zone.
const FIXED_MTIME = new Date(2025, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const STORED_TYPES = [
  /^video\//,
  /^audio\//,
  /^image\/(png|jpeg|webp)$/,
  /^application\/(pdf|zip)$/,
];

async function digest(source: FileSource): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  if (typeof source !== 'string') {
    hash.update(source);
    return { size: source.length, sha256: hash.digest('hex') };
  }
  let size = 0;
  for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { size, sha256: hash.digest('hex') };
}

async function resolveFiles(
  input: WorkPackageManifestInput,
  sources: ReadonlyMap<string, FileSource>,
): Promise<{ files: PackageFile[]; errors: PackageWriteError[] }> {
  const errors: PackageWriteError[] = [];
  const files: PackageFile[] = [];
  const seenPaths = new Set<string>();
  const seenIds = new Set<string>();
  for (const f of input.files) {
    const unsafe = unsafePathReason(f.path);
    if (unsafe) {
      errors.push({
        code: 'unsafe-path',
        message: `文件 ${f.id} 的路径「${f.path}」不合法：${unsafe}`,
      });
      continue;
    }
    // The reader treats a.pdf / A.pdf as one file (case-insensitive disks), so must we.
    if (seenPaths.has(collisionKey(f.path)))
      errors.push({ code: 'duplicate-path', message: `文件路径「${f.path}」在清单中重复` });
    if (seenIds.has(f.id))
      errors.push({ code: 'duplicate-id', message: `文件编号 ${f.id} 在清单中重复` });
    seenPaths.add(collisionKey(f.path));
    seenIds.add(f.id);
    const external = f.external ?? false;
    const source = sources.get(f.path);
    let actual: { size: number; sha256: string } | undefined;
    if (source !== undefined) {
      try {
        actual = await digest(source);
      } catch (e) {
        errors.push({
          code: 'unreadable-file',
          message: `无法读取文件「${f.path}」：${(e as Error).message}`,
        });
        continue;
      }
    } else if (!external) {
      errors.push({ code: 'missing-file', message: `清单列出的文件「${f.path}」没有提供内容` });
      continue;
    }
    if (actual && f.sha256 !== undefined && f.sha256 !== actual.sha256) {
      errors.push({ code: 'hash-mismatch', message: `文件「${f.path}」的 SHA-256 与清单不符` });
    }
    if (actual && f.size !== undefined && f.size !== actual.size) {
      errors.push({
        code: 'size-mismatch',
        message: `文件「${f.path}」的大小 ${actual.size} 字节与清单的 ${f.size} 字节不符`,
      });
    }
    const size = actual?.size ?? f.size;
    const sha256 = actual?.sha256 ?? f.sha256;
    if (size === undefined || sha256 === undefined) {
      errors.push({
        code: 'external-unhashed',
        message: `外置文件「${f.path}」既未提供内容，也未在清单中写明大小和 SHA-256`,
      });
      continue;
    }
    files.push({ ...f, external, size, sha256 });
  }
  const listed = new Set(input.files.map((f) => f.path));
  for (const path of sources.keys()) {
    if (!listed.has(path))
      errors.push({ code: 'unlisted-file', message: `提供了文件「${path}」，但清单中没有它` });
  }
  return { files, errors };
}

// Streams to disk so large packages never sit in memory whole.
function zipToFile(zip: ZipFile, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    let size = 0;
    zip.outputStream.on('data', (c: Buffer) => (size += c.length));
    zip.outputStream.on('error', reject);
    zip.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => resolve(size));
    zip.outputStream.pipe(out);
  });
}

/** Builds, signs and writes the package; errors come back as values naming the file. */
export async function writeWorkPackage(input: WritePackageInput): Promise<WritePackageResult> {
  if (input.signingKeys.length === 0) {
    return {
      ok: false,
      errors: [{ code: 'no-signing-key', message: '未提供签名密钥，无法签发工作包' }],
    };
  }
  const { files, errors } = await resolveFiles(input.manifest, input.files);
  if (errors.length > 0) return { ok: false, errors };

  const parsed = workPackageManifestSchema.safeParse({ ...input.manifest, files });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        code: 'invalid-manifest',
        message: `清单字段 ${i.path.join('.') || '(根)'} 不合法：${i.message}`,
      })),
    };
  }
  const manifest = parsed.data;
  const payload = new TextEncoder().encode(JSON.stringify(manifest));
  const envelope = signEnvelope(PAYLOAD_TYPES.workPackage, payload, input.signingKeys);

  const zip = new ZipFile();
  const common = { mtime: FIXED_MTIME, mode: FILE_MODE, forceDosTimestamp: true };
  await mkdir(dirname(input.outPath), { recursive: true });
  const tmp = `${input.outPath}.partial`;
  const done = zipToFile(zip, tmp);
  zip.addBuffer(Buffer.from(JSON.stringify(envelope, null, 2), 'utf8'), ENVELOPE_ENTRY, {
    ...common,
    compress: true,
  });
  for (const f of manifest.files) {
    if (f.external) continue;
    const source = input.files.get(f.path);
    if (source === undefined) continue; // resolveFiles already refused this
    const compress = !STORED_TYPES.some((re) => re.test(f.mediaType));
    if (typeof source === 'string')
      zip.addFile(source, FILES_PREFIX + f.path, { ...common, compress });
    else zip.addBuffer(Buffer.from(source), FILES_PREFIX + f.path, { ...common, compress });
  }
  zip.end();
  let size: number;
  try {
    size = await done;
  } catch (e) {
    await rm(tmp, { force: true });
    return {
      ok: false,
      errors: [
        {
          code: 'write-failed',
          message: `写入工作包「${input.outPath}」失败：${(e as Error).message}`,
        },
      ],
    };
  }
  await rename(tmp, input.outPath);
  return { ok: true, manifest, size };
}
