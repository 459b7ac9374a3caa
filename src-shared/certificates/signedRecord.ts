// The platform's signed certificate record: what a certificate's QR code carries, so anyone
// with the platform's public key can check offline that a paper certificate is genuine and
// what it certifies. The platform signs it; the workstation only copies it onto paper.
//
// Version 2 (written now): `QHC2.<keyid prefix>.<signature>.<payload>`. The payload is the
// record as a JSON array in a fixed field order, carried as raw UTF-8 (QR byte mode holds
// UTF-8) and last, so it may contain dots; the signature is base64url without padding. Every
// byte costs QR modules, and at 1,000 certificates a batch is mostly QR codes: no key names,
// the issuing bureau as its district code, and no internal ids (the platform's certificate
// number identifies the certificate; the package binds it to the trainee and the class).
//
// Version 1 (still read): `QHC1.<keyid prefix>.<payload>.<signature>`, payload base64url of a
// JSON object with key names.
//
// Both: the keyid prefix is the first 16 hex digits of the signing key's keyid, and the
// signature is Ed25519 over the DSSE pre-authentication encoding of the version's payload type
// and the payload bytes, as for every other envelope.
import { z } from 'zod';
import {
  onlineEditions,
  programCode,
  type OnlineEdition,
  type ProgramCode,
} from '../records/records';
import { isoDate, recordId } from '../wire/primitives';
import { isDistrictCode, issuerName, type DistrictCode } from './districts';

export type CertificateRecordVersion = 1 | 2;

export const CERTIFICATE_RECORD_TYPES = {
  1: 'application/vnd.qihang.certificate+json;version=1',
  2: 'application/vnd.qihang.certificate+json;version=2',
} as const satisfies Record<CertificateRecordVersion, string>;
export const CERTIFICATE_TEXT_PREFIXES = { 1: 'QHC1', 2: 'QHC2' } as const;

const hours = z.number().positive().max(1000);
const districtCode = z
  .string()
  .refine(isDistrictCode, '不是北京市 16 个区之一的行政区划代码')
  .transform((c) => c as DistrictCode);

/** What a version 2 record certifies: every field is printed on the certificate. */
export const certificateFactsSchema = z
  .object({
    number: z.string().min(1).max(64),
    name: z.string().min(1).max(64),
    idNumberMasked: z.string().min(4).max(32),
    program: programCode,
    onlineEdition: z.enum(onlineEditions).optional(),
    hours,
    startDate: isoDate.refine(isRealDate, '不是真实日期'),
    endDate: isoDate.refine(isRealDate, '不是真实日期'),
    organizer: z.string().min(1).max(200),
    /** The issuing district bureau's district (GB/T 2260 code, e.g. 110108 海淀区). */
    district: districtCode,
    issuedOn: isoDate.refine(isRealDate, '不是真实日期'),
  })
  .strict();
export type CertificateFacts = z.input<typeof certificateFactsSchema>;

