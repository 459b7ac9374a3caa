// Verifying a result bundle — the one routine the workstation, the reference intake and the
// verify CLI all use. Order matters: container limits, then the envelope signature, then the
// manifest schema, and only then records.json and the evidence bytes against the signed hashes.
import { PAYLOAD_TYPES, type Envelope } from '../../../src-shared/bundle/envelope';
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
import { sha256Hex } from '../crypto/hash';
import { openSignedJson, parseEnvelopeText, strictUtf8 } from '../crypto/signedJson';
import { readZip, type ZipLimits } from './zip';

export interface VerifiedBundle {
  ok: true;
  manifest: ResultBundleManifest;
  /** The content of records.json, checked against the manifest's signed size and hash. */
  records: ResultRecord[];
  envelope: Envelope;
  bundleHash: string;
  signedBy: string[];
  evidence: Map<string, Uint8Array>;
}

export type BundleError = {
  ok: false;
  code:
    | 'zip-unreadable'
    | 'zip-limits'
    | 'zip-unsafe-path'
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
    | 'unexpected-file';
  message: string;
};

export interface VerifyBundleOptions {
  /** Keys allowed to sign bundles (every signature must verify with one of them). */
  trusted: TrustedKeys;
  /**
   * The key ids enrolled for a profile: when given, at least one signature must be the
   * manifest's own profile's key, so a valid key of one person cannot sign for another.
   */
  profileKeyIds?: (profileId: string) => readonly string[];
  limits?: ZipLimits;
}

export async function verifyResultBundle(
  bytes: Uint8Array,
  opts: VerifyBundleOptions,
): Promise<VerifiedBundle | BundleError> {
  const zip = await readZip(bytes, opts.limits, '结果包');
  if (!zip.ok) return zip;
  const envText = zip.files.get(BUNDLE_ENVELOPE_ENTRY);
  if (!envText)
    return {
      ok: false,
      code: 'missing-envelope',
      message: `结果包中缺少 ${BUNDLE_ENVELOPE_ENTRY}`,
    };
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

  const records = readRecords(zip.files.get(BUNDLE_RECORDS_ENTRY), manifest);
  if (!records.ok) return records;

  const evidence = new Map<string, Uint8Array>();
  for (const f of manifest.evidence) {
    const data = zip.files.get(BUNDLE_FILES_DIR + f.path);
    if (!data) return { ok: false, code: 'evidence-missing', message: `结果包缺少附件 ${f.path}` };
    if (data.byteLength !== f.size || sha256Hex(data) !== f.sha256) {
      return {
        ok: false,
        code: 'evidence-mismatch',
        message: `附件 ${f.path} 的内容与签名清单不符，可能被篡改`,
      };
    }
    evidence.set(f.path, data);
  }
  for (const name of zip.files.keys()) {
    if (name === BUNDLE_ENVELOPE_ENTRY || name === BUNDLE_RECORDS_ENTRY) continue;
    if (!name.startsWith(BUNDLE_FILES_DIR) || !evidence.has(name.slice(BUNDLE_FILES_DIR.length))) {
      return { ok: false, code: 'unexpected-file', message: `结果包含有清单未列出的文件 ${name}` };
    }
  }
  return {
    ok: true,
    manifest,
    records: records.value,
    envelope: env.envelope,
    bundleHash: sha256Hex(opened.payload),
    signedBy: opened.signedBy,
    evidence,
  };
}

function readRecords(
  data: Uint8Array | undefined,
  manifest: ResultBundleManifest,
): { ok: true; value: ResultRecord[] } | BundleError {
  if (!data)
    return {
      ok: false,
      code: 'records-missing',
      message: `结果包中缺少记录文件 ${BUNDLE_RECORDS_ENTRY}`,
    };
  const ref = manifest.records;
  if (data.byteLength !== ref.size || sha256Hex(data) !== ref.sha256)
    return {
      ok: false,
      code: 'records-mismatch',
      message: `${BUNDLE_RECORDS_ENTRY} 的内容与签名清单不符，可能被篡改`,
    };
  // Bytes that match the signed hash can still be malformed if the signing workstation was faulty.
  let json: unknown;
  try {
    json = JSON.parse(strictUtf8(data));
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
