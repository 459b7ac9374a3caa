// "Is this file valid, and why not?" for any signed file we exchange: a work package (.qhpkg),
// a result bundle (.qhres) or a signed JSON document (receipt, enrollment request or reply).
// Used by the verify CLI; returns a report rather than printing, so it can be tested.
import { isUtf8 } from 'node:buffer';
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PAYLOAD_TYPES, type Envelope } from '../../../src-shared/wire/envelope';
import { enrollmentReplySchema } from '../../../src-shared/keys/enrollment';
import { receiptSchema } from '../../../src-shared/bundle/receipt';
import type { PackageErrorCode } from '../../../src-shared/records/packageErrors';
import {
  BUNDLE_ENVELOPE_ENTRY,
  RETIRED_RESULT_BUNDLE_TYPE,
} from '../../../src-shared/bundle/resultBundle';
import type { TrustedKeys } from '../crypto/ed25519';
import { openSignedJson, parseEnvelopeText } from '../crypto/signedJson';
import { openEnrollmentRequest } from '../keys/enrollmentRequest';
import { verifyResultBundle } from './verify';
import type { ChairSigner } from '../../../src-shared/panel/chairSignature';
import { DEFAULT_PACKAGE_LIMITS, openWorkPackage } from '../packages';
import { peekEntry } from '../packages/zip';
import type { ChairRegistry } from '../panel/chairRegistry';
import type { Failure } from '../../../src-shared/failure';

export type FileKind =
  | 'work-package'
  | 'result-bundle'
  | 'receipt'
  | 'enrollment-request'
  | 'enrollment-reply'
  | 'unknown';

export interface InspectReport {
  kind: FileKind;
  /** 'valid' → exit 0, 'invalid' → exit 1, 'unreadable' → exit 2. */
  verdict: 'valid' | 'invalid' | 'unreadable';
  /** Why it was refused: 'unsafe' and 'invalid' are both exit 1, with different words. */
  refusal?: Refusal;
  /** The verifier's error code, the same one the app or the intake gives for this file. */
  code?: string;
  /** The refusal in one sentence (zh-CN), without the verdict word. */
  message?: string;
  /** What a valid file names: bundle, profile, package, receipt ids, hashes, signing keyids. */
  ids?: Record<string, string | number | string[]>;
  lines: string[];
}

/** How the intake judges bundles, for a verifier that should answer as the intake does. */
export interface IntakeView {
  /** The key ids enrolled for each profile: a bundle must be signed by its own profile's key. */
  profileKeyIds: (profileId: string) => readonly string[];
  /** A training intake takes demo bundles; the real one refuses them (`demo-bundle`). */
  acceptDemo: boolean;
}

const KIND_BY_TYPE: Record<string, FileKind> = {
  [PAYLOAD_TYPES.workPackage]: 'work-package',
  [PAYLOAD_TYPES.resultBundle]: 'result-bundle',
  // Verified as a bundle so the answer says why it is refused (retired-format), not "unknown".
  [RETIRED_RESULT_BUNDLE_TYPE]: 'result-bundle',
  [PAYLOAD_TYPES.receipt]: 'receipt',
  [PAYLOAD_TYPES.enrollmentRequest]: 'enrollment-request',
  [PAYLOAD_TYPES.enrollmentReply]: 'enrollment-reply',
};

const KIND_NAME: Record<FileKind, string> = {
  'work-package': '工作包',
  'result-bundle': '结果包',
  receipt: '回执',
  'enrollment-request': '注册申请',
  'enrollment-reply': '注册回复',
  unknown: '未知文件',
};

function signerLines(env: Envelope, trusted: TrustedKeys): string[] {
  return env.signatures.map(
    (s) =>
      `签名 ${s.keyid.slice(0, 16)}…${trusted.has(s.keyid) ? '（受信任）' : '（不在信任列表中）'}`,
  );
}

