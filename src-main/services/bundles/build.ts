// Building a result bundle: records → records.json bytes → a small manifest naming them by
// size and SHA-256 → envelope over the manifest, signed by every signer (the expert, then the
// chair) → ZIP with envelope.json, records.json and the evidence files.
import { randomUUID } from 'node:crypto';
import { PAYLOAD_TYPES, type Envelope } from '../../../src-shared/wire/envelope';
import {
  BUNDLE_ENVELOPE_ENTRY,
  BUNDLE_FILES_DIR,
  BUNDLE_RECORDS_ENTRY,
  RESULT_BUNDLE_EXTENSION,
  RESULT_BUNDLE_SCHEMA_VERSION,
  describeIssue,
  resultBundleManifestSchema,
  type AuditHead,
  type ResultBundleManifest,
  type ResultRecord,
} from '../../../src-shared/bundle/resultBundle';
import { parseResultRecords } from '../../../src-shared/bundle/parseResultRecords';
import { checkEvidenceLinks } from '../../../src-shared/bundle/evidenceLinks';
import { sha256Hex } from '../crypto/hash';
import { signWithAll, type Signer } from '../keys/signer';
import { markDemoName } from '../profiles/exportName';
import { encodeJsonArrayUtf8 } from '../../common/utf8';
import { writeZip } from './zip';

/** A bundle's file name before any demo mark: the profile and its zero-padded chain counter. */
export function resultBundleFileName(profileId: string, counter: number): string {
  return `${profileId}-${String(counter).padStart(6, '0')}${RESULT_BUNDLE_EXTENSION}`;
}

export interface EvidenceInput {
  id: string;
  /** Path inside the bundle's files/ folder, e.g. 'frames/f-001.jpg'. */
  path: string;
  mediaType: string;
  data: Uint8Array;
  recordId?: string;
}

export interface BuildBundleInput {
  profileId: string;
  counter: number;
  previousBundleHash: string | null;
  auditLogHead: AuditHead | null;
  records: ResultRecord[];
  evidence?: EvidenceInput[];
  workPackageIds?: string[];
  /** A demo profile's bundle says so in its signed manifest. */
  demo?: boolean;
  /** Defaults to a fresh 'b-<uuid>'. */
  bundleId?: string;
  now?: Date;
}

export interface BuiltBundle {
  ok: true;
  /** The .qhres file bytes. */
  bytes: Uint8Array;
  fileName: string;
  envelope: Envelope;
  manifest: ResultBundleManifest;
  /** The records exactly as written to records.json. */
  records: ResultRecord[];
  /** SHA-256 (hex) of the envelope payload: the bundle's identity in the chain and in receipts. */
  bundleHash: string;
}

export type BuildError = { ok: false; code: 'invalid-bundle' | 'no-signer'; message: string };

export async function buildResultBundle(
  input: BuildBundleInput,
  signers: readonly Signer[],
): Promise<BuiltBundle | BuildError> {
  if (signers.length === 0)
    return { ok: false, code: 'no-signer', message: '结果包至少需要一个签名人' };
  // Validated here too, not only at the IPC gate: what we sign must be what verify accepts.
  const records = parseResultRecords(input.records);
  if (!records.success)
    return {
      ok: false,
      code: 'invalid-bundle',
      message: describeIssue(records.error, '结果包记录（records）'),
    };
  const recordsBytes = encodeJsonArrayUtf8(records.data);
  const evidence = input.evidence ?? [];
  const candidate = {
    schemaVersion: RESULT_BUNDLE_SCHEMA_VERSION,
    bundleId: input.bundleId ?? `b-${randomUUID()}`,
    profileId: input.profileId,
    counter: input.counter,
    previousBundleHash: input.previousBundleHash,
    auditLogHead: input.auditLogHead,
    createdAt: (input.now ?? new Date()).toISOString(),
    workPackageIds: input.workPackageIds ?? [],
    ...(input.demo ? { demo: true as const } : {}),
    records: {
      count: records.data.length,
      size: recordsBytes.byteLength,
      sha256: sha256Hex(recordsBytes),
    },
    evidence: evidence.map((f) => ({
      id: f.id,
      path: f.path,
      size: f.data.byteLength,
      sha256: sha256Hex(f.data),
      mediaType: f.mediaType,
      ...(f.recordId !== undefined ? { recordId: f.recordId } : {}),
    })),
  };
  const parsed = resultBundleManifestSchema.safeParse(candidate);
  if (!parsed.success)
    return {
      ok: false,
      code: 'invalid-bundle',
      message: describeIssue(parsed.error, '结果包清单'),
    };
  const manifest = parsed.data;
  // Never sign what verify would refuse: a finding's frame grab must travel with it.
  const unlinked = checkEvidenceLinks(records.data, manifest.evidence);
  if (unlinked) return { ok: false, code: 'invalid-bundle', message: unlinked.message };
  const payload = new Uint8Array(Buffer.from(JSON.stringify(manifest), 'utf8'));
  const envelope = signWithAll(signers, PAYLOAD_TYPES.resultBundle, payload);
  const bytes = await writeZip([
    {
      name: BUNDLE_ENVELOPE_ENTRY,
      data: new Uint8Array(Buffer.from(JSON.stringify(envelope), 'utf8')),
    },
    { name: BUNDLE_RECORDS_ENTRY, data: recordsBytes },
    ...evidence.map((f) => ({ name: BUNDLE_FILES_DIR + f.path, data: f.data })),
  ]);
  return {
    ok: true,
    bytes,
    fileName: markDemoName(
      resultBundleFileName(manifest.profileId, manifest.counter),
      manifest.demo === true,
    ),
    envelope,
    manifest,
    records: records.data,
    bundleHash: sha256Hex(payload),
  };
}
