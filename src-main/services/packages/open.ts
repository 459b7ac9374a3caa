// Opens a signed work package (*.qhpkg) and proves every byte of it before anything is
// imported. Order matters: ZIP structure first (cheap, from the central directory), then the
// signature over envelope.json, then the manifest, then every file streamed through SHA-256.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { packageErrors } from '../../../src-shared/records/packageErrors';
import type { PackageFile, WorkPackageManifest } from '../../../src-shared/records/records';
import { parsePolicyPack, type PolicyPack } from '../../../src-shared/policy/pack';
import type { TrustedKeys } from '../crypto/ed25519';
import { ExternalMediaLocator } from './external';
import { asFailed, fail, throwIfAborted, type Failed } from './failure';
import { resolveLimits, type PackageLimits } from './limits';
import { verifyManifest } from './manifest';
import { readCentralDirectory, requireCrc, streamEntry } from './zip';

export const ENVELOPE_ENTRY = 'envelope.json';
export const FILES_PREFIX = 'files/';
/** A pack is a few dozen KB of rule parameters; anything near this is not a pack. */
export const MAX_POLICY_PACK_BYTES = 1024 * 1024;

export interface ImportProgress {
  phase: 'files' | 'external';
  /**
   * Bytes verified so far, out of the files inside the package plus the external media that may
   * be on the media folders (one at its path or of its size). Media that are not attached add
   * nothing, so the bar does not sit far from its end and then jump.
   */
  bytesDone: number;
  bytesTotal: number;
  /** The manifest path being verified. */
  path: string;
}

export interface OpenPackageOptions {
  /** keyid → raw 32-byte Ed25519 public key of the platform keys this profile trusts. */
  trustedKeys: TrustedKeys;
  limits?: Partial<PackageLimits>;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Folders where media marked external may be found. */
  externalMediaDirs?: string[];
}

export type VerifiedFile = PackageFile &
  (
    | { location: 'package' }
    | { location: 'external'; externalPath: string }
    | { location: 'missing' }
  );

export type OpenPackageResult =
  | {
      ok: true;
      manifest: WorkPackageManifest;
      /** Hex SHA-256 of the signed manifest bytes (the envelope payload): equal means same content. */
      envelopeHash: string;
      signedBy: string[];
      files: VerifiedFile[];
      /** Policy packs shipped inside the package (files of kind 'policy-pack'), validated. */
      policyPacks: PolicyPack[];
    }
  | Failed;

