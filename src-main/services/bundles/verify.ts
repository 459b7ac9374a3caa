// Verifying a result bundle — the one routine the workstation, the reference intake and the
// verify CLI all use. Nothing is inflated before it is checked: the central directory first
// (through the same ZIP layer as work packages: counts, sizes, per-entry and archive-wide
// ratio, names, links, parser differentials), then envelope.json and its signature, then the
// pairing of entries with the signed manifest, and only then records.json and the evidence
// streamed through SHA-256.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { PAYLOAD_TYPES, type Envelope } from '../../../src-shared/wire/envelope';
import type { PackageErrorCode } from '../../../src-shared/records/packageErrors';
import {
  BUNDLE_ENVELOPE_ENTRY,
  BUNDLE_FILES_DIR,
  BUNDLE_RECORDS_ENTRY,
  RETIRED_RESULT_BUNDLE_TYPE,
  describeIssue,
  resultBundleManifestSchema,
  type ResultBundleManifest,
  type ResultRecord,
} from '../../../src-shared/bundle/resultBundle';
import type { TrustedKeys } from '../crypto/ed25519';
import { parseResultRecords } from '../../../src-shared/bundle/parseResultRecords';
import {
  checkChairSignatures,
  type ChairSigner,
  type PanelChair,
} from '../../../src-shared/panel/chairSignature';
import { checkEvidenceLinks } from '../../../src-shared/bundle/evidenceLinks';
import { sha256Hex } from '../crypto/hash';
import { openSignedJson, parseEnvelopeText } from '../crypto/signedJson';
import { decodeStrictUtf8 } from '../../common/utf8';
import { PackageFailure } from '../packages/failure';
import type { PackageLimits } from '../packages/limits';
import { readCentralDirectory, requireCrc, streamEntry, type ZipSource } from '../packages/zip';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';

export interface VerifiedBundle {
  ok: true;
  manifest: ResultBundleManifest;
  /** The content of records.json, checked against the manifest's signed size and hash. */
  records: ResultRecord[];
  envelope: Envelope;
  bundleHash: string;
  signedBy: string[];
  /** Evidence path → its manifest entry; every one was found with the signed size and hash. */
  evidence: Map<string, ResultBundleManifest['evidence'][number]>;
  /** With `chairs`: whose signature stands for each panel's chair behind its decisions. */
  chairSigners: ChairSigner[];
}

export type BundleError = {
  ok: false;
  code:
    | 'zip-unreadable'
    | 'zip-limits'
    | 'zip-unsafe-path'
    | 'zip-hidden-entries'
    | 'zip-local-name-mismatch'
    | 'zip-unicode-path-field'
    | 'zip-local-header-mismatch'
    | 'zip-data-descriptor-mismatch'
    | 'zip-crc-mismatch'
    | 'zip-name-encoding'
    | 'zip-directory-entry'
    | 'zip-entry-layout'
    | 'zip-end-record'
    | 'zip64-misuse'
    | 'zip-unsupported-flags'
    | 'zip-encrypted-entry'
    | 'zip-unsupported-compression'
    | 'missing-envelope'
    | 'unreadable'
    | 'malformed'
    | 'wrong-type'
    | 'unknown-key'
    | 'bad-signature'
    | 'invalid-payload'
    | 'signer-mismatch'
    | 'retired-format'
    | 'records-missing'
    | 'records-mismatch'
    | 'evidence-missing'
    | 'evidence-mismatch'
    | 'unexpected-file'
    | 'unknown-panel'
    | 'chair-mismatch'
    | 'chair-signature-missing';
  message: string;
  detail?: string;
};

export interface VerifyBundleOptions {
  /** Keys allowed to sign bundles (every signature must verify with one of them). */
  trusted: TrustedKeys;
  /**
   * The key ids enrolled for a profile: when given, at least one signature must be the
   * manifest's own profile's key, so a valid key of one person cannot sign for another.
   */
  profileKeyIds?: (profileId: string) => readonly string[];
  /**
   * The panels the verifier knows (panel id → chair and listed keys): when given, every
   * panel decision in the bundle must carry its chair's signature (chairSignature.ts). The
   * chair's keys must also be in `trusted`, or their signature is an unknown key.
   */
  chairs?: ReadonlyMap<string, PanelChair>;
  limits?: ZipLimits;
  /** The file name for messages (default: the path's file name, or 「上传的结果包」 for bytes). */
  name?: string;
}

type ZipCode = Extract<BundleError['code'], `zip${string}`>;

