// Signed documents travel as DSSE-style envelopes: the signature covers the payload type and
// the exact payload bytes (PAE), so nobody has to agree on a JSON canonical form, and an
// envelope can carry several signatures (an expert's and the panel chair's).
import { z } from 'zod';

export const PAYLOAD_TYPES = {
  workPackage: 'application/vnd.qihang.work-package+json;version=1',
  resultBundle: 'application/vnd.qihang.result-bundle+json;version=2',
  receipt: 'application/vnd.qihang.receipt+json;version=1',
  enrollmentRequest: 'application/vnd.qihang.enrollment-request+json;version=1',
  enrollmentReply: 'application/vnd.qihang.enrollment-reply+json;version=1',
  policyPack: 'application/vnd.qihang.policy-pack+json;version=1',
} as const;

// What people call each signed document (docs/glossary.md); a content type never reaches them.
const PAYLOAD_TYPE_NAMES: Record<string, string> = {
  [PAYLOAD_TYPES.workPackage]: '工作包',
  [PAYLOAD_TYPES.resultBundle]: '结果包',
  [PAYLOAD_TYPES.receipt]: '回执',
  [PAYLOAD_TYPES.enrollmentRequest]: '注册申请',
  [PAYLOAD_TYPES.enrollmentReply]: '注册回复',
  [PAYLOAD_TYPES.policyPack]: '政策包',
};

/** The document's name for a content type; versions we do not read are named as such. */
export function payloadTypeName(type: string): string {
  const known = PAYLOAD_TYPE_NAMES[type];
  if (known) return known;
  const sameKind = Object.entries(PAYLOAD_TYPE_NAMES).find(
    ([t]) => t.split(';')[0] === type.split(';')[0],
  );
  return sameKind ? `其他版本的${sameKind[1]}` : '其他类型的文件';
}

// Canonical standard base64 (RFC 4648 §4, padded, no line breaks), the form DSSE's own tools
// write. DSSE leaves the form open; we accept exactly one spelling of each byte string, so a
// signature or payload cannot be re-spelled (unpadded, non-zero tail bits) without notice. The
// pattern carries the alphabet and the zero tail bits (the last data character before "==" is
// one of AQgw, before "=" one of AEIMQUYcgkosw048); the length check is separate because a
// grouped pattern over a multi-megabyte payload overflows the regex engine's stack.
const CANONICAL_BASE64 = /^[A-Za-z0-9+/]*(?:[AQgw]==|[AEIMQUYcgkosw048]=)?$/;

export function isCanonicalBase64(s: string): boolean {
  return s.length % 4 === 0 && CANONICAL_BASE64.test(s);
}

const base64 = z
  .string()
  .regex(CANONICAL_BASE64, '须为标准 base64（带填充，无换行）')
  .refine((s) => s.length % 4 === 0, '须为标准 base64（长度须为 4 的倍数）')
  .meta({ description: 'Canonical standard base64 (RFC 4648 §4): padded, length a multiple of 4' });

export const envelopeSchema = z.object({
  payloadType: z.string().min(1).max(200),
  payload: base64,
  signatures: z
    .array(
      z.object({
        /** Hex SHA-256 of the signer's raw 32-byte Ed25519 public key. */
        keyid: z.string().regex(/^[0-9a-f]{64}$/),
        sig: base64,
      }),
    )
    .min(1),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const utf8 = new TextEncoder();

/** DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8.encode(payloadType);
  const head = utf8.encode(`DSSEv1 ${type.length} `);
  const mid = utf8.encode(` ${payload.length} `);
  const out = new Uint8Array(head.length + type.length + mid.length + payload.length);
  out.set(head, 0);
  out.set(type, head.length);
  out.set(mid, head.length + type.length);
  out.set(payload, head.length + type.length + mid.length);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