/** Package refusals that mean "this archive is built to hurt an unpacker", not merely "wrong". */
const UNSAFE_PACKAGE_CODES: ReadonlySet<PackageErrorCode> = new Set<PackageErrorCode>([
  'too-many-entries',
  'unsafe-path',
  'symlink',
  'duplicate-entry',
  'hidden-entries',
  'local-name-mismatch',
  'unicode-path-field',
  'local-header-mismatch',
  'data-descriptor-mismatch',
  'directory-entry',
  'entry-layout',
  'end-record',
  'zip64-misuse',
  'file-too-large',
  'total-too-large',
  'compression-ratio',
  'envelope-too-large',
  'unsafe-manifest-path',
  'duplicate-path',
  'destination-escape',
]);
const UNREADABLE_PACKAGE_CODES: ReadonlySet<PackageErrorCode> = new Set<PackageErrorCode>([
  'cannot-open',
  'corrupt-archive',
  'io-error',
]);
const UNSAFE_BUNDLE_CODES: ReadonlySet<string> = new Set([
  'zip-unsafe-path',
  'zip-limits',
  'zip-hidden-entries',
  'zip-local-name-mismatch',
  'zip-unicode-path-field',
  'zip-local-header-mismatch',
  'zip-data-descriptor-mismatch',
  'zip-directory-entry',
  'zip-entry-layout',
  'zip-end-record',
  'zip64-misuse',
]);

/** What a refusal is called: the CLI's exit code follows from it. */
export type Refusal = 'unsafe' | 'invalid' | 'unreadable';

export function refusalOfPackage(code: PackageErrorCode): Refusal {
  if (UNREADABLE_PACKAGE_CODES.has(code)) return 'unreadable';
  return UNSAFE_PACKAGE_CODES.has(code) ? 'unsafe' : 'invalid';
}

export function refusalOfBundle(code: string): Refusal {
  if (code === 'zip-unreadable') return 'unreadable';
  return UNSAFE_BUNDLE_CODES.has(code) ? 'unsafe' : 'invalid';
}

const REFUSAL_WORD: Record<Refusal, string> = {
  unsafe: '不安全',
  invalid: '无效',
  unreadable: '无法读取',
};

function refused(
  kind: FileKind,
  lines: string[],
  refusal: Refusal,
  code: string,
  message: string,
  /** The technical detail (a key id…): the CLI's reader is support, so it is printed. */
  detail?: string,
): InspectReport {
  return {
    kind,
    verdict: refusal === 'unreadable' ? 'unreadable' : 'invalid',
    refusal,
    code,
    message,
    lines: [
      ...lines,
      `${REFUSAL_WORD[refusal]}（${code}）：${message}`,
      ...(detail !== undefined ? [detail] : []),
    ],
  };
}

