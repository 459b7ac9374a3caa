// The platform's signed certificate record: what a certificate's QR code carries, so anyone
// with the platform's public key can check offline that a paper certificate is genuine and
// what it certifies. The platform signs it; the workstation only copies it onto paper.
//
// Compact text (QR codes are small): `QHC1.<keyid prefix>.<payload>.<signature>` where payload
// and signature are base64url without padding, the keyid prefix is the first 16 hex digits of
// the signing key's keyid, and the signature is Ed25519 over the DSSE pre-authentication
// encoding of CERTIFICATE_RECORD_TYPE and the payload bytes, as for every other envelope.
import { z } from 'zod';
import { isoDate, onlineEditions, programCode, recordId } from '../bundle/records';

export const CERTIFICATE_RECORD_TYPE = 'application/vnd.qihang.certificate+json;version=1';
export const CERTIFICATE_TEXT_PREFIX = 'QHC1';

export const certificateRecordSchema = z
  .object({
    v: z.literal(1),
    number: z.string().min(1).max(64),
    traineeId: recordId,
    name: z.string().min(1).max(64),
    idNumberMasked: z.string().min(4).max(32),
    program: programCode,
    onlineEdition: z.enum(onlineEditions).optional(),
    classId: recordId,
    hours: z.number().positive().max(1000),
    startDate: isoDate,
    endDate: isoDate,
    organizer: z.string().min(1).max(200),
    /** The district bureau that issues the certificate, e.g. 北京市海淀区人力资源和社会保障局. */
    issuer: z.string().min(1).max(200),
    issuedOn: isoDate,
  })
  .strict();
export type CertificateRecord = z.infer<typeof certificateRecordSchema>;

export interface CertificateText {
  keyidPrefix: string;
  payload: Uint8Array;
  signature: Uint8Array;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const s = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  // Only the canonical spelling is accepted, so one record has exactly one text.
  return toBase64Url(out) === text ? out : null;
}

export function formatCertificateText(t: CertificateText): string {
  return [
    CERTIFICATE_TEXT_PREFIX,
    t.keyidPrefix,
    toBase64Url(t.payload),
    toBase64Url(t.signature),
  ].join('.');
}

export type ParsedText = { ok: true; value: CertificateText } | { ok: false; message: string };

/** Splits the text; says what is wrong in words. Verifying the signature is main's job. */
export function parseCertificateText(text: string): ParsedText {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts[0] !== CERTIFICATE_TEXT_PREFIX)
    return {
      ok: false,
      message: `不是证书二维码内容：应以 ${CERTIFICATE_TEXT_PREFIX}. 开头并由 4 段组成`,
    };
  const [, keyidPrefix, p, s] = parts as [string, string, string, string];
  if (!/^[0-9a-f]{16}$/.test(keyidPrefix))
    return { ok: false, message: '证书二维码内容的密钥标识段不正确' };
  const payload = fromBase64Url(p);
  const signature = fromBase64Url(s);
  if (!payload) return { ok: false, message: '证书二维码内容的记录段不是有效的 base64url' };
  if (!signature || signature.length !== 64)
    return { ok: false, message: '证书二维码内容的签名段不正确' };
  return { ok: true, value: { keyidPrefix, payload, signature } };
}

export type DecodedRecord =
  { ok: true; record: CertificateRecord } | { ok: false; message: string };

/**
 * Reads the record inside the text WITHOUT checking its signature: for cross-checks against
 * the package before printing. Whether it is genuine is decided by main (verifyCertificateText).
 */
export function decodeCertificatePayload(payload: Uint8Array): DecodedRecord {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { ok: false, message: '证书记录不是有效的 UTF-8 JSON' };
  }
  const parsed = certificateRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `证书记录字段“${issue?.path.join('.') || '（根）'}”不合格：${issue?.message ?? ''}`,
    };
  }
  return { ok: true, record: parsed.data };
}

export function peekCertificateText(text: string): DecodedRecord {
  const parsed = parseCertificateText(text);
  if (!parsed.ok) return parsed;
  return decodeCertificatePayload(parsed.value.payload);
}
