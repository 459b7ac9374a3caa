// The result bundle: what one workstation profile produced since its last acknowledged bundle.
// The capabilities that produce records (review, panel, audit, certificates) arrive later, so a
// record is typed loosely here — id + kind + payload — and each capability validates its own
// payload. The chain fields (counter, previousBundleHash) let the platform refuse replays and gaps.
import { z } from 'zod';
import { firstIssue } from '../zodIssues';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';

// Version 2 moved the records out of the signed payload into their own entry, named in the
// manifest by size and SHA-256 (as evidence files are). Signatures then cover a few hundred
// bytes instead of megabytes: co-signing is cheap and a 10,000-review bundle signs and
// verifies within 3x of merely serialising and hashing it (bench/bundle-sign.bench.ts).
export const RESULT_BUNDLE_SCHEMA_VERSION = 2;
export const RESULT_BUNDLE_EXTENSION = '.qhres';
/** Inside the ZIP: the signed envelope, the records it names, and evidence under files/. */
export const BUNDLE_ENVELOPE_ENTRY = 'envelope.json';
export const BUNDLE_RECORDS_ENTRY = 'records.json';
export const BUNDLE_FILES_DIR = 'files/';
/** The payload type of version 1, refused with a message that says why. */
export const RETIRED_RESULT_BUNDLE_TYPE = 'application/vnd.qihang.result-bundle+json;version=1';

export const resultRecordKinds = [
  'review',
  'panel-decision',
  'finding',
  'sampling-plan',
  'compliance-verdict',
  'print-log',
  // An expert's 回避声明 (src-shared/review/conflict.ts); added after the first six.
  'conflict',
  // The auditor's verdicts (session, class, clip, course package): src-shared/audit/verdicts.ts.
  'audit-verdict',
] as const;
export const resultRecordKind = z.enum(resultRecordKinds);
export type ResultRecordKind = z.infer<typeof resultRecordKind>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A record's payload: checked for shape only. Each capability validates its own payload, and a
 * deep copy of every payload (what z.record would do) doubles the cost of verifying a large
 * bundle. Published in JSON Schema as `"type": "object"`.
 */
export const recordPayloadSchema = z.custom<Record<string, unknown>>(
  isPlainObject,
  '记录内容须为对象',
);

export const resultRecordSchema = z.object({
  id: recordId,
  kind: resultRecordKind,
  /** Records are append-only: a change is a new record that names the one it supersedes. */
  supersedes: recordId.optional(),
  createdAt: isoInstant,
  payload: recordPayloadSchema,
});
export type ResultRecord = z.infer<typeof resultRecordSchema>;

/** The content of records.json: every record once. */
export const resultRecordsSchema = z.array(resultRecordSchema).superRefine((records, ctx) => {
  duplicates(records.map((r) => r.id)).forEach((id) =>
    ctx.addIssue({ code: 'custom', path: [], message: `记录编号重复：${id}` }),
  );
});

/** How the signed manifest names records.json: its exact size, hash and record count. */
export const recordsRefSchema = z.object({
  count: z.number().int().min(0),
  size: z.number().int().min(0),
  sha256: sha256Hex,
});
export type RecordsRef = z.infer<typeof recordsRefSchema>;

/** A relative POSIX path with no way out of the folder it is unpacked into. */
export const safeRelativePath = z
  .string()
  .min(1)
  .max(240)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      !/^[A-Za-z]:/.test(p) &&
      !p.split('/').some((seg) => seg === '' || seg === '.' || seg === '..') &&
      // eslint-disable-next-line no-control-regex
      !/[\u0000-\u001f]/.test(p),
    '路径须为相对路径，不得含 ..、绝对路径或反斜杠',
  );

export const evidenceFileSchema = z.object({
  id: recordId,
  path: safeRelativePath,
  size: z.number().int().min(0),
  sha256: sha256Hex,
  mediaType: z.string().min(1).max(100),
  /** The result record this file supports (a frame grab for a finding, a report PDF). */
  recordId: recordId.optional(),
});
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;

export const auditHeadSchema = z.object({ seq: z.number().int().min(0), hash: sha256Hex });
export type AuditHead = z.infer<typeof auditHeadSchema>;

export const resultBundleManifestSchema = z
  .object({
    schemaVersion: z.literal(RESULT_BUNDLE_SCHEMA_VERSION),
    bundleId: recordId,
    profileId: recordId,
    /** 1 for the first bundle; the platform accepts only lastAccepted + 1. */
    counter: z.number().int().positive(),
    /** SHA-256 of the previous acknowledged bundle's envelope payload; null for the first. */
    previousBundleHash: sha256Hex.nullable(),
    auditLogHead: auditHeadSchema.nullable(),
    createdAt: isoInstant,
    /** Work packages (by packageId) the records refer to; informative for the platform. */
    workPackageIds: z.array(recordId).default([]),
    /**
     * Present (true) only on a bundle from a demo profile: its data came from the public demo
     * package. Signed like every field, so it cannot be dropped; a real intake refuses it.
     */
    demo: z.literal(true).optional(),
    records: recordsRefSchema,
    evidence: z.array(evidenceFileSchema),
  })
  .superRefine((m, ctx) => {
    if ((m.counter === 1) !== (m.previousBundleHash === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousBundleHash'],
        message: '首个包（序号 1）前序哈希须为空，其余须填写',
      });
    }
    duplicates(m.evidence.map((f) => f.id)).forEach((id) =>
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: `附件编号重复：${id}` }),
    );
    duplicates(m.evidence.map((f) => f.path.toLowerCase())).forEach((p) =>
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: `附件路径重复：${p}` }),
    );
  });
export type ResultBundleManifest = z.infer<typeof resultBundleManifestSchema>;
export type ResultBundleManifestInput = z.input<typeof resultBundleManifestSchema>;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const v of values) {
    if (seen.has(v)) dup.push(v);
    else seen.add(v);
  }
  return dup;
}

/** First schema problem as one Chinese line naming the field, for error values. */
export function describeIssue(error: z.ZodError, what: string): string {
  if (error.issues.length === 0) return `${what}格式不正确`;
  const { field, message } = firstIssue(error.issues, '(根)');
  return `${what}字段 ${field} 不正确：${message}`;
}