/** Signed JSON documents are small; anything larger is not one. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const ZIP_MAGIC = [0x504b0304, 0x504b0506];

export async function inspectFile(
  path: string,
  trusted: TrustedKeys,
  intake?: IntakeView,
  panels?: ChairRegistry,
): Promise<InspectReport> {
  const name = basename(path);
  let size: number;
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
      head = Buffer.alloc(Math.min(size, 4));
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch {
    return unreadable(`无法读取文件“${name}”：文件不存在或无权读取`);
  }
  if (head.length === 4 && ZIP_MAGIC.includes(head.readUInt32BE(0)))
    return inspectZip(path, name, trusted, intake, panels);
  // Signed JSON starts with "{" (perhaps after a BOM or blank lines). Anything else — empty,
  // text, binary — can only have been meant as a package or bundle: its verifier says what it is.
  const whole = size <= MAX_JSON_BYTES ? await readFile(path) : null;
  if (whole && /^\ufeff?\s*\{/u.test(whole.subarray(0, 4096).toString('utf8')))
    return inspectJson(new Uint8Array(whole), trusted, name);
  return name.toLowerCase().endsWith('.qhres')
    ? inspectBundle(path, name, trusted, [], intake, panels)
    : inspectPackage(path, trusted, []);
}

function unreadable(message: string, code = 'unreadable'): InspectReport {
  return {
    kind: 'unknown',
    verdict: 'unreadable',
    refusal: 'unreadable',
    code,
    message,
    lines: [`${REFUSAL_WORD.unreadable}（${code}）：${message}`],
  };
}

async function inspectZip(
  path: string,
  name: string,
  trusted: TrustedKeys,
  intake: IntakeView | undefined,
  panels: ChairRegistry | undefined,
): Promise<InspectReport> {
  // Which verifier to ask is decided from envelope.json read without checks; the verdict is
  // then entirely the verifier's, which reads the archive again with all of them.
  const peeked = await peekEntry(
    path,
    BUNDLE_ENVELOPE_ENTRY,
    DEFAULT_PACKAGE_LIMITS.maxEnvelopeBytes,
    DEFAULT_PACKAGE_LIMITS.maxEntries,
  );
  const env = peeked ? parseEnvelopeText(peeked, BUNDLE_ENVELOPE_ENTRY) : null;
  const type = env?.ok ? env.envelope.payloadType : undefined;
  const lines = env?.ok
    ? [
        `类型：${KIND_NAME[KIND_BY_TYPE[env.envelope.payloadType] ?? 'unknown']}（${env.envelope.payloadType}）`,
        ...signerLines(env.envelope, trusted),
      ]
    : [];
  // No readable envelope: the file's name says which verifier should call it broken.
  const bundle =
    type === undefined
      ? name.toLowerCase().endsWith('.qhres')
      : KIND_BY_TYPE[type] === 'result-bundle';
  if (bundle) return inspectBundle(path, name, trusted, lines, intake, panels);
  return inspectPackage(path, trusted, type === undefined ? [] : lines);
}

async function inspectBundle(
  path: string,
  name: string,
  trusted: TrustedKeys,
  lines: string[],
  intake: IntakeView | undefined,
  panels: ChairRegistry | undefined,
): Promise<InspectReport> {
  const kind = 'result-bundle';
  // As the intake: decisions need their chair's signature, checked against the packages given
  // (none given to an intake view: a decision cannot be attributed and is refused).
  const chairs = panels?.byPanel ?? (intake ? new Map() : undefined);
  const r = await verifyResultBundle(path, {
    trusted,
    profileKeyIds: intake?.profileKeyIds,
    ...(chairs ? { chairs } : {}),
  });
  if (!r.ok) return refused(kind, lines, refusalOfBundle(r.code), r.code, r.message, r.detail);
  const m = r.manifest;
  // The intake's own words (intake.ts) for a demo profile's bundle.
  if (intake && m.demo && !intake.acceptDemo)
    return refused(
      kind,
      lines,
      'invalid',
      'demo-bundle',
      '该结果包来自演示用户（演示数据，演示密钥公开），正式平台不接收；请用正式用户重新评审后发送',
    );
  return {
    kind,
    verdict: 'valid',
    ids: {
      bundleId: m.bundleId,
      profileId: m.profileId,
      counter: m.counter,
      bundleHash: r.bundleHash,
      signedBy: r.signedBy,
      chairSignedBy: r.chairSigners.map((c) => c.keyid),
    },
    lines: [
      ...lines,
      `结果包 ${m.bundleId}，用户档案 ${m.profileId}，序号 ${m.counter}`,
      ...signerRoles(r.signedBy, m.profileId, r.chairSigners, intake),
      `记录 ${r.records.length} 条，附件 ${m.evidence.length} 个，均与签名清单一致`,
      `结果包哈希 ${r.bundleHash}`,
      '有效',
    ],
  };
}

/** Who each signature stands for: the bundle's profile, a panel's chair, or both. */
function signerRoles(
  signedBy: readonly string[],
  profileId: string,
  chairSigners: readonly ChairSigner[],
  intake: IntakeView | undefined,
): string[] {
  const own = new Set(intake?.profileKeyIds(profileId) ?? []);
  return signedBy.map((keyid) => {
    const roles = [
      ...(own.has(keyid) ? [`用户档案 ${profileId} 的登记密钥`] : []),
      ...chairSigners
        .filter((c) => c.keyid === keyid)
        .map((c) => `${c.panelName}组长${c.chairName}（${c.chairExpertId}）的登记密钥`),
    ];
    return `签名人 ${keyid}：${roles.length > 0 ? roles.join('；') : '受信任的密钥'}`;
  });
}