async function readEnvelope(
  zip: ZipFile,
  entry: Entry,
  pkg: string,
  limits: PackageLimits,
  signal?: AbortSignal,
) {
  if (entry.uncompressedSize > limits.maxEnvelopeBytes) {
    fail(packageErrors.envelopeTooLarge(pkg, entry.uncompressedSize, limits.maxEnvelopeBytes));
  }
  const chunks: Buffer[] = [];
  const crcOk = await streamEntry(
    zip,
    entry,
    ENVELOPE_ENTRY,
    pkg,
    (c) => void chunks.push(c),
    signal,
  );
  requireCrc(crcOk, pkg, ENVELOPE_ENTRY);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Emits at most ~200 events per package plus a final exact 100 %, however many files it has. */
function progressReporter(total: number, onProgress: OpenPackageOptions['onProgress']) {
  const step = Math.max(1 << 20, Math.floor(total / 200));
  let done = 0;
  let reported = -1;
  let lastPhase: ImportProgress['phase'] = 'files';
  return {
    add(n: number, phase: ImportProgress['phase'], path: string) {
      done += n;
      lastPhase = phase;
      if (onProgress && (done - reported >= step || done === total)) {
        reported = done;
        onProgress({ phase, bytesDone: done, bytesTotal: total, path });
      }
    },
    finish(path: string) {
      if (onProgress && reported !== done)
        onProgress({ phase: lastPhase, bytesDone: done, bytesTotal: total, path });
    },
  };
}

export async function openWorkPackage(
  path: string,
  options: OpenPackageOptions,
): Promise<OpenPackageResult> {
  const pkg = basename(path);
  const limits = resolveLimits(options.limits);
  const { signal } = options;
  let zip: ZipFile | undefined;
  try {
    throwIfAborted(signal, pkg);
    const cd = await readCentralDirectory(path, pkg, limits, signal);
    zip = cd.zip;

    const envelopeEntry = cd.files.get(ENVELOPE_ENTRY);
    if (!envelopeEntry) fail(packageErrors.unsigned(pkg));
    const envelopeBytes = await readEnvelope(zip, envelopeEntry, pkg, limits, signal);
    const { manifest, envelopeHash, signedBy } = verifyManifest(
      envelopeBytes,
      options.trustedKeys,
      pkg,
    );

    // Pair every entry with the manifest before reading data: strays and gaps fail fast.
    const inPackage = new Map<string, PackageFile>();
    for (const file of manifest.files)
      if (!file.external) inPackage.set(FILES_PREFIX + file.path, file);
    for (const name of cd.files.keys()) {
      if (name !== ENVELOPE_ENTRY && !inPackage.has(name))
        fail(packageErrors.unexpectedEntry(pkg, name));
    }
    for (const [name, file] of inPackage) {
      const entry = cd.files.get(name);
      if (!entry) fail(packageErrors.missingFile(pkg, file.path));
      if (entry.uncompressedSize !== file.size) {
        fail(packageErrors.sizeMismatch(pkg, file.path, file.size, entry.uncompressedSize));
      }
    }

    const locator = new ExternalMediaLocator(options.externalMediaDirs ?? [], pkg, signal);
    const external = manifest.files.filter((f) => f.external);
    const reachable = new Set<string>();
    for (const file of external) if (await locator.mayHave(file)) reachable.add(file.id);
    const progress = progressReporter(
      manifest.files.reduce((sum, f) => sum + (!f.external || reachable.has(f.id) ? f.size : 0), 0),
      options.onProgress,
    );
    const located = new Map<string, VerifiedFile>();
    const policyPacks: PolicyPack[] = [];
    for (const [name, file] of inPackage) {
      const hash = createHash('sha256');
      let size = 0;
      // A policy pack is small data the engine needs; keep its bytes while hashing them.
      const isPack = file.kind === 'policy-pack';
      if (isPack && file.size > MAX_POLICY_PACK_BYTES)
        fail(packageErrors.fileTooLarge(pkg, file.path, file.size, MAX_POLICY_PACK_BYTES));
      const packChunks: Uint8Array[] = [];
      const crcOk = await streamEntry(
        zip,
        cd.files.get(name) as Entry,
        file.path,
        pkg,
        (chunk) => {
          hash.update(chunk);
          size += chunk.length;
          if (isPack) packChunks.push(chunk);
          progress.add(chunk.length, 'files', file.path);
        },
        signal,
      );
      if (size !== file.size) fail(packageErrors.sizeMismatch(pkg, file.path, file.size, size));
      if (hash.digest('hex') !== file.sha256) fail(packageErrors.hashMismatch(pkg, file.path));
      requireCrc(crcOk, pkg, name);
      // Parsed only after its hash matched the signed manifest: the pack is as signed as the rest.
      if (isPack) {
        const text = Buffer.concat(packChunks).toString('utf8');
        const parsed = parsePolicyPack(text, `files/${file.path}`);
        if (!parsed.ok) fail(packageErrors.policyPackInvalid(pkg, file.path, parsed.error.message));
        policyPacks.push(parsed.pack);
      }
      located.set(file.id, { ...file, location: 'package' });
    }

    for (const file of external) {
      throwIfAborted(signal, pkg);
      if (!reachable.has(file.id)) {
        located.set(file.id, { ...file, location: 'missing' });
        continue;
      }
      let counted = 0;
      const match = await locator.locate(file, (n) => {
        counted += n;
        progress.add(n, 'external', file.path);
      });
      // A candidate that turned out to be another file is settled too, so the bar reaches 100 %.
      progress.add(file.size - counted, 'external', file.path);
      located.set(file.id, { ...file, ...match });
    }
    progress.finish(manifest.files.at(-1)?.path ?? '');
    throwIfAborted(signal, pkg);

    const files = manifest.files.map((f) => located.get(f.id) as VerifiedFile);
    return { ok: true, manifest, envelopeHash, signedBy, files, policyPacks };
  } catch (error) {
    return asFailed(error, pkg);
  } finally {
    zip?.close();
  }
}