// The ZIP layer speaks in package codes; a bundle answers with its own (zip-*) family.
const ZIP_CODE: Partial<Record<PackageErrorCode, ZipCode>> = {
  'too-many-entries': 'zip-limits',
  'file-too-large': 'zip-limits',
  'total-too-large': 'zip-limits',
  'compression-ratio': 'zip-limits',
  'envelope-too-large': 'zip-limits',
  'unsafe-path': 'zip-unsafe-path',
  symlink: 'zip-unsafe-path',
  'duplicate-entry': 'zip-unsafe-path',
  'hidden-entries': 'zip-hidden-entries',
  'local-name-mismatch': 'zip-local-name-mismatch',
  'unicode-path-field': 'zip-unicode-path-field',
  'local-header-mismatch': 'zip-local-header-mismatch',
  'data-descriptor-mismatch': 'zip-data-descriptor-mismatch',
  'crc-mismatch': 'zip-crc-mismatch',
  'name-encoding': 'zip-name-encoding',
  'directory-entry': 'zip-directory-entry',
  'entry-layout': 'zip-entry-layout',
  'end-record': 'zip-end-record',
  'zip64-misuse': 'zip64-misuse',
  'unsupported-flags': 'zip-unsupported-flags',
  'encrypted-entry': 'zip-encrypted-entry',
  'unsupported-compression': 'zip-unsupported-compression',
};

function bundleFailure(error: unknown): BundleError {
  if (!(error instanceof PackageFailure)) throw error;
  return {
    ok: false,
    code: ZIP_CODE[error.error.code] ?? 'zip-unreadable',
    // The shared messages name a 工作包; the first mention is the document itself.
    message: error.error.message.replace('工作包', '结果包'),
  };
}

/** A bundle's envelope signs a few hundred bytes plus one line per evidence file. */
const MAX_BUNDLE_ENVELOPE_BYTES = 16 * 1024 * 1024;

function packageLimits(limits: ZipLimits): PackageLimits {
  return {
    maxEntries: limits.maxEntries,
    maxFileBytes: limits.maxEntryBytes,
    maxTotalBytes: limits.maxTotalBytes,
    maxEnvelopeBytes: MAX_BUNDLE_ENVELOPE_BYTES,
    maxCompressionRatio: limits.maxRatio,
    ratioCheckMinBytes: 1024 * 1024,
  };
}

/** An entry's bytes and whether their CRC-32 matched (checked after the signed hash). */
async function readWhole(zip: ZipFile, entry: Entry, name: string, label: string) {
  const chunks: Buffer[] = [];
  const crcOk = await streamEntry(zip, entry, name, label, (c) => void chunks.push(c));
  // A stored entry of an in-memory bundle arrives as one view of the input: no copy.
  const one = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return { bytes: new Uint8Array(one.buffer, one.byteOffset, one.byteLength), crcOk };
}

export async function verifyResultBundle(
  source: ZipSource,
  opts: VerifyBundleOptions,
): Promise<VerifiedBundle | BundleError> {
  const label = opts.name ?? (typeof source === 'string' ? basename(source) : '上传的结果包');
  const limits = packageLimits(opts.limits ?? DEFAULT_ZIP_LIMITS);
  let zip: ZipFile | undefined;
  try {
    const cd = await readCentralDirectory(source, label, limits);
    zip = cd.zip;
    return await verifyOpened(zip, cd.files, label, opts);
  } catch (error) {
    return bundleFailure(error);
  } finally {
    zip?.close();
  }
}