/** Exactly what a workstation does with the file: openWorkPackage, the app's own verifier. */
async function inspectPackage(
  path: string,
  trusted: TrustedKeys,
  lines: string[],
): Promise<InspectReport> {
  const kind = 'work-package';
  const r = await openWorkPackage(path, { trustedKeys: trusted });
  if (!r.ok) return refused(kind, lines, refusalOfPackage(r.code), r.code, r.message, r.detail);
  const m = r.manifest;
  const inside = r.files.filter((f) => f.location === 'package').length;
  const external = r.files.length - inside;
  return {
    kind,
    verdict: 'valid',
    ids: {
      packageId: m.packageId,
      version: m.version,
      envelopeHash: r.envelopeHash,
      signedBy: r.signedBy,
    },
    lines: [
      ...lines,
      `工作包 ${m.packageId} 第 ${m.version} 版，签发方 ${m.issuer}，区 ${m.district}`,
      `包内文件 ${inside} 个均与清单一致${external ? `；外部媒体 ${external} 个需单独按 SHA-256 核对` : ''}`,
      `清单哈希 ${r.envelopeHash}`,
      '有效',
    ],
  };
}

function inspectJson(bytes: Uint8Array, trusted: TrustedKeys, name: string): InspectReport {
  const env = parseEnvelopeText(bytes, `文件“${name}”`);
  if (!env.ok) {
    // JSON that is not an envelope is a refused document (exit 1), not an unreadable file.
    if (env.code !== 'unreadable') return refused('unknown', [], 'invalid', env.code, env.message);
    return unreadable(
      isUtf8(bytes)
        ? `文件“${name}”是文本文件，不是 JSON 格式的签名文件，也不是 ZIP 包`
        : `文件“${name}”既不是 ZIP 包，也不是签名 JSON 文件（内容为二进制数据）`,
    );
  }
  const kind = KIND_BY_TYPE[env.envelope.payloadType] ?? 'unknown';
  const lines = [
    `类型：${KIND_NAME[kind]}（${env.envelope.payloadType}）`,
    ...signerLines(env.envelope, trusted),
  ];
  const done = (
    r: { ok: true; signedBy: string[] } | Failure,
    facts: string[],
    ids: Record<string, string | number> = {},
  ): InspectReport =>
    r.ok
      ? {
          kind,
          verdict: 'valid',
          ids: { ...ids, signedBy: r.signedBy },
          lines: [...lines, ...facts, '有效'],
        }
      : refused(kind, lines, 'invalid', r.code, r.message, r.detail);

  switch (kind) {
    case 'receipt': {
      const r = openSignedJson(env.envelope, PAYLOAD_TYPES.receipt, trusted, receiptSchema, '回执');
      return done(
        r,
        r.ok
          ? [
              `结果包 ${r.value.bundleId}（序号 ${r.value.counter}）已于 ${r.value.receivedAt} 接收，确认记录 ${r.value.acceptedRecordIds.length} 条`,
            ]
          : [],
        r.ok
          ? {
              receiptId: r.value.receiptId,
              bundleId: r.value.bundleId,
              profileId: r.value.profileId,
              counter: r.value.counter,
            }
          : {},
      );
    }
    case 'enrollment-request': {
      // Self-signed: verifiable without a trust list, against the key it carries.
      // Opened exactly as the intake enrolls it.
      const r = openEnrollmentRequest(bytes);
      if (!r.ok) return refused(kind, lines, 'invalid', r.code, r.message, r.detail);
      const q = r.request;
      return done(
        { ok: true, signedBy: [q.keyid] },
        [`用户档案 ${q.profileId}（${q.name}，${q.role}），密钥指纹 ${q.keyid}`],
        { profileId: q.profileId, keyid: q.keyid },
      );
    }
    case 'enrollment-reply': {
      const r = openSignedJson(
        env.envelope,
        PAYLOAD_TYPES.enrollmentReply,
        trusted,
        enrollmentReplySchema,
        '注册回复',
      );
      return done(
        r,
        r.ok
          ? [
              `签发方 ${r.value.issuer}，平台密钥 ${r.value.platformKeys.length} 个，停用 ${r.value.retireKeyIds.length} 个`,
            ]
          : [],
        r.ok ? { profileId: r.value.profileId, workstationKeyid: r.value.workstationKeyid } : {},
      );
    }
    default:
      return refused(
        kind,
        lines,
        'invalid',
        'wrong-type',
        `不认识的内容类型 ${env.envelope.payloadType}`,
      );
  }
}
