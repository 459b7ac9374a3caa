// From envelope.json bytes to a trusted manifest. The signature is checked on the exact bytes
// before anything inside the payload is parsed, so an attacker's JSON never reaches zod.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PAYLOAD_TYPES, type Envelope } from '../../../src-shared/wire/envelope';
import { packageErrors, type PackageError } from '../../../src-shared/records/packageErrors';
import {
  SUPPORTED_WORK_PACKAGE_VERSIONS,
  workPackageManifestSchema,
  type WorkPackageManifest,
} from '../../../src-shared/records/records';
import { verifyEnvelope, type EnvelopeCheck, type TrustedKeys } from '../crypto/ed25519';
import { firstIssue } from '../../../src-shared/zodIssues';
import { fail } from './failure';
import { collisionKey, unsafePathReason } from './paths';

type EnvelopeFailure = Extract<EnvelopeCheck, { ok: false }>['code'];

export interface VerifiedManifest {
  manifest: WorkPackageManifest;
  /**
   * Hex SHA-256 of the signed payload (the manifest bytes), not of envelope.json: adding a
   * signature or re-signing with a rotated key leaves the content, and so the identity, alone.
   */
  envelopeHash: string;
  signedBy: string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const zhCN = z.locales.zhCN().localeError;

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strictUtf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

const RECORD_KINDS = {
  organizers: '培训组织方',
  classes: '班级',
  sessions: '课次',
  lecturers: '讲师',
  trainees: '学员',
  submissions: '作业',
  experts: '专家',
  panels: '评审组',
  assignments: '评审分派',
  rubrics: '评分表',
} as const satisfies Partial<Record<keyof WorkPackageManifest['records'], string>>;

function checkUnique(manifest: WorkPackageManifest, pkg: string): void {
  for (const [key, label] of Object.entries(RECORD_KINDS)) {
    const seen = new Set<string>();
    for (const { id } of manifest.records[key as keyof typeof RECORD_KINDS]) {
      if (seen.has(id)) fail(packageErrors.duplicateId(pkg, label, id));
      seen.add(id);
    }
  }
  // Certificate numbers carry no id of their own; the number itself must be unique.
  const numbers = new Set<string>();
  for (const { number } of manifest.records.certificateNumbers) {
    if (numbers.has(number)) fail(packageErrors.duplicateId(pkg, '结业证书', number));
    numbers.add(number);
  }
  const ids = new Set<string>();
  const paths = new Set<string>();
  for (const file of manifest.files) {
    if (ids.has(file.id)) fail(packageErrors.duplicateId(pkg, '文件', file.id));
    ids.add(file.id);
    const reason = unsafePathReason(file.path);
    if (reason) fail(packageErrors.unsafeManifestPath(pkg, file.path, reason));
    const key = collisionKey(file.path);
    if (paths.has(key)) fail(packageErrors.duplicatePath(pkg, file.path));
    paths.add(key);
  }
  // A forwarded bundle must travel inside the package, where its bytes are signed with it.
  const inside = new Set(manifest.files.filter((f) => !f.external).map((f) => f.id));
  (manifest.records.forwardedBundles ?? []).forEach((b, i) => {
    if (!inside.has(b.fileId)) {
      fail(
        packageErrors.manifestInvalid(
          pkg,
          `records.forwardedBundles.${i}.fileId`,
          `${b.fileId} 不是包内文件，转来的结果包须放在工作包内`,
        ),
      );
    }
  });
}

function envelopeError(
  code: EnvelopeFailure,
  env: Envelope,
  trusted: TrustedKeys,
  pkg: string,
): PackageError {
  switch (code) {
    case 'malformed':
      return packageErrors.envelopeMalformed(pkg);
    case 'wrong-type':
      return packageErrors.envelopeWrongType(pkg, env.payloadType);
    case 'unknown-key':
      return packageErrors.untrustedSigner(
        pkg,
        env.signatures.find((s) => !trusted.has(s.keyid))?.keyid ?? '',
      );
    case 'bad-signature':
      return packageErrors.badSignature(pkg);
  }
}

export function verifyManifest(
  envelopeBytes: Uint8Array,
  trustedKeys: TrustedKeys,
  pkg: string,
): VerifiedManifest {
  const raw = parseJson(envelopeBytes);
  if (raw === undefined) fail(packageErrors.envelopeMalformed(pkg));
  const check = verifyEnvelope(raw, PAYLOAD_TYPES.workPackage, trustedKeys);
  if (!check.ok) fail(envelopeError(check.code, raw as Envelope, trustedKeys, pkg));

  const data = parseJson(check.payload);
  if (data === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail(packageErrors.manifestMalformed(pkg));
  }
  // Checked before the schema so a future format gets "upgrade" rather than a list of field errors.
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !SUPPORTED_WORK_PACKAGE_VERSIONS.includes(version)) {
    fail(
      packageErrors.unsupportedSchemaVersion(
        pkg,
        JSON.stringify(version) ?? '（缺失）',
        SUPPORTED_WORK_PACKAGE_VERSIONS.join('、'),
      ),
    );
  }
  const parsed = workPackageManifestSchema.safeParse(data, { error: zhCN });
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error.issues, '（根）');
    fail(packageErrors.manifestInvalid(pkg, field, message));
  }
  checkUnique(parsed.data, pkg);
  return {
    manifest: parsed.data,
    envelopeHash: createHash('sha256').update(check.payload).digest('hex'),
    signedBy: check.signedBy,
  };
}