async function verifyOpened(
  zip: ZipFile,
  files: Map<string, Entry>,
  label: string,
  opts: VerifyBundleOptions,
): Promise<VerifiedBundle | BundleError> {
  const envEntry = files.get(BUNDLE_ENVELOPE_ENTRY);
  if (!envEntry)
    return {
      ok: false,
      code: 'missing-envelope',
      message: `结果包中缺少 ${BUNDLE_ENVELOPE_ENTRY}`,
    };
  if (envEntry.uncompressedSize > MAX_BUNDLE_ENVELOPE_BYTES)
    return {
      ok: false,
      code: 'zip-limits',
      message: `结果包“${label}”的 ${BUNDLE_ENVELOPE_ENTRY} 有 ${envEntry.uncompressedSize} 字节，超过上限 ${MAX_BUNDLE_ENVELOPE_BYTES} 字节`,
    };
  const envRead = await readWhole(zip, envEntry, BUNDLE_ENVELOPE_ENTRY, label);
  requireCrc(envRead.crcOk, label, BUNDLE_ENVELOPE_ENTRY);
  const envText = envRead.bytes;
  const env = parseEnvelopeText(envText, `结果包的 ${BUNDLE_ENVELOPE_ENTRY}`);
  if (!env.ok) return env;
  if (env.envelope.payloadType === RETIRED_RESULT_BUNDLE_TYPE)
    return {
      ok: false,
      code: 'retired-format',
      message: '结果包为旧格式（版本 1），本版本只接受版本 2；请用新版工作站重新导出',
    };
  const opened = openSignedJson(
    env.envelope,
    PAYLOAD_TYPES.resultBundle,
    opts.trusted,
    resultBundleManifestSchema,
    '结果包清单',
    '受信任的签名密钥',
  );
  if (!opened.ok) return opened;
  const manifest = opened.value;

  if (opts.profileKeyIds) {
    const own = new Set(opts.profileKeyIds(manifest.profileId));
    if (!opened.signedBy.some((k) => own.has(k))) {
      return {
        ok: false,
        code: 'signer-mismatch',
        message: `结果包声称来自用户档案 ${manifest.profileId}，但没有该档案登记密钥的签名`,
      };
    }
  }

  // Pair entries with the signed manifest from the directory alone, before reading any data.
  const recordsEntry = files.get(BUNDLE_RECORDS_ENTRY);
  if (!recordsEntry)
    return {
      ok: false,
      code: 'records-missing',
      message: `结果包中缺少记录文件 ${BUNDLE_RECORDS_ENTRY}`,
    };
  if (recordsEntry.uncompressedSize !== manifest.records.size) return recordsMismatch();
  const evidence = new Map<string, ResultBundleManifest['evidence'][number]>();
  for (const f of manifest.evidence) {
    const entry = files.get(BUNDLE_FILES_DIR + f.path);
    if (!entry) return { ok: false, code: 'evidence-missing', message: `结果包缺少附件 ${f.path}` };
    if (entry.uncompressedSize !== f.size) return evidenceMismatch(f.path);
    evidence.set(f.path, f);
  }
  for (const name of files.keys()) {
    if (name === BUNDLE_ENVELOPE_ENTRY || name === BUNDLE_RECORDS_ENTRY) continue;
    if (!name.startsWith(BUNDLE_FILES_DIR) || !evidence.has(name.slice(BUNDLE_FILES_DIR.length))) {
      return { ok: false, code: 'unexpected-file', message: `结果包含有清单未列出的文件 ${name}` };
    }
  }

  const recordsRead = await readWhole(zip, recordsEntry, BUNDLE_RECORDS_ENTRY, label);
  const records = readRecords(recordsRead.bytes, manifest);
  if (!records.ok) return records;
  requireCrc(recordsRead.crcOk, label, BUNDLE_RECORDS_ENTRY);
  let chairSigners: ChairSigner[] = [];
  if (opts.chairs) {
    const chairCheck = checkChairSignatures(records.value, opened.signedBy, opts.chairs);
    if (!chairCheck.ok) return chairCheck;
    chairSigners = chairCheck.chairSigners;
  }
  // A record that cites evidence (a finding's frame grab) must find it in the signed manifest
  // as cited; the bytes themselves are then held to the manifest below.
  const unlinked = checkEvidenceLinks(records.value, manifest.evidence);
  if (unlinked) return { ok: false, ...unlinked };

  for (const f of manifest.evidence) {
    const hash = createHash('sha256');
    let size = 0;
    const entry = files.get(BUNDLE_FILES_DIR + f.path) as Entry;
    const name = BUNDLE_FILES_DIR + f.path;
    const crcOk = await streamEntry(zip, entry, name, label, (chunk) => {
      hash.update(chunk);
      size += chunk.length;
    });
    if (size !== f.size || hash.digest('hex') !== f.sha256) return evidenceMismatch(f.path);
    requireCrc(crcOk, label, name);
  }
  return {
    ok: true,
    manifest,
    records: records.value,
    envelope: env.envelope,
    bundleHash: sha256Hex(opened.payload),
    signedBy: opened.signedBy,
    evidence,
    chairSigners,
  };
}

const recordsMismatch = (): BundleError => ({
  ok: false,
  code: 'records-mismatch',
  message: `${BUNDLE_RECORDS_ENTRY} 的内容与签名清单不符，可能被篡改`,
});

const evidenceMismatch = (path: string): BundleError => ({
  ok: false,
  code: 'evidence-mismatch',
  message: `附件 ${path} 的内容与签名清单不符，可能被篡改`,
});

function readRecords(
  data: Uint8Array,
  manifest: ResultBundleManifest,
): { ok: true; value: ResultRecord[] } | BundleError {
  const ref = manifest.records;
  if (data.byteLength !== ref.size || sha256Hex(data) !== ref.sha256) return recordsMismatch();
  // Bytes that match the signed hash can still be malformed if the signing workstation was faulty.
  let json: unknown;
  try {
    json = JSON.parse(decodeStrictUtf8(data));
  } catch {
    return {
      ok: false,
      code: 'invalid-payload',
      message: `${BUNDLE_RECORDS_ENTRY} 不是有效的 UTF-8 JSON`,
    };
  }
  const parsed = parseResultRecords(json);
  if (!parsed.success)
    return {
      ok: false,
      code: 'invalid-payload',
      message: describeIssue(parsed.error, `结果包记录（${BUNDLE_RECORDS_ENTRY}）`),
    };
  if (parsed.data.length !== ref.count)
    return {
      ok: false,
      code: 'records-mismatch',
      message: `${BUNDLE_RECORDS_ENTRY} 含 ${parsed.data.length} 条记录，签名清单写的是 ${ref.count} 条`,
    };
  return { ok: true, value: parsed.data };
}