/** 2025-03-03 ⇄ 20250303: a version 2 date is a JSON number, two quotes and two dashes fewer. */
const compactDate = z
  .number()
  .int()
  .refine((n) => isRealDate(String(n).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')), {
    message: '日期须为 YYYYMMDD 形式的真实日期',
  })
  .transform((n) => String(n).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'));
const toCompactDate = (iso: string) => Number(iso.replace(/-/g, ''));

function isRealDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * The version 2 payload: the facts as a JSON array in this order, no key names; dates and the
 * district code as numbers; the online edition last and only when there is one.
 */
const factsTuple = z
  .tuple([
    z.string().min(1).max(64),
    z.string().min(1).max(64),
    z.string().min(4).max(32),
    programCode,
    hours,
    compactDate,
    compactDate,
    z.string().min(1).max(200),
    z.number().int().transform(String).pipe(districtCode),
    compactDate,
  ])
  .rest(z.enum(onlineEditions))
  .refine((t) => t.length <= 11, { message: '证书记录的字段多于 11 个' });
const TUPLE_FIELDS = [
  'number',
  'name',
  'idNumberMasked',
  'program',
  'hours',
  'startDate',
  'endDate',
  'organizer',
  'district',
  'issuedOn',
  'onlineEdition',
] as const;

/** The version 1 payload, a JSON object (read only). */
const recordV1Schema = z
  .object({
    v: z.literal(1),
    number: z.string().min(1).max(64),
    traineeId: recordId,
    name: z.string().min(1).max(64),
    idNumberMasked: z.string().min(4).max(32),
    program: programCode,
    onlineEdition: z.enum(onlineEditions).optional(),
    classId: recordId,
    hours,
    startDate: isoDate,
    endDate: isoDate,
    organizer: z.string().min(1).max(200),
    issuer: z.string().min(1).max(200),
    issuedOn: isoDate,
  })
  .strict();

/** A record as both versions read: what the certificate prints, and where it came from. */
export interface CertificateRecord {
  v: CertificateRecordVersion;
  number: string;
  name: string;
  idNumberMasked: string;
  program: ProgramCode;
  onlineEdition?: OnlineEdition;
  hours: number;
  startDate: string;
  endDate: string;
  organizer: string;
  /** The issuing bureau's full name (version 2: from the district table). */
  issuer: string;
  /** Version 2: the issuing district's code. */
  district?: DistrictCode;
  issuedOn: string;
  /** Version 1 only: the platform's internal ids, which version 2 leaves to the package. */
  traineeId?: string;
  classId?: string;
}

/** The signed bytes of a version 2 record (throws on facts the schema refuses: platform side). */
export function encodeCertificateFacts(facts: CertificateFacts): Uint8Array {
  const f = certificateFactsSchema.parse(facts);
  const row: (string | number)[] = [
    f.number,
    f.name,
    f.idNumberMasked,
    f.program,
    f.hours,
    toCompactDate(f.startDate),
    toCompactDate(f.endDate),
    f.organizer,
    Number(f.district),
    toCompactDate(f.issuedOn),
  ];
  if (f.onlineEdition) row.push(f.onlineEdition);
  return new TextEncoder().encode(JSON.stringify(row));
}

export interface CertificateText {
  version: CertificateRecordVersion;
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
  const sig = toBase64Url(t.signature);
  if (t.version === 1)
    return [CERTIFICATE_TEXT_PREFIXES[1], t.keyidPrefix, toBase64Url(t.payload), sig].join('.');
  return [
    CERTIFICATE_TEXT_PREFIXES[2],
    t.keyidPrefix,
    sig,
    new TextDecoder().decode(t.payload),
  ].join('.');
}

export type ParsedText = { ok: true; value: CertificateText } | { ok: false; message: string };

const NOT_CERTIFICATE = '不是证书二维码内容：应以 QHC2.（或旧版 QHC1.）开头并由 4 段组成';

/** Splits the text; says what is wrong in words. Verifying the signature is main's job. */
export function parseCertificateText(text: string): ParsedText {
  const t = text.trim();
  const head = t.slice(0, 5);
  const version =
    head === `${CERTIFICATE_TEXT_PREFIXES[2]}.`
      ? 2
      : head === `${CERTIFICATE_TEXT_PREFIXES[1]}.`
        ? 1
        : 0;
  if (version === 0) return { ok: false, message: NOT_CERTIFICATE };
  // Version 2 puts the payload last and lets it hold dots: split off the first three only.
  const parts = t.split('.');
  const fields = version === 2 ? [...parts.slice(0, 3), parts.slice(3).join('.')] : parts;
  if (fields.length !== 4 || parts.length < 4) return { ok: false, message: NOT_CERTIFICATE };
  const [, keyidPrefix, a, b] = fields as [string, string, string, string];
  if (!/^[0-9a-f]{16}$/.test(keyidPrefix))
    return { ok: false, message: '证书二维码内容的密钥标识段不正确' };
  const [sigText, payloadText] = version === 2 ? [a, b] : [b, a];
  const payload =
    version === 2 ? new TextEncoder().encode(payloadText) : fromBase64Url(payloadText);
  const signature = fromBase64Url(sigText);
  if (!payload || payload.length === 0)
    return { ok: false, message: '证书二维码内容的记录段不正确' };
  if (!signature || signature.length !== 64)
    return { ok: false, message: '证书二维码内容的签名段不正确' };
  return { ok: true, value: { version, keyidPrefix, payload, signature } };
}

export type DecodedRecord =
  { ok: true; record: CertificateRecord } | { ok: false; message: string };

function fieldProblem(error: z.ZodError, names?: readonly string[]): string {
  const issue = error.issues[0];
  const at = issue?.path[0];
  const field = typeof at === 'number' && names ? (names[at] ?? String(at)) : issue?.path.join('.');
  return `证书记录字段“${field || '（根）'}”不合格：${issue?.message ?? ''}`;
}

/**
 * Reads the record inside the text WITHOUT checking its signature: for cross-checks against
 * the package before printing. Whether it is genuine is decided by main (verifyCertificateText).
 */
export function decodeCertificatePayload(
  version: CertificateRecordVersion,
  payload: Uint8Array,
): DecodedRecord {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { ok: false, message: '证书记录不是有效的 UTF-8 JSON' };
  }
  if (version === 1) {
    const v1 = recordV1Schema.safeParse(json);
    return v1.success
      ? { ok: true, record: v1.data }
      : { ok: false, message: fieldProblem(v1.error) };
  }
  const v2 = factsTuple.safeParse(json);
  if (!v2.success) return { ok: false, message: fieldProblem(v2.error, TUPLE_FIELDS) };
  const [number, name, idNumberMasked, program, h, startDate, endDate, organizer, district] =
    v2.data;
  const [issuedOn, edition] = [v2.data[9], v2.data[10]];
  return {
    ok: true,
    record: {
      v: 2,
      number,
      name,
      idNumberMasked,
      program,
      ...(edition ? { onlineEdition: edition } : {}),
      hours: h,
      startDate,
      endDate,
      organizer,
      issuer: issuerName(district),
      district,
      issuedOn,
    },
  };
}

export function peekCertificateText(text: string): DecodedRecord {
  const parsed = parseCertificateText(text);
  if (!parsed.ok) return parsed;
  return decodeCertificatePayload(parsed.value.version, parsed.value.payload);
}
