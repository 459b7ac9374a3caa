// "Is this file valid, and why not?" for any signed file we exchange: a work package (.qhpkg),
// a result bundle (.qhres) or a signed JSON document (receipt, enrollment request or reply).
// Used by the verify CLI; returns a report rather than printing, so it can be tested.
import { base64ToBytes, PAYLOAD_TYPES, type Envelope } from '../../../src-shared/bundle/envelope';
import {
  enrollmentReplySchema,
  enrollmentRequestSchema,
} from '../../../src-shared/bundle/enrollment';
import { receiptSchema } from '../../../src-shared/bundle/receipt';
import { workPackageManifestSchema } from '../../../src-shared/bundle/records';
import {
  BUNDLE_ENVELOPE_ENTRY,
  BUNDLE_FILES_DIR,
  RETIRED_RESULT_BUNDLE_TYPE,
} from '../../../src-shared/bundle/resultBundle';
import { keyIdOf, type TrustedKeys } from '../crypto/ed25519';
import { sha256Hex } from '../crypto/hash';
import { openSignedJson, parseEnvelopeText, peekPayload } from '../crypto/signedJson';
import { verifyResultBundle } from './verify';
import { readZip } from './zip';

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
  lines: string[];
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

export async function inspectFile(bytes: Uint8Array, trusted: TrustedKeys): Promise<InspectReport> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return isZip ? inspectZip(bytes, trusted) : inspectJson(bytes, trusted);
}

async function inspectZip(bytes: Uint8Array, trusted: TrustedKeys): Promise<InspectReport> {
  const zip = await readZip(bytes, undefined, '文件');
  if (!zip.ok)
    return {
      kind: 'unknown',
      verdict: zip.code === 'zip-unreadable' ? 'unreadable' : 'invalid',
      lines: [zip.message],
    };
  const envBytes = zip.files.get(BUNDLE_ENVELOPE_ENTRY);
  if (!envBytes)
    return {
      kind: 'unknown',
      verdict: 'unreadable',
      lines: [`压缩包中没有 ${BUNDLE_ENVELOPE_ENTRY}，不是工作包或结果包`],
    };
  const env = parseEnvelopeText(envBytes, BUNDLE_ENVELOPE_ENTRY);
  if (!env.ok) return { kind: 'unknown', verdict: 'unreadable', lines: [env.message] };
  const kind = KIND_BY_TYPE[env.envelope.payloadType] ?? 'unknown';
  const lines = [
    `类型：${KIND_NAME[kind]}（${env.envelope.payloadType}）`,
    ...signerLines(env.envelope, trusted),
  ];

  if (kind === 'result-bundle') {
    const r = await verifyResultBundle(bytes, { trusted });
    if (!r.ok) return { kind, verdict: 'invalid', lines: [...lines, `无效：${r.message}`] };
    const m = r.manifest;
    return {
      kind,
      verdict: 'valid',
      lines: [
        ...lines,
        `结果包 ${m.bundleId}，用户档案 ${m.profileId}，序号 ${m.counter}`,
        `记录 ${r.records.length} 条，附件 ${m.evidence.length} 个，均与签名清单一致`,
        `结果包哈希 ${r.bundleHash}`,
        '有效',
      ],
    };
  }
  if (kind === 'work-package') {
    const opened = openSignedJson(
      env.envelope,
      PAYLOAD_TYPES.workPackage,
      trusted,
      workPackageManifestSchema,
      '工作包清单',
    );
    if (!opened.ok)
      return { kind, verdict: 'invalid', lines: [...lines, `无效：${opened.message}`] };
    const m = opened.value;
    const inside = new Set<string>();
    let external = 0;
    for (const f of m.files) {
      if (f.external) {
        external++;
        continue;
      }
      const data = zip.files.get(BUNDLE_FILES_DIR + f.path);
      if (!data)
        return {
          kind,
          verdict: 'invalid',
          lines: [...lines, `无效：清单列出的文件 ${f.path} 不在包中`],
        };
      if (data.byteLength !== f.size || sha256Hex(data) !== f.sha256) {
        return {
          kind,
          verdict: 'invalid',
          lines: [...lines, `无效：文件 ${f.path} 与清单中的大小或 SHA-256 不符`],
        };
      }
      inside.add(BUNDLE_FILES_DIR + f.path);
    }
    const extra = [...zip.files.keys()].find((n) => n !== BUNDLE_ENVELOPE_ENTRY && !inside.has(n));
    if (extra)
      return {
        kind,
        verdict: 'invalid',
        lines: [...lines, `无效：包中有清单未列出的文件 ${extra}`],
      };
    return {
      kind,
      verdict: 'valid',
      lines: [
        ...lines,
        `工作包 ${m.packageId} 第 ${m.version} 版，签发方 ${m.issuer}，区 ${m.district}`,
        `包内文件 ${inside.size} 个均与清单一致${external ? `；外部媒体 ${external} 个需单独按 SHA-256 核对` : ''}`,
        `清单哈希 ${sha256Hex(opened.payload)}`,
        '有效',
      ],
    };
  }
  return {
    kind,
    verdict: 'invalid',
    lines: [...lines, '无效：压缩包中的内容类型不是工作包或结果包'],
  };
}

function inspectJson(bytes: Uint8Array, trusted: TrustedKeys): InspectReport {
  const env = parseEnvelopeText(bytes, '文件');
  if (!env.ok) return { kind: 'unknown', verdict: 'unreadable', lines: [env.message] };
  const kind = KIND_BY_TYPE[env.envelope.payloadType] ?? 'unknown';
  const lines = [
    `类型：${KIND_NAME[kind]}（${env.envelope.payloadType}）`,
    ...signerLines(env.envelope, trusted),
  ];
  const done = (
    r: { ok: true } | { ok: false; message: string },
    facts: string[],
  ): InspectReport =>
    r.ok
      ? { kind, verdict: 'valid', lines: [...lines, ...facts, '有效'] }
      : { kind, verdict: 'invalid', lines: [...lines, `无效：${r.message}`] };

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
      );
    }
    case 'enrollment-request': {
      // Self-signed: verifiable without a trust list, against the key it carries.
      const peek = peekPayload(env.envelope, enrollmentRequestSchema);
      if (!peek)
        return { kind, verdict: 'invalid', lines: [...lines, '无效：注册申请内容格式不正确'] };
      const raw = base64ToBytes(peek.publicKey);
      if (raw.length !== 32 || keyIdOf(raw) !== peek.keyid)
        return { kind, verdict: 'invalid', lines: [...lines, '无效：公钥与指纹不符'] };
      const r = openSignedJson(
        env.envelope,
        PAYLOAD_TYPES.enrollmentRequest,
        new Map([[peek.keyid, raw]]),
        enrollmentRequestSchema,
        '注册申请',
      );
      return done(
        r,
        r.ok
          ? [
              `用户档案 ${r.value.profileId}（${r.value.name}，${r.value.role}），密钥指纹 ${r.value.keyid}`,
            ]
          : [],
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
      );
    }
    default:
      return { kind, verdict: 'invalid', lines: [...lines, '无效：不认识的内容类型'] };
  }
}
